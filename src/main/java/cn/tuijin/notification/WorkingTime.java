package cn.tuijin.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import cn.tuijin.calendar.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * When a notice may go out: within the working hours of a working day (holidays and make-up days from the
 * working-day calendar); otherwise at the start of the next working day. A leader's digest goes once a day.
 */
@Component
public class WorkingTime {

    /** Without working hours (the demo), the lines of a leader's digest gathered over this long go together. */
    static final Duration DIGEST_GATHERING = Duration.ofMinutes(1);

    private final WorkingDayCalendar calendar;
    private final NotificationProperties.WorkingHours hours;
    private final LocalTime digestAt;

    WorkingTime(WorkingDayCalendar calendar, NotificationProperties properties) {
        this.calendar = calendar;
        this.hours = properties.workingHours();
        this.digestAt = properties.digestAt();
    }

    /** The earliest time a notice caused at {@code at} may be sent. */
    public Instant sendAt(Instant at) {
        if (!hours.enabled()) {
            return at;
        }
        ZonedDateTime t = at.atZone(WorkingDayCalendar.ZONE);
        LocalDate day = t.toLocalDate();
        if (calendar.isWorkingDay(day)) {
            if (t.toLocalTime().isBefore(hours.start())) {
                return at(day, hours.start());
            }
            if (t.toLocalTime().isBefore(hours.end())) {
                return at;
            }
        }
        return at(calendar.addWorkingDays(day, 1), hours.start());
    }

    /** When the digest that takes a line written at {@code at} is sent: the next digest time of a working day. */
    Instant digestAt(Instant at) {
        if (!hours.enabled()) {
            return at.plus(DIGEST_GATHERING);
        }
        ZonedDateTime t = at.atZone(WorkingDayCalendar.ZONE);
        LocalDate day = t.toLocalDate();
        if (calendar.isWorkingDay(day) && !t.toLocalTime().isAfter(digestAt)) {
            return at(day, digestAt);
        }
        return at(calendar.addWorkingDays(day, 1), digestAt);
    }

    private static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(WorkingDayCalendar.ZONE).toInstant();
    }
}
