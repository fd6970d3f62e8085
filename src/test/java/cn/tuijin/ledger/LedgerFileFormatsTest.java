package cn.tuijin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import cn.tuijin.TuijinTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spreadsheets as they really arrive: renamed sheets, title rows, columns in another order, merged cells, formulas,
 * dates typed as text, fifty thousand rows — and files that are no ledger at all or are built to hurt (a zip bomb).
 * None of them gets a 5xx.
 */
@TuijinTest
class LedgerFileFormatsTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired RuntimeService runtime;
    LedgerClient api;
    String prefix;

    @BeforeEach
    void setUp() {
        api = new LedgerClient(port);
        prefix = LedgerSheets.prefix();
    }

    @AfterEach
    void removeTestProjects() {
        LedgerTestData.removeTestProjects(jdbc, runtime);
    }

    /** The only problem of a refused file: about the file as a whole (no row, no column). */
    private static String fileProblem(JsonNode problem) {
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("row").isNull()).isTrue();
        return problem.get("errors").get(0).get("message").asText();
    }

    @Nested
    class Sheets {

        @Test
        void aRenamedSheetWithATitleRowAndColumnsInAnotherOrderIsRead() throws Exception {
            List<String> headers = new ArrayList<>(LedgerSheets.HEADERS);
            Collections.reverse(headers);
            headers.add("备注");
            XSSFWorkbook wb = LedgerSheets.workbook("2026年台账（第二批）", 1, headers, LedgerSheets.rows(prefix, 2, "在建"));
            Sheet sheet = wb.getSheetAt(0);
            sheet.createRow(0).createCell(0).setCellValue("2026年市重点项目台账");
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, headers.size() - 1));
            JsonNode preview = api.dryRun(LedgerSheets.bytes(wb));
            assertThat(preview.get("valid").asBoolean()).as(preview.toString()).isTrue();
            assertThat(preview.get("sheet").asText()).isEqualTo("2026年台账（第二批）");
            assertThat(preview.get("created").findValuesAsText("row")).containsExactly("3", "4");
        }

        @Test
        void theLedgerIsFoundBehindAnInstructionsSheet() throws Exception {
            XSSFWorkbook wb = new XSSFWorkbook();
            Sheet notes = wb.createSheet("说明");
            notes.createRow(0).createCell(0).setCellValue("请在第二个工作表填写");
            Sheet ledger = wb.createSheet("Sheet2");
            Row header = ledger.createRow(0);
            for (int i = 0; i < LedgerSheets.HEADERS.size(); i++) {
                header.createCell(i).setCellValue(LedgerSheets.HEADERS.get(i));
            }
            wb.setSheetOrder("说明", 0);
            Map<String, Integer> columns = new java.util.LinkedHashMap<>();
            LedgerSheets.HEADERS.forEach(h -> columns.put(h, columns.size()));
            LedgerSheets.fill(wb, ledger, columns, 1, LedgerSheets.rows(prefix, 1, "在建"));
            JsonNode preview = api.dryRun(LedgerSheets.bytes(wb));
            assertThat(preview.get("sheet").asText()).isEqualTo("Sheet2");
            assertThat(preview.get("valid").asBoolean()).isTrue();
        }

        @Test
        void aHiddenSheetIsPassedOverForTheFirstVisibleOne() throws Exception {
            XSSFWorkbook wb = LedgerSheets.workbook("旧台账", 0, LedgerSheets.HEADERS, LedgerSheets.rows(prefix + "OLD-", 1, "在建"));
            Sheet ledger = wb.createSheet("新台账");
            Row header = ledger.createRow(0);
            for (int i = 0; i < LedgerSheets.HEADERS.size(); i++) {
                header.createCell(i).setCellValue(LedgerSheets.HEADERS.get(i));
            }
            Map<String, Integer> columns = new java.util.LinkedHashMap<>();
            LedgerSheets.HEADERS.forEach(h -> columns.put(h, columns.size()));
            LedgerSheets.fill(wb, ledger, columns, 1, LedgerSheets.rows(prefix, 1, "在建"));
            wb.setActiveSheet(1);
            wb.setSheetHidden(0, true);
            JsonNode preview = api.dryRun(LedgerSheets.bytes(wb));
            assertThat(preview.get("sheet").asText()).isEqualTo("新台账");
            assertThat(preview.get("created").findValuesAsText("code")).containsExactly(prefix + "1");
        }

        @Test
        void anEmptySheetOrAHeaderWithoutRowsIsRefused() throws Exception {
            XSSFWorkbook empty = new XSSFWorkbook();
            empty.createSheet("Sheet1");
            assertThat(fileProblem(api.refusedDryRun(LedgerSheets.bytes(empty)))).contains("工作表是空的");
            byte[] headerOnly = LedgerSheets.xlsx(List.of());
            assertThat(fileProblem(api.refusedDryRun(headerOnly))).contains("第 1 行是表头，但下面没有填写任何项目");
        }

        @Test
        void aSheetWithoutTheLedgersHeadersIsRefused() throws Exception {
            XSSFWorkbook wb = LedgerSheets.workbook("Sheet1", 0, List.of("姓名", "电话", "地址"), List.of(Map.of("姓名", "张三", "电话", "123")));
            assertThat(fileProblem(api.refusedDryRun(LedgerSheets.bytes(wb)))).contains("没有找到表头行", "项目编号");
        }

        @Test
        void missingRequiredColumnsAreNamed() throws Exception {
            List<String> headers = new ArrayList<>(LedgerSheets.HEADERS);
            headers.removeAll(List.of("项目类别", "计划开工日期"));
            JsonNode problem = api.refusedDryRun(LedgerSheets.bytes(LedgerSheets.workbook("项目台账", 0, headers, LedgerSheets.rows(prefix, 1, "在建"))));
            assertThat(problem.get("errors").findValuesAsText("column")).containsExactly("项目类别", "计划开工日期");
            assertThat(problem.get("errors").findValuesAsText("row")).containsExactly("1", "1");
            assertThat(problem.get("errors").get(0).get("message").asText()).contains("缺少必填列「项目类别」");
        }

        @Test
        void mergedCellsInTheDataAreRefusedNamingTheirRowsWhileAMergedTitleIsFine() throws Exception {
            XSSFWorkbook wb = LedgerSheets.workbook("项目台账", 1, LedgerSheets.HEADERS, LedgerSheets.rows(prefix, 3, "在建"));
            Sheet sheet = wb.getSheetAt(0);
            sheet.createRow(0).createCell(0).setCellValue("重点项目台账");
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 15));
            sheet.getRow(3).removeCell(sheet.getRow(3).getCell(5));
            sheet.addMergedRegion(new CellRangeAddress(2, 3, 5, 5));
            JsonNode errors = api.refusedCommit(LedgerSheets.bytes(wb)).get("errors");
            JsonNode merged = errors.get(0);
            assertThat(merged.get("row").asInt()).isEqualTo(3);
            assertThat(merged.get("column").asText()).isEqualTo("项目级别");
            assertThat(merged.get("message").asText()).contains("第 3–4 行有合并单元格 F3:F4", "取消合并");
            assertThat(errors.toString()).doesNotContain("A1:P1");
        }
    }

    @Nested
    class Values {

        @Test
        void formulasCountWithTheirResultAndAFormulaWithoutOneIsAnErrorOfItsCell() throws Exception {
            XSSFWorkbook wb = LedgerSheets.workbook("项目台账", 0, LedgerSheets.HEADERS, LedgerSheets.rows(prefix, 3, "储备"));
            Sheet sheet = wb.getSheetAt(0);
            FormulaEvaluator evaluator = wb.getCreationHelper().createFormulaEvaluator();
            int total = LedgerSheets.HEADERS.indexOf("总投资(万元)");
            int start = LedgerSheets.HEADERS.indexOf("计划开工日期");
            Cell sum = sheet.getRow(1).getCell(total);
            sum.setCellFormula("10000+2000");
            evaluator.evaluateFormulaCell(sum);
            // the row's own start (a month before the suite's day, after its signing), as a formula
            LocalDate planned = LedgerSheets.today().minusMonths(1);
            Cell date = sheet.getRow(1).getCell(start);
            date.setCellFormula("DATE(%d,%d,%d)".formatted(planned.getYear(), planned.getMonthValue(), planned.getDayOfMonth()));
            evaluator.evaluateFormulaCell(date);
            sheet.getRow(2).removeCell(sheet.getRow(2).getCell(total));
            sheet.getRow(2).createCell(total).setCellFormula("1000*2");     // saved without a result
            Cell division = sheet.getRow(3).getCell(total);
            division.setCellFormula("1/0");
            evaluator.evaluateFormulaCell(division);
            byte[] xlsx = LedgerSheets.bytes(wb);

            JsonNode errors = api.refusedCommit(xlsx).get("errors");
            assertThat(errors.findValuesAsText("row")).as(errors.toString()).containsExactly("3", "4");
            assertThat(errors.findValuesAsText("column")).containsExactly("总投资(万元)", "总投资(万元)");
            assertThat(errors.get(0).get("message").asText()).contains("公式没有保存计算结果");
            assertThat(errors.get(1).get("message").asText()).contains("错误值 #DIV/0!");

            try (XSSFWorkbook fixed = LedgerSheets.open(xlsx)) {
                fixed.getSheetAt(0).removeRow(fixed.getSheetAt(0).getRow(2));
                fixed.getSheetAt(0).removeRow(fixed.getSheetAt(0).getRow(3));
                api.commit(LedgerSheets.bytes(fixed));
            }
            Map<String, Object> p = jdbc.queryForMap("select total_investment, planned_start_date from project where code = ?", prefix + "1");
            assertThat(p.get("TOTAL_INVESTMENT").toString()).isEqualTo("12000.00");
            assertThat(p.get("PLANNED_START_DATE").toString()).isEqualTo(planned.toString());
        }

        @Test
        void datesAndAmountsTypedAsTextInTheUsualWaysAreRead() throws Exception {
            List<Object> starts = List.of("2026-03-01", "2026/3/1", "2026年3月1日", "20260301", 20260301, "2026.3.1",
                    "２０２６－０３－０１", "2026-03-01 00:00:00");
            List<Map<String, Object>> rows = LedgerSheets.rows(prefix, starts.size(), "储备");
            for (int i = 0; i < starts.size(); i++) {
                rows.get(i).put("计划开工日期", starts.get(i));
                rows.get(i).remove("计划签约日期");
                rows.get(i).put("计划竣工日期", "2028/12/31");
            }
            rows.get(0).put("总投资(万元)", "12,000.5");
            rows.get(1).put("总投资(万元)", "１２００万元");
            rows.get(1).put("年度计划投资(万元)", null);
            api.commit(LedgerSheets.xlsx(rows));
            List<String> dates = jdbc.queryForList("select planned_start_date from project where code like ? order by code",
                    String.class, prefix + "%");
            assertThat(dates).hasSize(starts.size()).containsOnly("2026-03-01");
            assertThat(jdbc.queryForObject("select total_investment from project where code = ?", String.class, prefix + "1")).isEqualTo("12000.50");
            assertThat(jdbc.queryForObject("select total_investment from project where code = ?", String.class, prefix + "2")).isEqualTo("1200.00");
            assertThat(jdbc.queryForObject("select annual_plan_investment from project where code = ?", String.class, prefix + "2")).isEqualTo("0.00");
            assertThat(jdbc.queryForObject("select planned_completion_date from project where code = ?", LocalDate.class, prefix + "1"))
                    .isEqualTo(LocalDate.of(2028, 12, 31));
        }
    }

    @Nested
    class Size {

        /** A ledger of n valid reserve projects, written with POI's streaming workbook. */
        private byte[] rows(int n) throws IOException {
            try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                SXSSFSheet sheet = wb.createSheet("项目台账");
                Row header = sheet.createRow(0);
                for (int c = 0; c < LedgerSheets.HEADERS.size(); c++) {
                    header.createCell(c).setCellValue(LedgerSheets.HEADERS.get(c));
                }
                CellStyle date = wb.createCellStyle();
                date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
                LocalDate start = LocalDate.of(2027, 3, 1);
                for (int i = 1; i <= n; i++) {
                    Row row = sheet.createRow(i);
                    row.createCell(0).setCellValue(i);
                    row.createCell(1).setCellValue(prefix + i);
                    row.createCell(2).setCellValue("储备项目" + i);
                    row.createCell(4).setCellValue("产业");
                    row.createCell(5).setCellValue("区重点");
                    row.createCell(6).setCellValue("高新区");
                    row.createCell(7).setCellValue(1000 + i % 500);
                    row.createCell(9).setCellValue("高新区管委会");
                    Cell planned = row.createCell(13);
                    planned.setCellValue(start.plusDays(i % 300));
                    planned.setCellStyle(date);
                    row.createCell(LedgerSheets.HEADERS.indexOf("当前阶段")).setCellValue("储备");
                }
                wb.write(out);
                return out.toByteArray();
            }
        }

        @Test
        void fiftyThousandRowsArePreviewedQuicklyAndOneMoreIsRefusedAtTheLimit() throws Exception {
            byte[] fifty = rows(50_000);
            assertThat(fifty.length).as("under the 10 MB limit").isLessThan(10 * 1024 * 1024);
            long t0 = System.nanoTime();
            JsonNode preview = api.dryRun(fifty);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(preview.get("valid").asBoolean()).isTrue();
            assertThat(preview.get("rows").asInt()).isEqualTo(50_000);
            assertThat(preview.get("created")).hasSize(50_000);
            assertThat(took).as("50,000 rows checked in %s", took).isLessThan(Duration.ofSeconds(30));

            t0 = System.nanoTime();
            String message = fileProblem(api.refusedDryRun(rows(50_001)));
            assertThat(message).contains("一次最多导入 50000 行", "第 50002 行已超出");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        }

        @Test
        void aZipBombIsRefusedQuicklyWithoutReadingItToTheEnd() throws Exception {
            byte[] bomb = zipBomb(1024);
            assertThat(bomb.length).as("a small file").isLessThan(2 * 1024 * 1024);
            long t0 = System.nanoTime();
            String message = fileProblem(api.refusedCommit(bomb));
            assertThat(message).contains("压缩炸弹");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }

        @Test
        void aFileAboveTheUploadLimitIsRefusedInChinese() throws Exception {
            byte[] big = new byte[11 * 1024 * 1024];
            new java.util.Random(1).nextBytes(big);
            JsonNode problem = api.status(api.upload("?dryRun=true", "zhengwt", "big.xlsx", big), 413);
            assertThat(problem.get("detail").asText()).contains("文件过大", "10 MB");
        }
    }

    @Nested
    class NotALedger {

        @Test
        void aTextFileRenamedToXlsx() throws Exception {
            byte[] text = "项目编号,项目名称\nLT-1,测试项目\n".getBytes(StandardCharsets.UTF_8);
            assertThat(fileProblem(api.refusedDryRun(text))).contains("不是有效的 Excel（.xlsx）文件");
        }

        @Test
        void anOldXlsFile() throws Exception {
            byte[] ole2 = new byte[512];
            System.arraycopy(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}, 0, ole2, 0, 8);
            assertThat(fileProblem(api.refusedDryRun(ole2))).contains("Excel 97-2003（.xls）");
        }

        @Test
        void aSheetDeclaringAnExternalEntityIsRefusedUnread() throws Exception {
            byte[] ledger = LedgerSheets.xlsx(LedgerSheets.rows(prefix, 1, "在建"));
            byte[] xxe = rewrite(ledger, "xl/worksheets/sheet1.xml", xml -> xml.replaceFirst("\\?>", "?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>")
                    .replace("<sheetData>", "<sheetData><row r=\"100\"><c r=\"A100\" t=\"inlineStr\"><is><t>&secret;</t></is></c></row>"));
            assertThat(fileProblem(api.refusedDryRun(xxe))).contains("已损坏");
        }

        @Test
        void aZipThatIsNoWorkbook() throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry("readme.txt"));
                zip.write("hello".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(fileProblem(api.refusedDryRun(bytes.toByteArray()))).contains("Excel");
        }
    }

    /**
     * A minimal .xlsx whose sheet, after a valid header row, holds {@code megabytes} MB of blanks: a few hundred
     * kilobytes on disk that would inflate to the full size.
     */
    static byte[] zipBomb(int megabytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                    <sheets><sheet name="项目台账" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            StringBuilder header = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">");
            for (int c = 0; c < LedgerSheets.HEADERS.size(); c++) {
                header.append("<c t=\"inlineStr\"><is><t>").append(LedgerSheets.HEADERS.get(c)).append("</t></is></c>");
            }
            zip.write(header.append("</row>").toString().getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[1024 * 1024];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < megabytes; i++) {
                zip.write(blanks);
            }
            zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** The .xlsx with one part's XML changed. */
    static byte[] rewrite(byte[] xlsx, String part, java.util.function.UnaryOperator<String> change) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(xlsx));
             ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(e.getName().equals(part) ? change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : content);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
