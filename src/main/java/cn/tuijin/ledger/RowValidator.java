package cn.tuijin.ledger;

import static cn.tuijin.ledger.LedgerColumn.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import cn.tuijin.project.Category;
import cn.tuijin.project.Level;
import cn.tuijin.project.Stage;

/**
 * Checks one data row on its own: required fields, lengths, the lists (类别, 级别, 阶段), districts, units and leaders
 * known to the directory, amounts, and the order of the planned dates (签约 ≤ 开工 ≤ 竣工 ≤ 投产/投用). Every problem of the row
 * is recorded, not only the first. What needs other rows or the database (duplicates, existing projects) is not here.
 */
final class RowValidator {

    private static final Pattern CODE_FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[、,，;；/\\s]+");

    /** The row's project code as written (for duplicates, even if the row is wrong), and the row if it is right. */
    record Checked(String code, LedgerRow row) {
    }

    private final OrgNames org;
    private final boolean date1904;
    private final Set<LedgerColumn> columns;

    RowValidator(OrgNames org, boolean date1904, Set<LedgerColumn> columns) {
        this.org = org;
        this.date1904 = date1904;
        this.columns = columns;
    }

    Checked check(LedgerSheetReader.DataRow data, List<Problem> problems) {
        int before = problems.size();
        Cells c = new Cells(data, problems);
        String code = c.text(CODE, 32);
        if (code != null && !CODE_FORMAT.matcher(code).matches()) {
            c.problem(CODE, "项目编号「" + code + "」只能由字母、数字、“-”和“_”组成（至多 32 位），如 XM-2026-001");
        }
        String name = c.text(NAME, 200);
        String content = c.text(CONTENT, 2000);
        Category category = c.value(CATEGORY, RowValidator::category);
        Level level = c.value(LEVEL, RowValidator::level);
        String district = c.value(DISTRICT, t -> org.districtCode(t).orElseThrow(() ->
                new CellValues.Invalid("未知的区县「" + t + "」（可填：" + org.districtNames() + "）")));
        BigDecimal total = c.amount(TOTAL_INVESTMENT);
        BigDecimal annual = c.amount(ANNUAL_PLAN);
        if (total != null && annual != null && annual.compareTo(total) > 0) {
            c.problem(ANNUAL_PLAN, "年度计划投资（" + annual.toPlainString() + " 万元）大于总投资（" + total.toPlainString() + " 万元）");
        }
        String lead = c.value(LEAD_UNIT, this::unit);
        List<String> cooperating = columns.contains(COOPERATING_UNITS) ? cooperating(c, lead) : null;
        String leader = c.value(LEADER, org::leaderId);
        LocalDate sign = c.date(PLANNED_SIGN);
        LocalDate start = c.date(PLANNED_START);
        LocalDate completion = c.date(PLANNED_COMPLETION);
        if (sign != null && start != null && start.isBefore(sign)) {
            c.problem(PLANNED_START, "计划开工日期（" + start + "）早于计划签约日期（" + sign + "）");
        }
        LocalDate afterStart = start != null ? start : sign;
        if (afterStart != null && completion != null && completion.isBefore(afterStart)) {
            c.problem(PLANNED_COMPLETION, "计划竣工日期（" + completion + "）早于计划" + (start != null ? "开工" : "签约") + "日期（" + afterStart + "）");
        }
        LocalDate operation = c.date(PLANNED_OPERATION);
        if (operation != null && completion != null && operation.isBefore(completion)) {
            c.problem(PLANNED_OPERATION, "计划投产（投用）日期（" + operation + "）早于计划竣工日期（" + completion + "）");
        }
        Stage stage = c.value(STAGE, RowValidator::stage);
        LedgerRow row = problems.size() > before ? null : new LedgerRow(data.number(), code, name, content, category, level,
                district, total, annual, lead, cooperating, leader, sign, start, completion, operation, stage, columns);
        return new Checked(code, row);
    }

