package cn.tuijin.system;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;

/**
 * Reads the values of a submitted form, refusing what is missing or malformed with a Chinese message naming the field.
 */
public final class FormValues {

    private final Map<String, Object> values;

    public FormValues(Map<String, Object> values) {
        this.values = values;
    }

    /** A required text, trimmed; at most {@code maxLength} characters. */
    public String text(String field, String label, int maxLength) {
        String s = optionalText(field, label, maxLength);
        if (s == null) {
            throw new InvalidInputException(field, "请填写「" + label + "」");
        }
        return s;
    }

    /** An optional text, trimmed; null when empty. Control characters are refused. */
    public String optionalText(String field, String label, int maxLength) {
        Object v = values.get(field);
        return v == null ? null : TextInput.optional(field, label, v.toString(), maxLength);
    }

    /** A required date (yyyy-MM-dd). */
    public LocalDate date(String field, String label) {
        Object v = values.get(field);
        if (v == null || v.toString().isBlank()) {
            throw new InvalidInputException(field, "请填写「" + label + "」");
        }
        if (v instanceof Date d) {
            return LocalDate.ofInstant(d.toInstant(), java.time.ZoneId.of("Asia/Shanghai"));
        }
        String s = v.toString().trim();
        try {
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "「" + label + "」不是有效日期（格式：年-月-日，如 2026-03-18）");
        }
    }

    /** A required amount that is a number and not negative. */
    public BigDecimal amount(String field, String label) {
        Object v = values.get(field);
        if (v == null || v.toString().isBlank()) {
            throw new InvalidInputException(field, "请填写「" + label + "」");
        }
        BigDecimal amount;
        try {
            amount = v instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "「" + label + "」必须是数字");
        }
        if (amount.signum() < 0) {
            throw new InvalidInputException(field, "「" + label + "」不能为负数");
        }
        return amount;
    }

    /** A required whole number within [min, max]. */
    public int integer(String field, String label, int min, int max) {
        BigDecimal n = amount(field, label);
        if (n.scale() > 0 && n.stripTrailingZeros().scale() > 0) {
            throw new InvalidInputException(field, "「" + label + "」必须是整数");
        }
        if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidInputException(field, "「" + label + "」必须在" + min + "到" + max + "之间");
        }
        return n.intValue();
    }

    /** A required yes/no choice. */
    public boolean bool(String field, String label) {
        Object v = values.get(field);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v != null && ("true".equals(v.toString()) || "false".equals(v.toString()))) {
            return Boolean.parseBoolean(v.toString());
        }
        throw new InvalidInputException(field, "请选择「" + label + "」");
    }
}
