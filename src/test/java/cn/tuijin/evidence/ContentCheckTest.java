package cn.tuijin.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import cn.tuijin.system.InvalidInputException;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/** What an upload is, from its bytes: the five accepted types, and the names that lie about them. */
class ContentCheckTest {

    private final ContentCheck check = new ContentCheck();

    @Test
    void theAcceptedTypesAreRecognisedFromTheirBytes() throws IOException {
        assertThat(check.check("现场.png", EvidenceFiles.png())).isEqualTo("image/png");
        assertThat(check.check("现场.JPG", jpeg())).isEqualTo("image/jpeg");
        assertThat(check.check("现场.jpeg", jpeg())).isEqualTo("image/jpeg");
        assertThat(check.check("报告.pdf", EvidenceFiles.pdf())).isEqualTo("application/pdf");
        assertThat(check.check("合同.docx", docx())).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(check.check("进度.xlsx", xlsx())).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    @Test
    void aNameThatContradictsTheBytesIsRefused() throws IOException {
        assertRefused("合同.xlsx", docx(), "扩展名与内容不符", "Word 文档");
        assertRefused("照片.jpg", EvidenceFiles.png(), "扩展名与内容不符", "PNG 图片");
        assertRefused("许可证.pdf", EvidenceFiles.exe(), "不是 jpg、png、pdf、docx、xlsx 文件");
    }

    @Test
    void otherFilesAreRefusedWhateverTheirName() throws IOException {
        assertRefused("程序.exe", EvidenceFiles.exe(), "扩展名不在其中");
        assertRefused("说明.txt", "文字".getBytes(StandardCharsets.UTF_8), "扩展名不在其中");
        assertRefused("无扩展名", EvidenceFiles.png(), "扩展名不在其中");
        assertRefused("文档.docx", plainZip(), "不是 jpg、png、pdf、docx、xlsx 文件");
        assertRefused("网页.pdf", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), "不是 jpg、png、pdf、docx、xlsx 文件");
    }

    private void assertRefused(String name, byte[] bytes, String... message) {
        assertThatThrownBy(() -> check.check(name, bytes)).isInstanceOf(InvalidInputException.class)
                .hasMessageContainingAll(message)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("file"));
    }

    private static byte[] jpeg() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static byte[] docx() throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("施工合同");
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] xlsx() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("进度").createRow(0).createCell(0).setCellValue("形象进度");
            book.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] plainZip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("不是文档".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
