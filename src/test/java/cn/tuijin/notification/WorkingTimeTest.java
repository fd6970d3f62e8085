package cn.tuijin.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import cn.tuijin.calendar.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

/**
 * When notices go out: within working hours of working days (the 2026 calendar: National Day 1–7 October, the
 * make-up Saturday 10 October), and a leader's digest once a working day at 9:00.
 */
class WorkingTimeTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.fromClasspath();

    static NotificationProperties properties(boolean workingHours) {
        return new NotificationProperties("http://localhost:8080", "tuijin@localhost",
                new NotificationProperties.WorkingHours(workingHours, LocalTime.of(9, 0), LocalTime.of(18, 0)), LocalTime.of(9, 0),
                new NotificationProperties.Sender(false, Duration.ofSeconds(10), 200, Duration.ofMinutes(2),
                        Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(5)),
                new NotificationProperties.Webhook(false, List.of()));
    }

    private final WorkingTime time = new WorkingTime(CALENDAR, properties(true));

    private static Instant beijing(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute).atZone(WorkingDayCalendar.ZONE).toInstant();
    }

    @Test
    void aNoticeWithinWorkingHoursGoesAtOnce() {
        assertThat(time.sendAt(beijing(9, 29, 10, 15))).isEqualTo(beijing(9, 29, 10, 15));
    }

    @Test
    void aNoticeBeforeNineWaitsUntilNineTheSameWorkingDay() {
        assertThat(time.sendAt(beijing(9, 29, 6, 30))).isEqualTo(beijing(9, 29, 9, 0));
    }

    @Test
    void aNoticeOnTheEveningBeforeNationalDayWaitsForTheFirstWorkingDayAfterIt() {
        // Wednesday 30 September, 23:59:59 (a deadline's end): 1–7 October are holidays; Thursday 8 October is worked.
        assertThat(time.sendAt(beijing(9, 30, 23, 59))).isEqualTo(beijing(10, 8, 9, 0));
        assertThat(time.sendAt(beijing(10, 3, 12, 0))).isEqualTo(beijing(10, 8, 9, 0));
    }

    @Test
    void aMakeUpSaturdayIsAWorkingDayAndASundayIsNot() {
        assertThat(time.sendAt(beijing(10, 10, 11, 0))).as("调休 Saturday").isEqualTo(beijing(10, 10, 11, 0));
        assertThat(time.sendAt(beijing(10, 11, 11, 0))).as("Sunday").isEqualTo(beijing(10, 12, 9, 0));
    }

    @Test
    void aLeadersDigestGoesAtNineOfTheNextWorkingDay() {
        assertThat(time.digestAt(beijing(9, 29, 8, 0))).isEqualTo(beijing(9, 29, 9, 0));
        assertThat(time.digestAt(beijing(9, 29, 10, 0))).isEqualTo(beijing(9, 30, 9, 0));
        assertThat(time.digestAt(beijing(9, 30, 23, 59))).isEqualTo(beijing(10, 8, 9, 0));
    }

    @Test
    void withoutWorkingHoursNoticesGoAtOnceAndDigestsGatherAMinute() {
        WorkingTime always = new WorkingTime(CALENDAR, properties(false));
        assertThat(always.sendAt(beijing(10, 3, 23, 0))).isEqualTo(beijing(10, 3, 23, 0));
        assertThat(always.digestAt(beijing(10, 3, 23, 0))).isEqualTo(beijing(10, 3, 23, 1));
    }
}
