package cn.tuijin.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.TextInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One year of holidays from a JSON in the format of holiday-cn ({@code year}, {@code days[]} of
 * {@code {name, date, isOffDay}}): consecutive days off of one name become one holiday range, each working day listed
 * a make-up working day. Errors name the field, as {@code days[3].date}.
 */
final class HolidayCnCalendar {

    private static final int MAX_DAYS = 400;

    private HolidayCnCalendar() {
    }

    static YearCalendar read(int year, ObjectNode root) {
        JsonNode days = root.get("days");
        if (days == null || !days.isArray()) {
            throw new InvalidInputException("days", "holiday-cn 格式的字段 days 应为数组");
        }
        if (days.isEmpty()) {
            throw new InvalidInputException("days", "holiday-cn 格式的 days 为空：没有任何节假日或调休上班日");
        }
        if (days.size() > MAX_DAYS) {
            throw new InvalidInputException("days", "holiday-cn 格式的 days 至多 " + MAX_DAYS + " 项");
        }
        List<YearCalendar.Holiday> holidays = new ArrayList<>();
        List<Integer> holidayAt = new ArrayList<>();
        List<YearCalendar.MakeUpWorkday> workdays = new ArrayList<>();
        List<Integer> workdayAt = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            String at = "days[" + i + "]";
            JsonNode day = days.get(i);
            if (day == null || !day.isObject()) {
                throw new InvalidInputException(at, at + " 应为一个对象（name、date、isOffDay）");
            }
            String name = name(day.get("name"), at + ".name");
            LocalDate date = date(day.get("date"), at + ".date");
            JsonNode off = day.get("isOffDay");
            if (off == null || !off.isBoolean()) {
                throw new InvalidInputException(at + ".isOffDay", at + ".isOffDay 应为 true（放假）或 false（调休上班）");
            }
            if (!off.booleanValue()) {
                workdays.add(new YearCalendar.MakeUpWorkday(name, date));
                workdayAt.add(i);
            } else if (!holidays.isEmpty() && holidays.get(holidays.size() - 1).name().equals(name)
                    && holidays.get(holidays.size() - 1).to().plusDays(1).equals(date)) {
                YearCalendar.Holiday previous = holidays.remove(holidays.size() - 1);
                holidays.add(new YearCalendar.Holiday(name, previous.from(), date));
            } else {
                holidays.add(new YearCalendar.Holiday(name, date, date));
                holidayAt.add(i);
            }
        }
        if (holidays.size() > YearCalendar.MAX_ENTRIES || workdays.size() > YearCalendar.MAX_ENTRIES) {
            throw new InvalidInputException("days", "节假日或调休上班日超过 " + YearCalendar.MAX_ENTRIES + " 项");
        }
        try {
            return CalendarImport.validated(year, holidays, workdays);
        } catch (YearCalendar.Invalid invalid) {
            throw new InvalidInputException(fieldOf(invalid.field(), holidayAt, workdayAt), invalid.getMessage());
        }
    }

    /** The day of the file a validation error is about: the first day of a holiday range, or the make-up day. */
    private static String fieldOf(String field, List<Integer> holidayAt, List<Integer> workdayAt) {
        Matcher m = Pattern.compile("(holidays|workdays)\\[(\\d+)]").matcher(field);
        if (!m.find()) {
            return "days";
        }
        int i = Integer.parseInt(m.group(2));
        return "days[" + (m.group(1).equals("holidays") ? holidayAt.get(i) : workdayAt.get(i)) + "].date";
    }

    private static String name(JsonNode value, String field) {
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new InvalidInputException(field, field + " 应为节假日名称（文本）");
        }
        return TextInput.required(field, "节假日名称", value.textValue(), 50);
    }

    private static LocalDate date(JsonNode value, String field) {
        if (value == null || !value.isTextual() || !value.textValue().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            throw new InvalidInputException(field, field + " 应为日期（yyyy-MM-dd）");
        }
        try {
            return LocalDate.parse(value.textValue());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " 不是有效日期：“" + value.textValue() + "”");
        }
    }
}
