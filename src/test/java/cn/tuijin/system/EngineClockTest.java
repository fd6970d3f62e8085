package cn.tuijin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The application's one clock: {@code tuijin.today} only where the profile allows it, the engine's clock the same
 * time, moves that put the clock back as they found it.
 */
class EngineClockTest {

    private static EngineClock clock(String today, String... profiles) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return new EngineClock(today, environment);
    }

    @AfterEach
    void backToTheSuitesDay() {
        clock(System.getProperty("tuijin.today", ""), "test").reset();
    }

    @Test
    void aDayIsRefusedOutsideTheDemoAndTestProfiles() {
        assertThatThrownBy(() -> clock("2027-01-04", "postgres"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tuijin.today=2027-01-04 只能用于演示和测试");
        assertThatThrownBy(() -> clock("2027-01-04"))
                .hasMessageContaining("只能用于演示和测试");
    }

    @Test
    void aDayThatIsNotOneIsRefusedInChinese() {
        assertThatThrownBy(() -> clock("2027-02-30", "demo"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tuijin.today 应为日期（如 2027-02-10）或日期时间（如 2027-02-10T15:00），收到“2027-02-30”");
    }

    @Test
    void theApplicationStartsAtHalfPastNineBeijingTimeOnTheDayAndTheEngineClockIsTheSame() {
        // A day no other test of this JVM starts on: the first context given a day fixes its offset from real time.
        EngineClock clock = clock("2027-03-15", "demo", "postgres");
        assertThat(clock.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(clock.today()).isEqualTo(LocalDate.of(2027, 3, 15));
        Instant start = LocalDateTime.of(2027, 3, 15, 9, 30).atZone(EngineClock.ZONE).toInstant();
        assertThat(clock.now()).isBetween(start, start.plus(Duration.ofMinutes(1)));
        assertThat(ClockUtil.getCurrentTime().toInstant()).isBetween(start, start.plus(Duration.ofMinutes(1)));
        assertThat(LocalDate.now(clock)).isEqualTo(LocalDate.of(2027, 3, 15));
        assertThat(clock("2027-03-15T15:00", "test").now()).isBetween(start.plus(Duration.ofMinutes(330)),
                start.plus(Duration.ofMinutes(331)));
    }

    @Test
    void workDoneAsOfAPastDayPutsTheClockBackOnTheApplicationsDay() {
        EngineClock clock = clock("2027-03-16", "test");
        Instant past = LocalDateTime.of(2026, 12, 1, 9, 0).atZone(EngineClock.ZONE).toInstant();
        Instant seen = clock.at(past, clock::now);
        assertThat(seen).isEqualTo(past);
        Instant start = LocalDateTime.of(2027, 3, 16, 9, 30).atZone(EngineClock.ZONE).toInstant();
        assertThat(clock.now()).isBetween(start, start.plus(Duration.ofMinutes(1)));
    }

    @Test
    void aStoppedClockStaysStoppedAfterWorkDoneAsOfAnotherTime() {
        EngineClock clock = clock("", "demo");
        Instant stopped = LocalDateTime.of(2026, 6, 30, 17, 0).atZone(EngineClock.ZONE).toInstant();
        clock.setTime(stopped);
        clock.at(stopped.minus(Duration.ofDays(3)), () -> assertThat(clock.today()).isEqualTo(LocalDate.of(2026, 6, 27)));
        assertThat(clock.now()).isEqualTo(stopped);
    }
}
