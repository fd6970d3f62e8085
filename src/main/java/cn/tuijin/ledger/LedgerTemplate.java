package cn.tuijin.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import cn.tuijin.org.District;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.Unit;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The import template: sheet 项目台账 with the headers in row 1 (frozen, required ones in orange), drop-down lists for
 * 项目类别, 项目级别 and 当前阶段, date columns formatted yyyy-mm-dd, codes as text; sheet 填写说明 with what each column
 * takes and the districts, units and leaders the directory knows today.
 */
@Component
class LedgerTemplate {

    static final String DATA_SHEET = "项目台账";
    static final String HELP_SHEET = "填写说明";
    static final List<String> CATEGORIES = List.of("产业", "基础设施", "城建", "社会民生", "技改");
    static final List<String> LEVELS = List.of("省重点", "市重点", "区重点");
    static final List<String> STAGES = List.of("储备", "在谈", "签约", "在建", "竣工", "投产", "投用");

    private final OrgDirectory org;
    private final int maxRows;
    private final DataSize maxFileSize;

    LedgerTemplate(OrgDirectory org, @Value("${tuijin.ledger.max-rows:50000}") int maxRows,
                   @Value("${tuijin.ledger.max-file-size:10MB}") DataSize maxFileSize) {
        this.org = org;
        this.maxRows = maxRows;
        this.maxFileSize = maxFileSize;
    }

    byte[] build() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            LedgerStyles styles = new LedgerStyles(wb);
            XSSFSheet sheet = wb.createSheet(DATA_SHEET);
            Row header = sheet.createRow(0);
            header.setHeightInPoints(30);
            for (LedgerColumn column : LedgerColumn.values()) {
                Cell cell = header.createCell(column.ordinal());
                cell.setCellValue(column.header());
                cell.setCellStyle(column.required() ? styles.requiredHeader : styles.optionalHeader);
                sheet.setColumnWidth(column.ordinal(), column.width() * 256 + 512);
                CellStyle style = styles.of(column);
                if (style != null) {
                    sheet.setDefaultColumnStyle(column.ordinal(), style);
                }
            }
            sheet.createFreezePane(0, 1);
            list(sheet, LedgerColumn.CATEGORY, CATEGORIES, maxRows);
            list(sheet, LedgerColumn.LEVEL, LEVELS, maxRows);
            list(sheet, LedgerColumn.STAGE, STAGES, maxRows);
            help(wb, styles);
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static void list(XSSFSheet sheet, LedgerColumn column, List<String> values, int lastRow) {
        DataValidationHelper helper = sheet.getDataValidationHelper();
        DataValidation validation = helper.createValidation(helper.createExplicitListConstraint(values.toArray(String[]::new)),
                new CellRangeAddressList(1, lastRow, column.ordinal(), column.ordinal()));
        validation.setShowErrorBox(true);
        validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
        validation.createErrorBox("不在列表中", column.header() + "请从下拉列表中选择：" + String.join("、", values));
        validation.setShowPromptBox(true);
        validation.createPromptBox(column.header(), "请从下拉列表中选择");
        validation.setSuppressDropDownArrow(true);
        sheet.addValidationData(validation);
    }

