package cn.tuijin.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.TextInput;

/**
 * One year of holidays from an iCalendar file (RFC 5545), read by hand: each VEVENT is a whole-day event
 * ({@code DTSTART;VALUE=DATE}, {@code DTEND} exclusive, one day without DTEND); a SUMMARY containing 班 (上班, 补班)
 * makes its days make-up working days, any other a holiday range. Everything else in the file is ignored. Errors name
 * the line of the file.
 */
final class IcsCalendar {

    private static final Pattern DATE = Pattern.compile("[0-9]{8}");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
    /** Decorations around a holiday's name in common feeds: 春节（休）, 春节 补班, 国庆节调休上班. */
    private static final Pattern DECORATION = Pattern.compile("[\\s（(]*(调休|补)?(上班|班|放假|假期|休)[)）]?\\s*$");

    /** A logical line (folded lines joined) and the number of its first physical line. */
    private record Line(int number, String name, String params, String value) {
    }

    private static final class Event {
        int begin;
        Line start;
        Line end;
        String summary;
    }

    private IcsCalendar() {
    }

    static YearCalendar read(int year, String text) {
        List<Line> lines = lines(text);
        if (lines.isEmpty() || !lines.get(0).name().equals("BEGIN") || !lines.get(0).value().equalsIgnoreCase("VCALENDAR")) {
            int at = lines.isEmpty() ? 1 : lines.get(0).number();
            throw refused(at, "不是 iCalendar 文件（应以 BEGIN:VCALENDAR 开头）");
        }
        List<Event> events = new ArrayList<>();
        Event event = null;
        boolean ended = false;
        for (Line line : lines.subList(1, lines.size())) {
            if (ended) {
                throw refused(line.number(), "END:VCALENDAR 之后不应再有内容");
            }
            switch (line.name()) {
                case "BEGIN" -> {
                    if (line.value().equalsIgnoreCase("VEVENT")) {
                        if (event != null) {
                            throw refused(line.number(), "上一个 VEVENT 尚未结束（缺少 END:VEVENT）");
                        }
                        event = new Event();
                        event.begin = line.number();
                    }
                }
                case "END" -> {
                    if (line.value().equalsIgnoreCase("VEVENT")) {
                        if (event == null) {
                            throw refused(line.number(), "END:VEVENT 没有对应的 BEGIN:VEVENT");
                        }
                        events.add(event);
                        event = null;
                    } else if (line.value().equalsIgnoreCase("VCALENDAR")) {
                        if (event != null) {
                            throw refused(line.number(), "第 " + event.begin + " 行开始的 VEVENT 缺少 END:VEVENT");
                        }
                        ended = true;
                    }
                }
                case "DTSTART" -> {
                    if (event != null) {
                        event.start = line;
                    }
                }
                case "DTEND" -> {
                    if (event != null) {
                        event.end = line;
                    }
                }
                case "SUMMARY" -> {
                    if (event != null) {
                        event.summary = unescape(line.value()).trim();
                    }
                }
                default -> {
                }
            }
        }
        if (!ended) {
            throw refused(lines.get(lines.size() - 1).number(), "文件不完整：缺少 END:VCALENDAR");
        }
        if (events.isEmpty()) {
            throw new InvalidInputException("file", "iCalendar 文件中没有任何事件（VEVENT）");
        }
        return year(year, events);
    }

