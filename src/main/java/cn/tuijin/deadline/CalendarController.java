package cn.tuijin.deadline;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import cn.tuijin.calendar.CalendarImport;
import cn.tuijin.calendar.CalendarWarning;
import cn.tuijin.calendar.CalendarYearRepository.StoredYear;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.calendar.YearCalendar;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.TextInput;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The working-day calendar over HTTP: the years it knows, one year's holidays and make-up working days, a due date
 * counted in working days; administrators add or correct a year (the JSON of {@code calendar/<year>.json}), preview
 * what a year would change, and read a year from an .ics or holiday-cn file for their form.
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
    private final CalendarPreviews previews;
    private final CalendarWarning warning;

    CalendarController(WorkingDayCalendar calendar, CalendarCorrections corrections, CalendarPreviews previews,
                       CalendarWarning warning) {
        this.calendar = calendar;
        this.corrections = corrections;
        this.previews = previews;
        this.warning = warning;
    }

    /** A year with holiday data and where it comes from. */
    record KnownYear(int year, String source, String notice, String updatedBy, Instant updatedAt) {
    }

    /**
     * One year in the calendar file format, with where it comes from; provisional (and a note) if it has no data.
     * After a save, {@code recomputed} is how many open deadlines were counted again (null when reading).
     */
    record YearView(int year, String notice, List<HolidayView> holidays, List<WorkdayView> workdays,
                    boolean provisional, String note, String source, String updatedBy, Instant updatedAt,
                    Long recomputed) {
    }

    /** A year read from an uploaded file, for the form: the notice if the file names one, and the file's format. */
    record ImportView(int year, String notice, String format, List<HolidayView> holidays, List<WorkdayView> workdays) {
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
                        null, null, null));
    }

    @PutMapping(path = "/{year}", consumes = MediaType.APPLICATION_JSON_VALUE)
    YearView correct(@PathVariable("year") String yearText, @RequestBody(required = false) JsonNode json) {
        CalendarCorrections.Saved saved = corrections.correct(parseYear(yearText), json);
        YearView view = view(YearCalendar.fromJson(saved.stored().data()), saved.stored());
        long moved = saved.deadlines().stream().filter(DeadlineRecompute::moves).count();
        return new YearView(view.year(), view.notice(), view.holidays(), view.workdays(), false, null, view.source(),
                view.updatedBy(), view.updatedAt(), moved);
    }

    /** What saving the year (body as for PUT) would change: dates and open deadlines. Administrators; changes nothing. */
    @PostMapping(path = "/{year}/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    CalendarPreviews.PreviewView preview(@PathVariable("year") String yearText, @RequestBody(required = false) JsonNode json) {
        return previews.view(corrections.preview(parseYear(yearText), json));
    }

    /** An uploaded .ics or JSON (holiday-cn or this format) read into the year, for the form. Administrators; changes nothing. */
    @PostMapping(path = "/{year}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportView importFile(@PathVariable("year") String yearText, @RequestParam(required = false) MultipartFile file)
            throws IOException {
        int year = parseYear(yearText);
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "请选择要导入的日历文件（表单字段 file，.ics 或 .json），上传的文件为空");
        }
        if (file.getSize() > CalendarImport.MAX_BYTES) {
            throw new InvalidInputException("file", "上传的日历文件过大（" + file.getSize() / 1024 + " KB），上限为 "
                    + CalendarImport.MAX_BYTES / 1024 + " KB");
        }
        CalendarImport.Imported imported = corrections.importFile(year, file.getOriginalFilename(), file.getBytes());
        return new ImportView(year, imported.notice(), imported.format(), holidays(imported.data()), workdays(imported.data()));
    }

    /** Whether a year's holiday arrangement is missing (from 1 November, next year's), and the provisional deadlines. */
    @GetMapping("/warning")
    CalendarWarning.Status warning() {
        return warning.current();
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
        return new YearView(c.year(), c.notice(), holidays(c), workdays(c), false, null,
                stored == null ? FROM_FILE : CORRECTED,
                stored == null ? null : stored.updatedBy(), stored == null ? null : stored.updatedAt(), null);
    }

    static List<HolidayView> holidays(YearCalendar c) {
        return c.holidays().stream().map(h -> new HolidayView(h.name(), h.from().toString(), h.to().toString())).toList();
    }

    static List<WorkdayView> workdays(YearCalendar c) {
        return c.workdays().stream().map(w -> new WorkdayView(w.name(), w.date().toString())).toList();
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
