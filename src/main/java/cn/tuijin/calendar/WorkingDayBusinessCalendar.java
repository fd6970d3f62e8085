package cn.tuijin.calendar;

import java.time.LocalDate;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * Lets a diagram state a due date, follow-up date or timer as "N working days" (or "N个工作日"): the end of the
 * N-th working day after the reference date, by the working-day calendar. Anything else goes to Camunda's own
 * calendar (ISO 8601 dates and durations).
 */
class WorkingDayBusinessCalendar implements BusinessCalendar {

    private static final Pattern WORKING_DAYS = Pattern.compile("^\\s*(\\d{1,3})\\s*(?:working days?|个?工作日)\\s*$");

    private final WorkingDayCalendar calendar;
    private final BusinessCalendar fallback;

    WorkingDayBusinessCalendar(WorkingDayCalendar calendar, BusinessCalendar fallback) {
        this.calendar = calendar;
        this.fallback = fallback;
    }

    @Override
    public Date resolveDuedate(String duedate) {
        return resolveDuedate(duedate, (Date) null);
    }

    @Override
    public Date resolveDuedate(String duedate, Date startDate) {
        Matcher m = WORKING_DAYS.matcher(duedate);
        if (!m.matches()) {
            return fallback.resolveDuedate(duedate, startDate);
        }
        Date from = startDate != null ? startDate : ClockUtil.getCurrentTime();
        LocalDate day = LocalDate.ofInstant(from.toInstant(), WorkingDayCalendar.ZONE);
        return WorkingDayCalendar.endOf(calendar.addWorkingDays(day, Integer.parseInt(m.group(1))));
    }

    @Override
    public Date resolveDuedate(String duedate, Task task) {
        return WORKING_DAYS.matcher(duedate).matches() ? resolveDuedate(duedate, (Date) null) : fallback.resolveDuedate(duedate, task);
    }
}
