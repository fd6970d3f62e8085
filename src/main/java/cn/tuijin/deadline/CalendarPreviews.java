package cn.tuijin.deadline;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.calendar.YearCalendar;
import cn.tuijin.deadline.CalendarController.HolidayView;
import cn.tuijin.deadline.CalendarController.WorkdayView;
import cn.tuijin.org.ProjectDirectory;
import org.springframework.stereotype.Component;

/**
 * The preview of a year before it is saved, as the administrator's page shows it: the holidays and make-up working
 * days, each date that changes between working day and day off, and each open deadline that would move.
 */
@Component
class CalendarPreviews {

    static final String WORKING = "工作日";
    static final String OFF = "休息日";

    private final WorkingDayCalendar calendar;
    private final ProjectDirectory projects;

    CalendarPreviews(WorkingDayCalendar calendar, ProjectDirectory projects) {
        this.calendar = calendar;
        this.projects = projects;
    }

    /**
     * What saving the year would change.
     *
     * @param days      the dates whose kind changes, with why
     * @param deadlines every provisional deadline touching the year and what becomes of it
     * @param moving    how many of them would move
     */
    record PreviewView(int year, String notice, List<HolidayView> holidays, List<WorkdayView> workdays,
                       List<DayChange> days, List<DeadlineChange> deadlines, long moving) {
    }

    /** A date that changes: {@code before} and {@code after} are 工作日 or 休息日. */
    record DayChange(LocalDate date, String weekday, String before, String after, String reason) {
    }

    /** One deadline: action MOVE (dates change), KEEP (dates stay) or SKIP (left as it is), with the rule applied. */
    record DeadlineChange(String taskId, String taskName, String projectCode, String projectName, String kind,
                          String action, String rule, LocalDate oldDue, LocalDate newDue, LocalDate oldWarn,
                          LocalDate newWarn, boolean provisional) {
    }

    PreviewView view(CalendarCorrections.Preview preview) {
        YearCalendar data = preview.data();
        List<DayChange> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(data.year(), 1, 1); d.getYear() == data.year(); d = d.plusDays(1)) {
            boolean before = calendar.isWorkingDay(d);
            boolean after = preview.after().isWorkingDay(d);
            if (before != after) {
                days.add(new DayChange(d, d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.CHINA),
                        before ? WORKING : OFF, after ? WORKING : OFF, reason(data, d)));
            }
        }
        Map<String, String> names = new HashMap<>();
        List<DeadlineChange> deadlines = preview.deadlines().stream().map(o -> {
            TaskDeadline d = o.deadline();
            return new DeadlineChange(d.taskId(), d.taskName(), d.projectCode(),
                    names.computeIfAbsent(d.projectCode(), this::projectName), d.kind().label(), o.action().name(),
                    o.rule(), day(d.dueAt()), day(o.newDueAt()), d.warnAt() == null ? null : day(d.warnAt()),
                    o.newWarnAt() == null ? null : day(o.newWarnAt()), o.provisional());
        }).toList();
        return new PreviewView(data.year(), data.notice(), CalendarController.holidays(data),
                CalendarController.workdays(data), days, deadlines,
                preview.deadlines().stream().filter(DeadlineRecompute::moves).count());
    }

    private String projectName(String code) {
        return projects.summary(code).map(ProjectDirectory.ProjectSummary::name).orElse(code);
    }

    private static String reason(YearCalendar data, LocalDate d) {
        for (YearCalendar.Holiday h : data.holidays()) {
            if (h.contains(d)) {
                return h.name() + "放假";
            }
        }
        for (YearCalendar.MakeUpWorkday w : data.workdays()) {
            if (w.date().equals(d)) {
                return w.name() + "调休上班";
            }
        }
        return "不再是节假日或调休上班日";
    }

    private static LocalDate day(java.time.Instant instant) {
        return ProvisionalDeadline.day(instant);
    }
}
