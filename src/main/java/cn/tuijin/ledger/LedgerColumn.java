package cn.tuijin.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The columns of the ledger spreadsheet, with the Chinese headers offices use. Headers are matched by name (order
 * does not matter; spaces, full-width brackets and a leading or trailing * are ignored; a few common short forms
 * are accepted). Columns marked required must be present in the header row and filled on every row.
 */
enum LedgerColumn {
    SEQ("序号", false, Kind.TEXT, 6),
    CODE("项目编号", true, Kind.TEXT, 16),
    NAME("项目名称", true, Kind.TEXT, 30),
    CONTENT("建设内容", false, Kind.TEXT, 40),
    CATEGORY("项目类别", true, Kind.LIST, 12),
    LEVEL("项目级别", true, Kind.LIST, 10),
    DISTRICT("所在区县", true, Kind.TEXT, 12),
    TOTAL_INVESTMENT("总投资(万元)", true, Kind.NUMBER, 14, "总投资"),
    ANNUAL_PLAN("年度计划投资(万元)", false, Kind.NUMBER, 18, "年度计划投资"),
    LEAD_UNIT("牵头责任单位", true, Kind.TEXT, 20, "牵头单位"),
    COOPERATING_UNITS("配合单位", false, Kind.TEXT, 24),
    LEADER("分包领导", false, Kind.TEXT, 10),
    PLANNED_SIGN("计划签约日期", false, Kind.DATE, 14),
    PLANNED_START("计划开工日期", true, Kind.DATE, 14),
    PLANNED_COMPLETION("计划竣工日期", false, Kind.DATE, 14),
    PLANNED_OPERATION("计划投产（投用）日期", false, Kind.DATE, 18, "计划投产日期", "计划投用日期"),
    STAGE("当前阶段", true, Kind.LIST, 10);

    /** What a column holds. */
    enum Kind { TEXT, NUMBER, DATE, LIST }

    private static final Map<String, LedgerColumn> BY_HEADER = new HashMap<>();
    private static final Pattern BLANKS = Pattern.compile("[\\s\\u3000]+");
    private static final Pattern STARS = Pattern.compile("^[*＊]+|[*＊]+$");

    static {
        for (LedgerColumn c : values()) {
            BY_HEADER.put(normalize(c.header), c);
            for (String alias : c.aliases) {
                BY_HEADER.put(normalize(alias), c);
            }
        }
    }

    private final String header;
    private final boolean required;
    private final Kind kind;
    private final int width;
    private final List<String> aliases;

    LedgerColumn(String header, boolean required, Kind kind, int width, String... aliases) {
        this.header = header;
        this.required = required;
        this.kind = kind;
        this.width = width;
        this.aliases = List.of(aliases);
    }

    String header() {
        return header;
    }

    boolean required() {
        return required;
    }

    Kind kind() {
        return kind;
    }

    /** Column width in characters, for the template and the export. */
    int width() {
        return width;
    }

    /** The column a header cell names, if any. */
    static Optional<LedgerColumn> byHeader(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(BY_HEADER.get(normalize(text)));
    }

    /** Header text without blanks, with half-width brackets and without the * some offices put on required columns. */
    static String normalize(String text) {
        String s = BLANKS.matcher(text.replace('（', '(').replace('）', ')')).replaceAll("");
        return STARS.matcher(s).replaceAll("");
    }
}
