package cn.tuijin.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence kept in a directory of the installation (tuijin.evidence.storage=directory). */
class DirectoryStorageTest {

    @TempDir
    Path directory;

    @Test
    void aFileIsStoredReadAndDeletedLeavingNoPartsBehind() throws IOException {
        DirectoryStorage storage = new DirectoryStorage(directory.resolve("evidence"));
        byte[] photo = EvidenceFiles.png();

        storage.store(7, photo);

        assertThat(storage.read(7)).isEqualTo(photo);
        try (var files = Files.list(directory.resolve("evidence"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("7.bin");
        }
        storage.delete(7);
        assertThat(directory.resolve("evidence/7.bin")).doesNotExist();
    }

    @Test
    void theSettingIsCheckedAtStartUp() {
        EvidenceConfiguration configuration = new EvidenceConfiguration();
        assertThat(configuration.evidenceStorage("directory", directory.toString(), null)).isInstanceOf(DirectoryStorage.class);
        assertThat(configuration.evidenceStorage("database", "", null)).isInstanceOf(DatabaseStorage.class);
        assertThatThrownBy(() -> configuration.evidenceStorage("directory", " ", null)).hasMessageContaining("tuijin.evidence.directory");
        assertThatThrownBy(() -> configuration.evidenceStorage("s3", "", null)).hasMessageContaining("只能是 database 或 directory");
    }
}