    private void help(XSSFWorkbook wb, LedgerStyles styles) {
        XSSFSheet help = wb.createSheet(HELP_SHEET);
        help.setColumnWidth(0, 22 * 256);
        help.setColumnWidth(1, 10 * 256);
        help.setColumnWidth(2, 100 * 256);
        Font bold = wb.createFont();
        bold.setBold(true);
        CellStyle title = wb.createCellStyle();
        title.setFont(bold);
        int r = 0;
        r = line(help, r, title, "项目台账导入模板：填写说明");
        for (String note : List.of(
                "1. 在「" + DATA_SHEET + "」工作表中每个项目填一行，从第 2 行开始；不要合并单元格，不要改动表头的文字（列的顺序可以调整，可以增加“备注”等其他列，导入时忽略）。",
                "2. 橙色表头为必填列。日期可填 2026-03-01，也可写 2026/3/1、2026年3月1日 或 20260301；金额以万元为单位填写数字。",
                "3. 导入时先“预检”：列出将新建、更新的项目和发现的全部问题（行号、列名、原因），不写入任何数据；有任何问题时整批不导入，改正后重新导入即可。",
                "4. 项目编号已在系统中的项目按编号更新，不会重复新建。已有项目的“当前阶段”由责任单位申报、重点项目办核验推进，导入时须与系统一致；只有“储备”项目可通过导入转入其他阶段。"
                        + "全周期流程正在运行的项目不能通过导入更换牵头责任单位。",
                "5. 新项目从“当前阶段”开始全周期流程（储备、投产/投用不启动流程）。公式单元格按其计算结果导入。",
                "6. 一个文件最多 " + maxRows + " 行项目、不超过 " + maxFileSize.toMegabytes() + " MB。")) {
            r = line(help, r, null, note);
        }
        r++;
        Row head = help.createRow(r++);
        cell(head, 0, "列名", title);
        cell(head, 1, "是否必填", title);
        cell(head, 2, "填写要求", title);
        for (LedgerColumn column : LedgerColumn.values()) {
            Row row = help.createRow(r++);
            cell(row, 0, column.header(), null);
            cell(row, 1, column.required() ? "必填" : "选填", null);
            cell(row, 2, requirement(column), styles.wrapped);
        }
        r++;
        r = line(help, r, title, "可填的区县（名称或代码）");
        for (District d : org.districts()) {
            r = pair(help, r, d.name(), d.code());
        }
        r++;
        r = line(help, r, title, "可填的单位（牵头责任单位、配合单位；名称或代码）");
        for (Unit u : org.units()) {
            r = pair(help, r, u.name(), u.code());
        }
        r++;
        r = line(help, r, title, "分包领导（姓名或用户名）");
        for (Person p : OrgNames.load(org).leaders()) {
            r = pair(help, r, p.name(), p.id());
        }
    }

    private static String requirement(LedgerColumn column) {
        return switch (column) {
            case SEQ -> "仅便于查看，导入时忽略";
            case CODE -> "字母、数字、“-”和“_”，至多 32 位，如 XM-2026-001；同一文件内不能重复";
            case NAME -> "至多 200 字";
            case CONTENT -> "至多 2000 字";
            case CATEGORY -> "下拉选择：" + String.join("、", CATEGORIES);
            case LEVEL -> "下拉选择：" + String.join("、", LEVELS);
            case DISTRICT -> "区县名称或代码，见下方列表";
            case TOTAL_INVESTMENT -> "数字（万元），不能为负数";
            case ANNUAL_PLAN -> "数字（万元），不能为负数，不大于总投资；不填为 0";
            case LEAD_UNIT -> "单位全称或代码，见下方列表";
            case COOPERATING_UNITS -> "多个单位用顿号（、）分隔，不含牵头责任单位";
            case LEADER -> "分包领导的姓名或用户名，见下方列表";
            case PLANNED_SIGN -> "日期，如 2026-03-01；不晚于计划开工日期";
            case PLANNED_START -> "日期，如 2026-06-01；不晚于计划竣工日期";
            case PLANNED_COMPLETION -> "日期，如 2027-12-31";
            case PLANNED_OPERATION -> "日期，如 2028-03-31；不早于计划竣工日期。竣工阶段的项目投产（投用）申报以此为期限；"
                    + "不填时为导入之日起 " + LedgerImportService.DEFAULT_OPERATION_WORKING_DAYS + " 个工作日（约三个月）。旧模板没有这一列也可导入";
            case STAGE -> "下拉选择：" + String.join("、", STAGES) + "（投产、投用均表示最后阶段）";
        };
    }

    private static int line(XSSFSheet sheet, int r, CellStyle style, String text) {
        cell(sheet.createRow(r), 0, text, style);
        return r + 1;
    }

    private static int pair(XSSFSheet sheet, int r, String name, String code) {
        Row row = sheet.createRow(r);
        cell(row, 0, name, null);
        cell(row, 1, code, null);
        return r + 1;
    }

    private static void cell(Row row, int column, String text, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(text);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }
}