    private List<String> cooperating(Cells c, String lead) {
        String text = c.text(COOPERATING_UNITS, 1000);
        Set<String> codes = new LinkedHashSet<>();
        if (text == null) {
            return List.of();
        }
        List<String> unknown = new ArrayList<>();
        for (String part : LIST_SEPARATORS.split(text.strip())) {
            if (!part.isEmpty()) {
                org.unitCode(part).ifPresentOrElse(codes::add, () -> unknown.add(part));
            }
        }
        if (!unknown.isEmpty()) {
            c.problem(COOPERATING_UNITS, "未知的配合单位「" + String.join("」「", unknown) + "」（多个单位用顿号分隔；可填：" + org.someUnitNames() + "）");
        }
        if (lead != null && codes.contains(lead)) {
            c.problem(COOPERATING_UNITS, "配合单位中不应再写牵头责任单位「" + org.unitName(lead) + "」");
        }
        return List.copyOf(codes);
    }

    private String unit(String text) {
        return org.unitCode(text).orElseThrow(() -> new CellValues.Invalid("未知的单位「" + text + "」（请按单位全称或代码填写，如："
                + org.someUnitNames() + "）"));
    }

    static Category category(String text) {
        for (Category c : Category.values()) {
            if (c.label().equals(text) || c.name().equalsIgnoreCase(text)) {
                return c;
            }
        }
        throw new CellValues.Invalid("项目类别「" + text + "」不在列表中（可填：产业、基础设施、城建、社会民生、技改）");
    }

    static Level level(String text) {
        for (Level l : Level.values()) {
            if (l.label().equals(text) || l.name().equalsIgnoreCase(text)) {
                return l;
            }
        }
        throw new CellValues.Invalid("项目级别「" + text + "」不在列表中（可填：省重点、市重点、区重点）");
    }

    /** 投产 and 投用 are the same stage (the last), named by the category. */
    static Stage stage(String text) {
        if ("投用".equals(text)) {
            return Stage.OPERATING;
        }
        for (Stage s : Stage.values()) {
            if (s.label(Category.INDUSTRIAL).equals(text) || s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new CellValues.Invalid("当前阶段「" + text + "」不在列表中（可填：储备、在谈、签约、在建、竣工、投产、投用）");
    }

    /** The cells of one row, recording a problem for each one that is missing or wrong. */
    private final class Cells {

        private final LedgerSheetReader.DataRow data;
        private final List<Problem> problems;

        Cells(LedgerSheetReader.DataRow data, List<Problem> problems) {
            this.data = data;
            this.problems = problems;
        }

        void problem(LedgerColumn column, String message) {
            problems.add(Problem.of(data.number(), column, message));
        }

        String text(LedgerColumn column, int maxLength) {
            return value(column, t -> {
                if (t.length() > maxLength) {
                    throw new CellValues.Invalid(column.header() + "过长（" + t.length() + " 字，至多 " + maxLength + " 字）");
                }
                return t;
            });
        }

        <T> T value(LedgerColumn column, Function<String, T> parse) {
            SheetCell cell = data.cells().get(column);
            try {
                String text = cell == null ? null : CellValues.text(cell, date1904);
                if (text == null || text.isEmpty()) {
                    return missing(column);
                }
                return parse.apply(text);
            } catch (CellValues.Invalid e) {
                problem(column, e.getMessage());
                return null;
            }
        }

        BigDecimal amount(LedgerColumn column) {
            SheetCell cell = data.cells().get(column);
            try {
                return cell == null ? missing(column) : CellValues.amount(cell);
            } catch (CellValues.Invalid e) {
                problem(column, e.getMessage());
                return null;
            }
        }

        LocalDate date(LedgerColumn column) {
            SheetCell cell = data.cells().get(column);
            try {
                return cell == null ? missing(column) : CellValues.date(cell, date1904);
            } catch (CellValues.Invalid e) {
                problem(column, e.getMessage());
                return null;
            }
        }

        private <T> T missing(LedgerColumn column) {
            if (column.required()) {
                problem(column, "请填写「" + column.header() + "」（必填）");
            }
            return null;
        }
    }
}
