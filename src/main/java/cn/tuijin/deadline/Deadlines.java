package cn.tuijin.deadline;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.system.EngineClock;
import org.springframework.stereotype.Component;

/**
 * Every due date and warning date of the lifecycle, counted in working days by the one calendar.
 * Exposed to process expressions as {@code deadlines}: task due and follow-up dates and the timers use the same calls.
 * Deadlines of a number of working days come back as text ("3 working days") for the engine's working-day business
 * calendar; deadlines on a planned date come back as dates. A deadline falls at the end of its day (23:59:59,
 * Beijing time); a warning window opens at the start of its day.
 */
@Component("deadlines")
public class Deadlines {


    private final WorkingDayCalendar calendar;
    private final DeadlinePolicy policy;
    private final EngineClock clock;
    private final PlannedWork planned;
    private final Map<String, DeadlinePolicy.Window> windows = new HashMap<>();

    Deadlines(WorkingDayCalendar calendar, DeadlinePolicy policy, EngineClock clock, PlannedWork planned,
              List<DeadlineWindows> features) {
        this.calendar = calendar;
        this.policy = policy;
        this.clock = clock;
        this.planned = planned;
        for (DeadlineWindows feature : features) {
            feature.windows().forEach((name, window) -> {
                if (windows.putIfAbsent(name, window) != null) {
                    throw new IllegalStateException("deadline window " + name + " is declared twice");
                }
            });
        }
    }

    /** A milestone is due on its planned date (or, if none is planned, the day it was opened). */
    public Date milestoneDue(String projectCode, String milestone) {
        return WorkingDayCalendar.endOf(milestoneDay(projectCode, milestone));
    }

    public Date milestoneWarn(String projectCode, String milestone) {
        return WorkingDayCalendar.startOf(calendar.subtractWorkingDays(milestoneDay(projectCode, milestone), policy.milestoneWarn()));
    }

    /**
     * The deadline of that name (VERIFICATION, SUPPLEMENT, or one a feature declares: {@link DeadlineWindows}), as the
     * working-day business calendar reads it: "3 working days".
     */
    public String workingDays(String kind) {
        return window(kind).days() + " working days";
    }

    public Date warnFromNow(String kind) {
        DeadlinePolicy.Window w = window(kind);
        return WorkingDayCalendar.startOf(calendar.subtractWorkingDays(dueFromToday(w.days()), w.warn()));
    }

    /** An approval is due its promised working days after today ("15 working days"). */
    public String approvalDue(Long approvalId) {
        return planned.promisedDays(approvalId) + " working days";
    }

    public Date approvalWarn(Long approvalId) {
        return WorkingDayCalendar.startOf(calendar.subtractWorkingDays(dueFromToday(planned.promisedDays(approvalId)), policy.approvalWarn()));
    }

    /** The monthly report opened this month is due by the policy's n-th working day of this month. */
    public Date monthlyReportDue() {
        return WorkingDayCalendar.endOf(monthlyReportDay());
    }

    public Date monthlyReportWarn() {
        return WorkingDayCalendar.startOf(calendar.subtractWorkingDays(monthlyReportDay(), policy.monthlyReport().warn()));
    }

    /** The month a monthly report opened now covers (yyyy-MM): the previous month. */
    public String reportPeriod() {
        return clock.thisMonth().minusMonths(1).toString();
    }

    private LocalDate monthlyReportDay() {
        YearMonth month = clock.thisMonth();
        return calendar.nthWorkingDayOfMonth(month, policy.monthlyReport().dayOfMonth());
    }

    private LocalDate milestoneDay(String projectCode, String milestone) {
        return planned.plannedDay(projectCode, milestone).orElseGet(clock::today);
    }

    private LocalDate dueFromToday(int workingDays) {
        return calendar.addWorkingDays(clock.today(), workingDays);
    }

    private DeadlinePolicy.Window window(String name) {
        DeadlinePolicy.Window window = windows.get(name);
        if (window == null) {
            throw new IllegalArgumentException("unknown deadline window " + name + "; known: " + new TreeSet<>(windows.keySet()));
        }
        return window;
    }
}
