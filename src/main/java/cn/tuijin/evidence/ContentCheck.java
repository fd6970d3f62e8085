package cn.tuijin.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.ZipFile;

import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.TextInput;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

/**
 * What an uploaded file is, from its bytes (Apache Tika's detection), never from its name: only JPG, PNG, PDF, Word
 * (docx) and Excel (xlsx) files are taken, and a name whose extension says something else than the bytes is refused.
 * Word and Excel files are zip packages: which one it is comes from the package's parts (word/document.xml,
 * xl/workbook.xml), read from its directory without unpacking anything.
 */
@Component
class ContentCheck {

    /** The accepted types. */
    enum Accepted {
        JPG("image/jpeg", "JPG 图片", "jpg", "jpeg"),
        PNG("image/png", "PNG 图片", "png"),
        PDF("application/pdf", "PDF 文档", "pdf"),
        DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档（docx）", "docx"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格（xlsx）", "xlsx");

        final String type;
        final String label;
        final String[] extensions;

        Accepted(String type, String label, String... extensions) {
            this.type = type;
            this.label = label;
            this.extensions = extensions;
        }

        /** Images and PDF documents are shown in the browser; the others are downloaded. */
        static boolean previewable(String type) {
            return JPG.type.equals(type) || PNG.type.equals(type) || PDF.type.equals(type);
        }
    }

    static final String FIELD = "file";
    private static final String ALLOWED = "jpg、png、pdf、docx、xlsx";

    private final Tika tika = new Tika();

    /** The content type of the file, detected from its bytes; a Chinese refusal naming the file otherwise. */
    String check(String fileName, byte[] bytes) {
        String shown = "「" + TextInput.shown(fileName) + "」";
        Accepted byName = byExtension(extension(fileName));
        if (byName == null) {
            throw new InvalidInputException(FIELD, "只能上传 " + ALLOWED + " 文件：" + shown + "的扩展名不在其中");
        }
        String detected = tika.detect(bytes);
        Accepted byBytes = Arrays.stream(Accepted.values()).filter(a -> a.type.equals(detected)).findFirst()
                .orElseGet(() -> officePackage(detected, bytes));
        if (byBytes == null) {
            throw new InvalidInputException(FIELD, shown + "的内容不是 " + ALLOWED + " 文件（识别为 " + detected + "），不能上传");
        }
        if (byBytes != byName) {
            throw new InvalidInputException(FIELD, shown + "的扩展名与内容不符：内容是" + byBytes.label + "，扩展名却是 ."
                    + extension(fileName) + "。请上传原始文件，不要改扩展名");
        }
        return byBytes.type;
    }

    private static Accepted byExtension(String extension) {
        for (Accepted a : Accepted.values()) {
            if (Arrays.asList(a.extensions).contains(extension)) {
                return a;
            }
        }
        return null;
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** A zip package (Tika names OOXML and plain zip alike without a name): Word or Excel by its parts, else none. */
    private static Accepted officePackage(String detected, byte[] bytes) {
        if (!detected.equals("application/zip") && !detected.equals("application/x-tika-ooxml")) {
            return null;
        }
        Path temp = null;
        try {
            temp = Files.createTempFile("tuijin-evidence-", ".zip");
            Files.write(temp, bytes);
            try (ZipFile zip = new ZipFile(temp.toFile())) {
                if (zip.getEntry("[Content_Types].xml") == null) {
                    return null;
                }
                if (zip.getEntry("word/document.xml") != null) {
                    return Accepted.DOCX;
                }
                return zip.getEntry("xl/workbook.xml") != null ? Accepted.XLSX : null;
            }
        } catch (IOException e) {
            return null;   // not a readable zip package
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
