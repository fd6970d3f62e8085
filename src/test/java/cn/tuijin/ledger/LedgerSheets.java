package cn.tuijin.ledger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.tuijin.system.EngineClock;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Spreadsheets for the ledger tests, written with POI as an office would fill them in: rows of values by header,
 * dates as date cells unless given as text, numbers as numeric cells.
 */
public final class LedgerSheets {

    public static final List<String> HEADERS = List.of("序号", "项目编号", "项目名称", "建设内容", "项目类别", "项目级别", "所在区县",
            "总投资(万元)", "年度计划投资(万元)", "牵头责任单位", "配合单位", "分包领导", "计划签约日期", "计划开工日期", "计划竣工日期", "计划投产（投用）日期", "当前阶段");

    private LedgerSheets() {
    }

    /** A prefix no other test uses, for this test's project codes ("LT-" and eight characters). */
    /** The application's today (its clock is the engine's), from which the planned dates of a row are counted. */
    static LocalDate today() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), EngineClock.ZONE);
    }

    static String prefix() {
        return "LT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-";
    }

    /** A valid row: a city project of 市住房城乡建设局 in 临江区 at the given stage, dates in the future. */
    static Map<String, Object> row(String code, String stage) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("项目编号", code);
        row.put("项目名称", "测试项目" + code);
        row.put("建设内容", "道路及配套管网");
        row.put("项目类别", "基础设施");
        row.put("项目级别", "市重点");
        row.put("所在区县", "临江区");
        row.put("总投资(万元)", 12000);
        row.put("年度计划投资(万元)", 3000.5);
        row.put("牵头责任单位", "市住房城乡建设局");
        row.put("配合单位", "临江区人民政府、市自然资源和规划局");
        row.put("分包领导", "林晓红");
        row.put("计划签约日期", today().minusMonths(6));
        row.put("计划开工日期", today().minusMonths(1));
        row.put("计划竣工日期", today().plusYears(2));
        row.put("当前阶段", stage);
        return row;
    }

    static List<Map<String, Object>> rows(String prefix, int n, String stage) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(row(prefix + i, stage));
        }
        return rows;
    }

    /** Writes the rows under the header row (row 1) of the workbook's first sheet, each value in its header's column. */
    static void fill(Workbook wb, List<Map<String, Object>> rows) {
        Sheet sheet = wb.getSheetAt(0);
        Row header = sheet.getRow(0);
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (Cell c : header) {
            columns.put(c.getStringCellValue(), c.getColumnIndex());
        }
        fill(wb, sheet, columns, 1, rows);
    }

    static void fill(Workbook wb, Sheet sheet, Map<String, Integer> columns, int firstRow, List<Map<String, Object>> rows) {
        CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
        int r = firstRow;
        for (Map<String, Object> values : rows) {
            Row row = sheet.createRow(r++);
            for (Map.Entry<String, Object> v : values.entrySet()) {
                Integer c = columns.get(v.getKey());
                if (c == null || v.getValue() == null) {
                    continue;
                }
                Cell cell = row.createCell(c);
                Object value = v.getValue();
                if (value instanceof LocalDate d) {
                    cell.setCellValue(d);
                    cell.setCellStyle(date);
                } else if (value instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else {
                    cell.setCellValue(value.toString());
                }
            }
        }
    }

    /** A workbook of one sheet with the given name: the headers in the given row (0-based), then the rows. */
    public static XSSFWorkbook workbook(String sheetName, int headerRow, List<String> headers, List<Map<String, Object>> rows) {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet sheet = wb.createSheet(sheetName);
        Row header = sheet.createRow(headerRow);
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            header.createCell(i).setCellValue(headers.get(i));
            columns.put(headers.get(i), i);
        }
        fill(wb, sheet, columns, headerRow + 1, rows);
        return wb;
    }

    static byte[] xlsx(List<Map<String, Object>> rows) throws IOException {
        return bytes(workbook("项目台账", 0, HEADERS, rows));
    }

    public static byte[] bytes(Workbook wb) throws IOException {
        try (wb; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.write(out);
            return out.toByteArray();
        }
    }

    static XSSFWorkbook open(byte[] xlsx) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }
}
