package cn.tuijin.bulletin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import cn.tuijin.bulletin.BulletinFigures.Row;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * A published bulletin as a workbook (Apache POI): sheets 分区县, 分单位, 排名, 后进单位, each with a title row, Chinese
 * headers, investment as #,##0.00 (万元), rates as 0.0%, scores as 0.0.
 */
@Component
class BulletinWorkbook {

    static final List<String> SHEETS = List.of("分区县", "分单位", "排名", "后进单位");

    private enum Kind { TEXT, COUNT, MONEY, RATE, SCORE }

    private record Column(String header, Kind kind, int width, Function<Row, Object> value) {
    }

    /** The workbook of a published bulletin; each sheet's title carries its formal number (〔2026〕第3期). */
    byte[] write(String bulletinTitle, String number, BulletinFigures f) {
        String title = number == null ? bulletinTitle : bulletinTitle + number;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(wb);
            List<Row> districts = new ArrayList<>(f.districts());
            districts.add(f.city());
            table(wb.createSheet(SHEETS.get(0)), styles, title + "（分区县）", figureColumns("区县", f, false), districts,
                    "按项目所在区县汇总；截至 " + f.periodEnd() + "。");
            table(wb.createSheet(SHEETS.get(1)), styles, title + "（分单位）", figureColumns("牵头单位", f, true), f.units(),
                    "按项目牵头责任单位汇总，按排名排列；截至 " + f.periodEnd() + "。");
            table(wb.createSheet(SHEETS.get(2)), styles, title + "（排名）", List.of(
                    new Column("排名", Kind.COUNT, 8, Row::rank),
                    new Column("单位", Kind.TEXT, 26, Row::name),
                    new Column("得分", Kind.SCORE, 10, Row::score),
                    new Column("开复工率", Kind.RATE, 12, BulletinWorkbook::startRate),
                    new Column("序时完成率", Kind.RATE, 12, Row::scheduleRate),
                    new Column("本月新增逾期", Kind.COUNT, 14, Row::overdueRecords),
                    new Column("月末逾期未办", Kind.COUNT, 14, Row::overdueOpen),
                    new Column("红灯项目", Kind.COUNT, 10, Row::redProjects)), f.units(), "评分规则：" + f.scoreRule());
            laggards(wb.createSheet(SHEETS.get(3)), styles, title + "（后进单位）", f);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Column> figureColumns(String first, BulletinFigures f, boolean ranked) {
        List<Column> c = new ArrayList<>();
        if (ranked) {
            c.add(new Column("排名", Kind.COUNT, 8, Row::rank));
        }
        c.add(new Column(first, Kind.TEXT, 26, Row::name));
        c.add(new Column("项目总数", Kind.COUNT, 10, Row::projects));
        c.add(new Column("储备", Kind.COUNT, 8, r -> r.stages().reserve()));
        c.add(new Column("在谈", Kind.COUNT, 8, r -> r.stages().negotiating()));
        c.add(new Column("签约", Kind.COUNT, 8, r -> r.stages().signed()));
        c.add(new Column("在建", Kind.COUNT, 8, r -> r.stages().underConstruction()));
        c.add(new Column("竣工", Kind.COUNT, 8, r -> r.stages().completed()));
        c.add(new Column("投产（投用）", Kind.COUNT, 12, r -> r.stages().operating()));
        c.add(new Column("计划开工", Kind.COUNT, 10, Row::plannedStarts));
        c.add(new Column("已开复工", Kind.COUNT, 10, Row::started));
        c.add(new Column("开复工率", Kind.RATE, 10, BulletinWorkbook::startRate));
        c.add(new Column("年度计划投资（万元）", Kind.MONEY, 18, Row::annualPlan));
        c.add(new Column("本年完成投资（万元）", Kind.MONEY, 18, Row::yearToDate));
        c.add(new Column("序时进度（万元）", Kind.MONEY, 16, Row::scheduleExpected));
        c.add(new Column("年度计划完成率", Kind.RATE, 14, Row::planRate));
        c.add(new Column("序时完成率", Kind.RATE, 12, Row::scheduleRate));
        for (int q = 1; q <= f.quarter(); q++) {
            int index = q - 1;
            c.add(new Column("第" + "一二三四".charAt(index) + "季度" + BulletinFigures.QUARTER_NAMES.get(index), Kind.TEXT, 22,
                    r -> r.quarters().get(index).status()));
        }
        c.add(new Column("本月新增逾期", Kind.COUNT, 12, Row::overdueRecords));
        c.add(new Column("月末逾期未办", Kind.COUNT, 12, Row::overdueOpen));
        c.add(new Column("本月上报问题", Kind.COUNT, 12, Row::issuesReported));
        c.add(new Column("按期解决", Kind.COUNT, 10, Row::issuesSolvedOnTime));
        c.add(new Column("逾期解决", Kind.COUNT, 10, Row::issuesSolvedLate));
        c.add(new Column("问题升级", Kind.COUNT, 10, Row::escalations));
        c.add(new Column("月末未解决问题", Kind.COUNT, 14, Row::issuesOpen));
        c.add(new Column("本月督办单", Kind.COUNT, 12, Row::noticesIssued));
        c.add(new Column("督办逾期未整改", Kind.COUNT, 14, Row::noticesOverdue));
        c.add(new Column("本月延期申请", Kind.COUNT, 12, Row::extensionsRequested));
        c.add(new Column("本月批准延期", Kind.COUNT, 12, Row::extensionsApproved));
        c.add(new Column("红灯项目", Kind.COUNT, 10, Row::redProjects));
        c.add(new Column("得分", Kind.SCORE, 8, Row::score));
        return c;
    }

    private static void table(Sheet sheet, Styles s, String title, List<Column> columns, List<Row> rows, String note) {
        titleRow(sheet, s, title, columns.size());
        org.apache.poi.ss.usermodel.Row header = sheet.createRow(1);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = header.createCell(i);
            cell.setCellValue(columns.get(i).header());
            cell.setCellStyle(s.header);
            sheet.setColumnWidth(i, columns.get(i).width() * 256);
        }
        int r = 2;
        for (Row row : rows) {
            org.apache.poi.ss.usermodel.Row line = sheet.createRow(r++);
            for (int i = 0; i < columns.size(); i++) {
                cell(line.createCell(i), s, columns.get(i).kind(), columns.get(i).value().apply(row));
            }
        }
        noteRow(sheet, s, r + 1, note, columns.size());
        sheet.createFreezePane(columns.get(0).header().equals("排名") ? 2 : 1, 2);
    }

