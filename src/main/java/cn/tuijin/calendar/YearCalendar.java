package cn.tuijin.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.TextInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One year's holiday arrangement as the State Council notice states it: immutable, validated on construction.
 *
 * @param year     the calendar year, 1–9999
 * @param notice   the notice the data comes from (document number and title)
 * @param holidays holiday ranges (放假), both ends inclusive, as the notice states them
 * @param workdays make-up working days (调休上班), each a Saturday or Sunday
 */
public record YearCalendar(int year, String notice, List<Holiday> holidays, List<MakeUpWorkday> workdays) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** The most holidays, and the most make-up working days, one year may have. */
    static final int MAX_ENTRIES = 50;
    private static final int MAX_NOTICE = 200;
    private static final int MAX_NAME = 50;

    /**
     * A holiday range named as in the notice (e.g. 国庆节), both ends inclusive.
     *
     * @param name the holiday's name
     * @param from first day off
     * @param to   last day off
     */
    public record Holiday(String name, LocalDate from, LocalDate to) {

        /** Checks that the name and both dates are present. */
        public Holiday {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("节假日名称不能为空");
            }
            if (from == null || to == null) {
                throw new IllegalArgumentException("节假日“" + name + "”缺少起始或结束日期");
            }
        }

        /** Whether the day lies in this range. */
        public boolean contains(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    /**
     * A make-up working day (调休上班日): a Saturday or Sunday that is worked.
     *
     * @param name the holiday it belongs to, as in the notice
     * @param date the day that is worked
     */
    public record MakeUpWorkday(String name, LocalDate date) {

        /** Checks that the name and the date are present. */
        public MakeUpWorkday {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("调休上班日的节假日名称不能为空");
            }
            if (date == null) {
                throw new IllegalArgumentException("节假日“" + name + "”的调休上班日缺少日期");
            }
        }
    }

    /**
     * Validates the year's data; throws {@link Invalid} (an IllegalArgumentException) with a Chinese message naming
     * the problem and the field at fault, as {@code holidays[2].to}.
     */
    public YearCalendar {
        if (year < 1 || year > 9999) {
            throw new Invalid("year", "年份 " + year + " 超出支持范围（1–9999）");
        }
        if (notice == null || notice.isBlank()) {
            throw new Invalid("notice", year + " 年日历缺少通知文号");
        }
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        workdays = workdays == null ? List.of() : List.copyOf(workdays);
        for (int i = 0; i < holidays.size(); i++) {
            Holiday h = holidays.get(i);
            requireInYear(year, h.from(), "节假日“" + h.name() + "”的起始日期", "holidays[" + i + "].from");
            requireInYear(year, h.to(), "节假日“" + h.name() + "”的结束日期", "holidays[" + i + "].to");
            if (h.from().isAfter(h.to())) {
                throw new Invalid("holidays[" + i + "].to",
                        "节假日“" + h.name() + "”的起始日期 " + h.from() + " 晚于结束日期 " + h.to());
            }
        }
        for (int i = 0; i < holidays.size(); i++) {
            Holiday h = holidays.get(i);
            for (int j = 0; j < i; j++) {
                Holiday other = holidays.get(j);
                if (!h.from().isAfter(other.to()) && !other.from().isAfter(h.to())) {
                    throw new Invalid("holidays[" + i + "].from", "节假日“" + h.name() + "”（" + h.from() + " 至 " + h.to()
                            + "）与节假日“" + other.name() + "”（" + other.from() + " 至 " + other.to() + "）重叠");
                }
            }
        }
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < workdays.size(); i++) {
            MakeUpWorkday w = workdays.get(i);
            String field = "workdays[" + i + "].date";
            requireInYear(year, w.date(), "调休上班日", field);
            DayOfWeek dow = w.date().getDayOfWeek();
            if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
                throw new Invalid(field, "调休上班日 " + w.date() + "（"
                        + dow.getDisplayName(TextStyle.FULL, Locale.CHINA) + "）不是周六或周日");
            }
            if (!seen.add(w.date())) {
                throw new Invalid(field, "调休上班日 " + w.date() + " 重复");
            }
            for (Holiday h : holidays) {
                if (h.contains(w.date())) {
                    throw new Invalid(field, "调休上班日 " + w.date() + " 与节假日“" + h.name() + "”（"
                            + h.from() + " 至 " + h.to() + "）重叠");
                }
            }
        }
    }

    /** Data of a year refused, with the field at fault ({@code notice}, {@code workdays[1].date}). */
    public static final class Invalid extends IllegalArgumentException {

        private final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Whether the notice makes this day a holiday. */
    public boolean isHoliday(LocalDate day) {
        for (Holiday h : holidays) {
            if (h.contains(day)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the notice makes this day a make-up working day. */
    public boolean isMakeUpWorkday(LocalDate day) {
        for (MakeUpWorkday w : workdays) {
            if (w.date().equals(day)) {
                return true;
            }
        }
        return false;
    }

    /** Reads one year from JSON in the calendar file format ({@code year, notice, holidays[], workdays[]}). */
    public static YearCalendar fromJson(String json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new Invalid("body", "日历 JSON 格式错误：" + e.getOriginalMessage());
        }
    }

    /** Reads one year from a JSON stream in the calendar file format; the stream is not closed. */
    public static YearCalendar fromJson(InputStream in) {
        try {
            return fromJson(JSON.readTree(in));
        } catch (JsonProcessingException e) {
            throw new Invalid("body", "日历 JSON 格式错误：" + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("无法读取日历 JSON：" + e.getMessage(), e);
        }
    }

    /**
     * Reads one year from parsed JSON in the calendar file format, strictly: no fields but those of the format, texts
     * as JSON strings, the year as a whole number, days as yyyy-MM-dd, at most {@value #MAX_ENTRIES} holidays and
     * make-up days, names and notice printable and short.
     */
    public static YearCalendar fromJson(JsonNode root) {
        if (root == null || root.isNull() || root.isMissingNode()) {
            throw new Invalid("body", "请提交该年的日历数据（JSON，格式同 calendar/<年份>.json）");
        }
        if (!root.isObject()) {
            throw new Invalid("body", "日历 JSON 应为一个对象");
        }
        onlyFields(root, "", "year", "notice", "holidays", "workdays");
        JsonNode yearNode = root.get("year");
        if (yearNode == null || yearNode.isNull()) {
            throw new Invalid("year", "日历 JSON 缺少整数字段 year");
        }
        if (!yearNode.isIntegralNumber() || !yearNode.canConvertToInt()) {
            throw new Invalid("year", "日历 JSON 字段 year 应为整数（如 2027）");
        }
        String notice = text(root, "notice", "", "通知文号", MAX_NOTICE);
        List<Holiday> holidays = new ArrayList<>();
        JsonNode hs = array(root, "holidays");
        for (int i = 0; i < hs.size(); i++) {
            String at = "holidays[" + i + "]";
            JsonNode h = object(hs.get(i), at, "name", "from", "to");
            String name = required(text(h, "name", at + ".", "节假日名称", MAX_NAME), at + ".name", "节假日名称不能为空");
            LocalDate from = required(date(h, "from", at + "."), at + ".from", "节假日“" + name + "”缺少起始日期");
            LocalDate to = required(date(h, "to", at + "."), at + ".to", "节假日“" + name + "”缺少结束日期");
            holidays.add(new Holiday(name, from, to));
        }
        List<MakeUpWorkday> workdays = new ArrayList<>();
        JsonNode ws = array(root, "workdays");
        for (int i = 0; i < ws.size(); i++) {
            String at = "workdays[" + i + "]";
            JsonNode w = object(ws.get(i), at, "name", "date");
            String name = required(text(w, "name", at + ".", "调休上班日的节假日名称", MAX_NAME), at + ".name", "调休上班日的节假日名称不能为空");
            LocalDate date = required(date(w, "date", at + "."), at + ".date", "节假日“" + name + "”的调休上班日缺少日期");
            workdays.add(new MakeUpWorkday(name, date));
        }
        return new YearCalendar(yearNode.intValue(), notice, holidays, workdays);
    }

    /** Writes the year in the calendar file format, the inverse of {@link #fromJson(String)}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("year", year);
        root.put("notice", notice);
        ArrayNode hs = root.putArray("holidays");
        for (Holiday h : holidays) {
            hs.addObject().put("name", h.name()).put("from", h.from().toString()).put("to", h.to().toString());
        }
        ArrayNode ws = root.putArray("workdays");
        for (MakeUpWorkday w : workdays) {
            ws.addObject().put("name", w.name()).put("date", w.date().toString());
        }
        return root.toString();
    }

    private static void onlyFields(JsonNode node, String at, String... fields) {
        List<String> known = List.of(fields);
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw new Invalid(at + f, "日历 JSON 中不认识的字段「" + TextInput.shown(f) + "」（可填写：" + String.join("、", known) + "）");
            }
        });
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return JSON.createArrayNode();
        }
        if (!value.isArray()) {
            throw new Invalid(field, "日历 JSON 字段 " + field + " 应为数组");
        }
        if (value.size() > MAX_ENTRIES) {
            throw new Invalid(field, "日历 JSON 字段 " + field + " 至多 " + MAX_ENTRIES + " 项");
        }
        return value;
    }

    private static JsonNode object(JsonNode node, String at, String... fields) {
        if (node == null || !node.isObject()) {
            throw new Invalid(at, at + " 应为一个对象");
        }
        onlyFields(node, at + ".", fields);
        return node;
    }

    /** A JSON string, trimmed, or null if missing, null or blank; refused if not a string, too long or not printable. */
    private static String text(JsonNode node, String field, String at, String label, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Invalid(at + field, label + "应为文本（用双引号括起）");
        }
        try {
            return TextInput.optional(at + field, label, value.textValue(), maxLength);
        } catch (InvalidInputException e) {
            throw new Invalid(e.field(), e.getMessage());
        }
    }

    private static LocalDate date(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !value.textValue().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            throw new Invalid(at + field, "日期格式错误：" + field + " = “" + TextInput.shown(value.isTextual() ? value.textValue() : value.toString())
                    + "”（应为 yyyy-MM-dd）");
        }
        try {
            return LocalDate.parse(value.textValue());
        } catch (DateTimeParseException e) {
            throw new Invalid(at + field, "日期格式错误：" + field + " = “" + value.textValue() + "”（不是有效日期）");
        }
    }

    private static <T> T required(T value, String field, String message) {
        if (value == null) {
            throw new Invalid(field, message);
        }
        return value;
    }

    private static void requireInYear(int year, LocalDate day, String what, String field) {
        if (day.getYear() != year) {
            throw new Invalid(field, what + " " + day + " 不在 " + year + " 年内");
        }
    }
}
