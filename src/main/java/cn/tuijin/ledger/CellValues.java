package cn.tuijin.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Reads text, amounts and dates from cells as offices fill them in: numbers as numeric cells or text ("1,200.5",
 * "１２００", "1200万元"); dates as date cells, Excel serial numbers, or text as 2026-03-01, 2026/3/1, 2026.3.1,
 * 2026年3月1日 or 20260301 (a time after the date is ignored). Failures carry a Chinese message.
 */
final class CellValues {

    /** A cell whose value cannot be what its column needs; the message says why, in Chinese. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999999999.99");
    private static final int MIN_YEAR = 1990;
    private static final int MAX_YEAR = 2100;
    private static final Pattern SEPARATED = Pattern.compile("(\\d{4})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})");
    private static final Pattern CHINESE = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final double FIRST_SERIAL = DateUtil.getExcelDate(LocalDate.of(MIN_YEAR, 1, 1));
    private static final double LAST_SERIAL = DateUtil.getExcelDate(LocalDate.of(MAX_YEAR, 12, 31));

    private CellValues() {
    }

    /** The cell as text, trimmed; a number as it reads (no ".0"), a date-formatted number as yyyy-MM-dd. */
    static String text(SheetCell cell, boolean date1904) {
        return switch (cell.kind()) {
            case TEXT -> cell.text().strip();
            case NUMBER -> cell.dateFormatted() && DateUtil.isValidExcelDate(cell.number())
                    ? DateUtil.getLocalDateTime(cell.number(), date1904).toLocalDate().toString()
                    : BigDecimal.valueOf(cell.number()).stripTrailingZeros().toPlainString();
            case BOOLEAN -> cell.text();
            case ERROR, NO_RESULT -> throw unusable(cell);
        };
    }

    /** An amount in 万元, two decimals, not negative. */
    static BigDecimal amount(SheetCell cell) {
        BigDecimal amount = switch (cell.kind()) {
            case NUMBER -> BigDecimal.valueOf(cell.number());
            case TEXT -> parseAmount(cell.text());
            case BOOLEAN -> throw new Invalid("「" + cell.text() + "」不是数字，请填写金额（万元）");
            case ERROR, NO_RESULT -> throw unusable(cell);
        };
        if (amount.signum() < 0) {
            throw new Invalid("金额不能为负数（填写的是 " + amount.stripTrailingZeros().toPlainString() + "）");
        }
        amount = amount.setScale(2, RoundingMode.HALF_UP);
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new Invalid("金额 " + amount.toPlainString() + " 过大，请以万元为单位填写");
        }
        return amount;
    }

    static LocalDate date(SheetCell cell, boolean date1904) {
        return switch (cell.kind()) {
            case NUMBER -> dateOfNumber(cell, date1904);
            case TEXT -> parseDate(cell.text());
            case BOOLEAN -> throw new Invalid("「" + cell.text() + "」不是日期，请填写如 2026-03-01 的日期");
            case ERROR, NO_RESULT -> throw unusable(cell);
        };
    }

    private static Invalid unusable(SheetCell cell) {
        return cell.kind() == SheetCell.Kind.NO_RESULT
                ? new Invalid("公式没有保存计算结果：请在 Excel 中重新计算（或改填数值）并保存后再导入")
                : new Invalid("单元格是错误值 " + cell.text() + "，请改正公式或直接填写数值");
    }

    private static BigDecimal parseAmount(String raw) {
        String s = halfWidth(raw).replaceAll("[\\s,，]", "").replaceAll("(万元|万|元)$", "");
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new Invalid("「" + raw.strip() + "」不是数字，请填写金额（万元），如 12000 或 1,200.5");
        }
    }

    private static LocalDate dateOfNumber(SheetCell cell, boolean date1904) {
        double n = cell.number();
        if (n == Math.rint(n) && n >= 19_000_101 && n <= 29_991_231) {
            return parseDate(String.valueOf((long) n));
        }
        if (DateUtil.isValidExcelDate(n) && (cell.dateFormatted() || n >= FIRST_SERIAL && n <= LAST_SERIAL)) {
            return inRange(DateUtil.getLocalDateTime(n, date1904).toLocalDate(), BigDecimal.valueOf(n).stripTrailingZeros().toPlainString());
        }
        throw new Invalid("数字 " + BigDecimal.valueOf(n).stripTrailingZeros().toPlainString() + " 不是日期，请填写如 2026-03-01 的日期");
    }

    private static LocalDate parseDate(String raw) {
        String s = halfWidth(raw).strip();
        int cut = s.indexOf('T') > 0 ? s.indexOf('T') : s.indexOf(' ', 8);
        String day = cut > 0 && !s.contains("年") ? s.substring(0, cut) : s;
        for (Pattern p : new Pattern[] {SEPARATED, CHINESE, COMPACT}) {
            Matcher m = p.matcher(day);
            if (m.matches()) {
                try {
                    return inRange(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))), raw.strip());
                } catch (DateTimeException e) {
                    throw new Invalid("日期「" + raw.strip() + "」不存在，请检查月份和日");
                }
            }
        }
        throw new Invalid("「" + raw.strip() + "」不是日期，请填写如 2026-03-01 的日期（也可写 2026/3/1、2026年3月1日、20260301）");
    }

    private static LocalDate inRange(LocalDate date, String raw) {
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            throw new Invalid("日期「" + raw + "」的年份不在 " + MIN_YEAR + "–" + MAX_YEAR + " 年之间");
        }
        return date;
    }

    /** Full-width digits and punctuation (１２００．５) as their half-width forms. */
    static String halfWidth(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= '！' && c <= '～' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c);
        }
        return b.toString();
    }
}