    private static void laggards(Sheet sheet, Styles s, String title, BulletinFigures f) {
        titleRow(sheet, s, title, 4);
        String[] headers = {"排名", "单位", "得分", "原因"};
        int[] widths = {8, 26, 10, 80};
        org.apache.poi.ss.usermodel.Row header = sheet.createRow(1);
        for (int i = 0; i < headers.length; i++) {
            Cell cell = header.createCell(i);
            cell.setCellValue(headers[i]);
            cell.setCellStyle(s.header);
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        int r = 2;
        for (BulletinFigures.Laggard l : f.laggards()) {
            org.apache.poi.ss.usermodel.Row line = sheet.createRow(r++);
            cell(line.createCell(0), s, Kind.COUNT, l.rank());
            cell(line.createCell(1), s, Kind.TEXT, l.unitName());
            cell(line.createCell(2), s, Kind.SCORE, l.score());
            cell(line.createCell(3), s, Kind.TEXT, String.join("；", l.reasons()));
        }
        if (f.laggards().isEmpty()) {
            cell(sheet.createRow(r++).createCell(1), s, Kind.TEXT, "本月无后进单位");
        }
        noteRow(sheet, s, r + 1, "认定规则：" + f.scoreRule(), 4);
        sheet.createFreezePane(0, 2);
    }

    private static void titleRow(Sheet sheet, Styles s, String title, int columns) {
        // Printed landscape, one page wide.
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        Cell cell = sheet.createRow(0).createCell(0);
        cell.setCellValue(title);
        cell.setCellStyle(s.title);
        sheet.getRow(0).setHeightInPoints(24);
        if (columns > 1) {
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
        }
    }

    private static void noteRow(Sheet sheet, Styles s, int at, String note, int columns) {
        Cell cell = sheet.createRow(at).createCell(0);
        cell.setCellValue(note);
        cell.setCellStyle(s.note);
        sheet.getRow(at).setHeightInPoints(48);
        if (columns > 1) {
            sheet.addMergedRegion(new CellRangeAddress(at, at, 0, Math.min(columns, 12) - 1));
        }
    }

    /** The start rate, or null (shown 「—」) when no project was planned to start: a rate with nothing to count. */
    private static Object startRate(Row r) {
        return r.plannedStarts() == 0 ? null : r.startRate();
    }

    private static void cell(Cell cell, Styles s, Kind kind, Object value) {
        if (value == null) {
            if (kind == Kind.RATE) {
                cell.setCellValue("—");
            }
            cell.setCellStyle(s.text);
            return;
        }
        switch (kind) {
            case TEXT -> {
                cell.setCellValue(value.toString());
                cell.setCellStyle(s.text);
            }
            case MONEY -> {
                cell.setCellValue(((BigDecimal) value).doubleValue());
                cell.setCellStyle(s.money);
            }
            case RATE -> {
                cell.setCellValue(((Number) value).doubleValue());
                cell.setCellStyle(s.rate);
            }
            case SCORE -> {
                cell.setCellValue(((Number) value).doubleValue());
                cell.setCellStyle(s.score);
            }
            case COUNT -> {
                cell.setCellValue(((Number) value).doubleValue());
                cell.setCellStyle(s.count);
            }
        }
    }

    /** The workbook's cell styles. */
    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle text;
        final CellStyle count;
        final CellStyle money;
        final CellStyle rate;
        final CellStyle score;
        final CellStyle note;

        Styles(XSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = wb.createCellStyle();
            title.setFont(big);
            title.setAlignment(HorizontalAlignment.CENTER);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            header.setAlignment(HorizontalAlignment.CENTER);
            header.setVerticalAlignment(VerticalAlignment.CENTER);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            text = wb.createCellStyle();
            count = numeric(wb, "0");
            money = numeric(wb, "#,##0.00");
            rate = numeric(wb, "0.0%");
            score = numeric(wb, "0.0");
            note = wb.createCellStyle();
            note.setWrapText(true);
            note.setVerticalAlignment(VerticalAlignment.TOP);
        }

        private static CellStyle numeric(XSSFWorkbook wb, String format) {
            CellStyle style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat(format));
            return style;
        }
    }
}
