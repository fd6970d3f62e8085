package cn.tuijin.calendar;

import java.time.LocalDate;

import cn.tuijin.system.EngineClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether the calendar lacks a year it is about to need: this year, or from 1 November (Beijing date) next year,
 * whose holiday arrangement the State Council publishes in November. Until an administrator enters it, every deadline
 * in that year is provisional (Monday–Friday). Counts the open provisional deadlines, in whatever year they lack data.
 * Shown on the supervisor dashboard, the administrator's calendar page and in /actuator/health.
 */
@Component
public class CalendarWarning {

    /** The month from which next year's arrangement is expected. */
    static final int EXPECTED_FROM_MONTH = 11;

    private final WorkingDayCalendar calendar;
    private final JdbcTemplate jdbc;
    private final EngineClock clock;

    CalendarWarning(WorkingDayCalendar calendar, JdbcTemplate jdbc, EngineClock clock) {
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The state of the calendar today.
     *
     * @param missingYear          the year whose arrangement is missing and needed, or null
     * @param provisionalDeadlines open deadlines counted with a year without data
     * @param message              the warning in Chinese, or null when nothing is missing
     */
    public record Status(Integer missingYear, long provisionalDeadlines, String message) {

        public boolean warning() {
            return missingYear != null;
        }
    }

    public Status current() {
        LocalDate today = clock.today();
        Integer missing = null;
        if (!calendar.hasDataFor(today.getYear())) {
            missing = today.getYear();
        } else if (today.getMonthValue() >= EXPECTED_FROM_MONTH && !calendar.hasDataFor(today.getYear() + 1)) {
            missing = today.getYear() + 1;
        }
        long provisional = provisionalDeadlines();
        if (missing == null) {
            return new Status(null, provisional, null);
        }
        return new Status(missing, provisional, message(missing, provisional));
    }

    /** Open deadlines computed with a year that had no holiday data. */
    public long provisionalDeadlines() {
        Long n = jdbc.queryForObject("select count(*) from task_deadline where status = 'OPEN' and provisional", Long.class);
        return n == null ? 0 : n;
    }

    static String message(int year, long provisional) {
        return year + "年节假日安排尚未录入：" + (provisional == 0 ? "目前没有" : "目前有 " + provisional + " 个")
                + "进行中的期限按周一至周五暂定计算，录入后将自动重算";
    }
}
