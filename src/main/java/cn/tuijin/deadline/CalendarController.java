package cn.tuijin.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import cn.tuijin.deadline.CalendarYearRepository.StoredYear;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.TextInput;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The working-day calendar over HTTP: the years it knows, one year's holidays and make-up working days, a due date
 * counted in working days; administrators add or correct a year (the JSON of {@code calendar/<year>.json}).
 */
@RestController
@RequestMapping("/api/calendar")
class CalendarController {

    static final String FROM_FILE = "文件";
    static final String CORRECTED = "管理员修订";

    /** The most working days one question may count, either way. */
    private static final int MAX_DAYS = 1000;

    private final WorkingDayCalendar calendar;
    private final CalendarCorrections corrections;

    CalendarController(WorkingDayCalendar calendar, CalendarCorrections corrections) {
        this.calendar = calendar;
        this.corrections = corrections;
    }

    /** A year with holiday data and where it comes from. */
    record KnownYear(int year, String source, String notice, String updatedBy, Instant updatedAt) {
    }

    /** One year in the calendar file format, with where it comes from; provisional (and a note) if it has no data. */
    record YearView(int year, String notice, List<HolidayView> holidays, List<WorkdayView> workdays,
                    boolean provisional, String note, String source, String updatedBy, Instant updatedAt) {
    }

    record HolidayView(String name, String from, String to) {
    }

    record WorkdayView(String name, String date) {
    }

    /** The {@code days}-th working day after {@code from}; provisional if a year counted has no holiday data. */
    record WorkingDays(LocalDate from, int days, LocalDate due, boolean provisional, String note) {
    }

    @GetMapping
    List<KnownYear> years() {
        Map<Integer, StoredYear> stored = corrections.storedYears();
        return calendar.years().stream()
                .flatMap(y -> calendar.calendarFor(y).stream())
                .map(c -> {
                    StoredYear s = stored.get(c.year());
                    return s == null ? new KnownYear(c.year(), FROM_FILE, c.notice(), null, null)
                            : new KnownYear(c.year(), CORRECTED, c.notice(), s.updatedBy(), s.updatedAt());
                })
                .toList();
    }

    @GetMapping("/{year}")
    YearView year(@PathVariable("year") String yearText) {
        int year = parseYear(yearText);
        return calendar.calendarFor(year)
                .map(c -> view(c, corrections.stored(year).orElse(null)))
                .orElseGet(() -> new YearView(year, null, List.of(), List.of(), true, provisionalNote(year), null,
                        null, null));
    }

    @PutMapping(path = "/{year}", consumes = MediaType.APPLICATION_JSON_VALUE)
    YearView correct(@PathVariable("year") String yearText, @RequestBody(required = false) JsonNode json) {
        StoredYear stored = corrections.correct(parseYear(yearText), json);
        return view(YearCalendar.fromJson(stored.data()), stored);
    }

    @GetMapping("/working-days")
    WorkingDays workingDays(@RequestParam(required = false) String from, @RequestParam(required = false) String days) {
        LocalDate start = parseFrom(from);
        int n = parseDays(days);
        LocalDate due = calendar.addWorkingDays(start, n);
        LocalDate first = start.isBefore(due) ? start : due;
        LocalDate last = start.isBefore(due) ? due : start;
        Integer missing = null;
        for (int y = first.getYear(); y <= last.getYear() && missing == null; y++) {
            if (calendar.isProvisional(LocalDate.ofYearDay(y, 1))) {
                missing = y;
            }
        }
        return new WorkingDays(start, n, due, missing != null, missing == null ? null : provisionalNote(missing));
    }

    private static YearView view(YearCalendar c, StoredYear stored) {
        return new YearView(c.year(), c.notice(),
                c.holidays().stream().map(h -> new HolidayView(h.name(), h.from().toString(), h.to().toString())).toList(),
                c.workdays().stream().map(w -> new WorkdayView(w.name(), w.date().toString())).toList(),
                false, null, stored == null ? FROM_FILE : CORRECTED,
                stored == null ? null : stored.updatedBy(), stored == null ? null : stored.updatedAt());
    }

    static String provisionalNote(int year) {
        return year + " 年尚无节假日安排数据，暂按周一至周五为工作日计算，涉及该年的期限为暂定";
    }

    private static int parseYear(String text) {
        String t = text.trim();
        if (t.matches("[0-9]{1,4}") && Integer.parseInt(t) >= 1) {
            return Integer.parseInt(t);
        }
        throw new InvalidInputException("year", "「年份」须为 1 到 9999 之间的整数，收到“" + TextInput.shown(text) + "”");
    }

    private static LocalDate parseFrom(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("from", "请填写「from」（起算日期，格式：年-月-日，如 2026-09-29）");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("from", "「from」不是有效日期（格式：年-月-日，如 2026-09-29），收到“" + TextInput.shown(text) + "”");
        }
        if (day.getYear() < 1 || day.getYear() > 9999) {
            throw new InvalidInputException("from", "「from」的年份须在 1 到 9999 之间");
        }
        return day;
    }

    private static int parseDays(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("days", "请填写「days」（工作日数）");
        }
        String t = text.trim();
        if (t.matches("[+-]?[0-9]{1,4}") && Math.abs(Integer.parseInt(t)) <= MAX_DAYS) {
            return Integer.parseInt(t);
        }
        throw new InvalidInputException("days", "「days」须为 -" + MAX_DAYS + " 到 " + MAX_DAYS + " 之间的整数（负数往前数），收到“"
                + TextInput.shown(text) + "”");
    }
}