    private static YearCalendar year(int year, List<Event> events) {
        List<YearCalendar.Holiday> holidays = new ArrayList<>();
        List<Integer> holidayLines = new ArrayList<>();
        List<YearCalendar.MakeUpWorkday> workdays = new ArrayList<>();
        List<Integer> workdayLines = new ArrayList<>();
        for (Event e : events) {
            if (e.summary == null || e.summary.isEmpty()) {
                throw refused(e.begin, "事件缺少名称（SUMMARY）");
            }
            if (e.start == null) {
                throw refused(e.begin, "事件“" + TextInput.shown(e.summary) + "”缺少开始日期（DTSTART）");
            }
            LocalDate from = date(e.start);
            LocalDate to = e.end == null ? from : date(e.end).minusDays(1);
            if (to.isBefore(from)) {
                throw refused(e.end.number(), "事件“" + TextInput.shown(e.summary) + "”的结束日期（DTEND，不含当日）"
                        + date(e.end) + " 不晚于开始日期 " + from);
            }
            String name = name(e.summary);
            if (e.summary.contains("班")) {
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    workdays.add(new YearCalendar.MakeUpWorkday(name, d));
                    workdayLines.add(e.start.number());
                }
            } else if (!holidays.isEmpty() && follows(holidays.get(holidays.size() - 1), name, from)) {
                // One event per day, as some feeds write them: consecutive days of one holiday become one range.
                YearCalendar.Holiday previous = holidays.remove(holidays.size() - 1);
                holidays.add(new YearCalendar.Holiday(name, previous.from(), to));
            } else {
                holidays.add(new YearCalendar.Holiday(name, from, to));
                holidayLines.add(e.start.number());
            }
        }
        if (holidays.size() > YearCalendar.MAX_ENTRIES || workdays.size() > YearCalendar.MAX_ENTRIES) {
            throw new InvalidInputException("file", "iCalendar 文件中的节假日或调休上班日超过 " + YearCalendar.MAX_ENTRIES + " 项");
        }
        try {
            return CalendarImport.validated(year, holidays, workdays);
        } catch (YearCalendar.Invalid invalid) {
            throw refused(lineOf(invalid.field(), holidayLines, workdayLines), invalid.getMessage());
        }
    }

    private static boolean follows(YearCalendar.Holiday previous, String name, LocalDate from) {
        return previous.name().equals(name) && previous.to().plusDays(1).equals(from);
    }

    /** The line of the event a validation error names ({@code holidays[2].from}, {@code workdays[0].date}). */
    private static int lineOf(String field, List<Integer> holidayLines, List<Integer> workdayLines) {
        Matcher m = Pattern.compile("(holidays|workdays)\\[(\\d+)]").matcher(field);
        if (!m.find()) {
            return 1;
        }
        int i = Integer.parseInt(m.group(2));
        return m.group(1).equals("holidays") ? holidayLines.get(i) : workdayLines.get(i);
    }

    private static LocalDate date(Line line) {
        String value = line.value().trim();
        if (!DATE.matcher(value).matches()) {
            throw refused(line.number(), line.name() + " 应为全天日期（" + line.name() + ";VALUE=DATE:yyyyMMdd），收到“"
                    + TextInput.shown(value) + "”");
        }
        try {
            return LocalDate.parse(value, BASIC);
        } catch (DateTimeParseException e) {
            throw refused(line.number(), line.name() + " 不是有效日期：“" + value + "”");
        }
    }

    private static String name(String summary) {
        String name = DECORATION.matcher(summary).replaceFirst("").trim();
        return name.isEmpty() ? summary : name;
    }

    private static String unescape(String value) {
        return value.replace("\\n", " ").replace("\\N", " ").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\");
    }

    /** The file's content lines, folded lines joined (RFC 5545 3.1), blank lines skipped. */
    private static List<Line> lines(String text) {
        String[] physical = text.split("\r\n|\n|\r", -1);
        List<Line> lines = new ArrayList<>();
        StringBuilder current = null;
        int currentNumber = 0;
        for (int i = 0; i < physical.length; i++) {
            String p = physical[i];
            if ((p.startsWith(" ") || p.startsWith("\t")) && current != null) {
                current.append(p, 1, p.length());
                continue;
            }
            if (current != null) {
                lines.add(parse(currentNumber, current.toString()));
                current = null;
            }
            if (!p.isBlank()) {
                current = new StringBuilder(p);
                currentNumber = i + 1;
            }
        }
        if (current != null) {
            lines.add(parse(currentNumber, current.toString()));
        }
        return lines;
    }

    private static Line parse(int number, String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw refused(number, "不是 iCalendar 的内容行（应为“名称:值”），收到“" + TextInput.shown(abbreviated(line)) + "”");
        }
        String head = line.substring(0, colon);
        int semicolon = head.indexOf(';');
        String name = (semicolon < 0 ? head : head.substring(0, semicolon)).trim().toUpperCase();
        if (!name.matches("[A-Z0-9-]+")) {
            throw refused(number, "不是 iCalendar 的内容行：属性名“" + TextInput.shown(abbreviated(name)) + "”无效");
        }
        return new Line(number, name, semicolon < 0 ? "" : head.substring(semicolon + 1), line.substring(colon + 1));
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static InvalidInputException refused(int line, String message) {
        return new InvalidInputException("file", "iCalendar 文件第 " + line + " 行：" + message);
    }
}
