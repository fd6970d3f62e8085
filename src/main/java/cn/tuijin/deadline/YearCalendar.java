package cn.tuijin.deadline;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Validates the year's data; throws IllegalArgumentException with a Chinese message naming the problem. */
    public YearCalendar {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("年份 " + year + " 超出支持范围（1–9999）");
        }
        if (notice == null || notice.isBlank()) {
            throw new IllegalArgumentException(year + " 年日历缺少通知文号");
        }
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        workdays = workdays == null ? List.of() : List.copyOf(workdays);
        for (Holiday h : holidays) {
            requireInYear(year, h.from(), "节假日“" + h.name() + "”的起始日期");
            requireInYear(year, h.to(), "节假日“" + h.name() + "”的结束日期");
            if (h.from().isAfter(h.to())) {
                throw new IllegalArgumentException(
                        "节假日“" + h.name() + "”的起始日期 " + h.from() + " 晚于结束日期 " + h.to());
            }
        }
        Set<LocalDate> seen = new HashSet<>();
        for (MakeUpWorkday w : workdays) {
            requireInYear(year, w.date(), "调休上班日");
            DayOfWeek dow = w.date().getDayOfWeek();
            if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
                throw new IllegalArgumentException("调休上班日 " + w.date() + "（"
                        + dow.getDisplayName(TextStyle.FULL, Locale.CHINA) + "）不是周六或周日");
            }
            if (!seen.add(w.date())) {
                throw new IllegalArgumentException("调休上班日 " + w.date() + " 重复");
            }
            for (Holiday h : holidays) {
                if (h.contains(w.date())) {
                    throw new IllegalArgumentException("调休上班日 " + w.date() + " 与节假日“" + h.name() + "”（"
                            + h.from() + " 至 " + h.to() + "）重叠");
                }
            }
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
            return fromTree(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("日历 JSON 格式错误：" + e.getOriginalMessage(), e);
        }
    }

    /** Reads one year from a JSON stream in the calendar file format; the stream is not closed. */
    public static YearCalendar fromJson(InputStream in) {
        try {
            return fromTree(JSON.readTree(in));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("日历 JSON 格式错误：" + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("无法读取日历 JSON：" + e.getMessage(), e);
        }
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

    private static YearCalendar fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("日历 JSON 应为一个对象");
        }
        JsonNode yearNode = root.get("year");
        if (yearNode == null || !yearNode.canConvertToExactIntegral() || !yearNode.canConvertToInt()) {
            throw new IllegalArgumentException("日历 JSON 缺少整数字段 year");
        }
        List<Holiday> holidays = new ArrayList<>();
        for (JsonNode h : array(root, "holidays")) {
            holidays.add(new Holiday(text(h, "name"), date(h, "from"), date(h, "to")));
        }
        List<MakeUpWorkday> workdays = new ArrayList<>();
        for (JsonNode w : array(root, "workdays")) {
            workdays.add(new MakeUpWorkday(text(w, "name"), date(w, "date")));
        }
        return new YearCalendar(yearNode.intValue(), text(root, "notice"), holidays, workdays);
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return JSON.createArrayNode();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("日历 JSON 字段 " + field + " 应为数组");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static LocalDate date(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("日期格式错误：" + field + " = “" + value + "”（应为 yyyy-MM-dd）", e);
        }
    }

    private static void requireInYear(int year, LocalDate day, String what) {
        if (day.getYear() != year) {
            throw new IllegalArgumentException(what + " " + day + " 不在 " + year + " 年内");
        }
    }
}
