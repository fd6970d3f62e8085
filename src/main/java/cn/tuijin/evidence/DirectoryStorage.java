package cn.tuijin.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Evidence bytes as files of a directory of the installation, one per file id ({@code <directory>/<id>.bin}): written to a
 * temporary name first and then moved, so a reader never sees half a file.
 */
class DirectoryStorage implements EvidenceStorage {

    private final Path directory;

    DirectoryStorage(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("附件目录 " + directory + " 无法创建", e);
        }
        if (!Files.isWritable(directory)) {
            throw new IllegalStateException("附件目录 " + directory + " 不可写（tuijin.evidence.directory）");
        }
    }

    @Override
    public String name() {
        return "DIRECTORY";
    }

    @Override
    public void store(long fileId, byte[] content) {
        try {
            Path part = Files.createTempFile(directory, fileId + "-", ".part");
            Files.write(part, content);
            Files.move(part, file(fileId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] read(long fileId) {
        try {
            return Files.readAllBytes(file(fileId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(long fileId) {
        try {
            Files.deleteIfExists(file(fileId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(long fileId) {
        return directory.resolve(fileId + ".bin");
    }
}
