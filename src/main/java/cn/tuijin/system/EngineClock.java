package cn.tuijin.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The one clock of the application, in Beijing time: every "now" and "today" of the application and the engine's
 * own clock (timers, task dates, job acquisition) are the same time, because this clock reads the engine's and every
 * move of time goes through it.
 *
 * <p>{@code tuijin.today} (demo and test profiles only; refused elsewhere) starts the application as if on that day:
 * {@code 2027-02-10} is that day at {@value #DAY_START_TEXT} Beijing time, {@code 2027-02-10T15:00} that minute; the
 * clock then runs on from there. Every Spring context of one JVM given the same day starts from the same instant, so
 * time never runs backwards between them. Tests move time with {@link #setTime} (stopped) or {@link #startAt}
 * (running), run seeding code as of a past day with {@link #at}, and go back to the application's day with
 * {@link #reset}.
 */
@Component
public class EngineClock extends Clock {

    /** The time zone of every date and deadline in the application. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** When a day given without a time starts (tuijin.today=2027-02-10): within working hours, far from midnight. */
    static final LocalTime DAY_START = LocalTime.of(9, 30);
    private static final String DAY_START_TEXT = "09:30";

    private static final Logger log = LoggerFactory.getLogger(EngineClock.class);

    /** The offset from real time for each value of tuijin.today, fixed the first time a context of this JVM asked. */
    private static final Map<String, Long> OFFSETS = new ConcurrentHashMap<>();

    /** What the engine clock is doing now: stopped at an instant, or running with an offset from real time. */
    private record State(Long stoppedAt, long offsetMillis) {
    }

    private static volatile State state = new State(null, 0);

    private final long baseOffsetMillis;

    /**
     * The application's clock: real time, or the day of {@code tuijin.today} where the profile allows it. (Marked for
     * Spring: without the mark it would take the no-argument constructor of {@link #realTime()} and ignore the day.)
     */
    @Autowired
    EngineClock(@Value("${tuijin.today:}") String today, Environment environment) {
        String day = today == null ? "" : today.trim();
        if (day.isEmpty()) {
            baseOffsetMillis = 0;
        } else {
            if (!environment.acceptsProfiles(Profiles.of("demo | test"))) {
                throw new IllegalStateException("tuijin.today=" + day + " 只能用于演示和测试（demo 或 test 配置）：生产环境以真实日期计算期限，请删除该设置");
            }
            Instant start = parse(day);
            baseOffsetMillis = OFFSETS.computeIfAbsent(day, d -> start.toEpochMilli() - System.currentTimeMillis());
            log.info("应用时钟：按 {} 起算（tuijin.today={}）", LocalDateTime.ofInstant(start, ZONE), day);
        }
        reset();
    }

    /** A clock on real time (for code outside a Spring context, such as benchmarks). */
    public static EngineClock realTime() {
        return new EngineClock();
    }

    private EngineClock() {
        baseOffsetMillis = 0;
    }

    /** The instant a value of {@code tuijin.today} stands for: a day at {@value #DAY_START_TEXT}, or a day and time. */
    public static Instant parse(String today) {
        try {
            if (today.length() <= 10) {
                return LocalDate.parse(today).atTime(DAY_START).atZone(ZONE).toInstant();
            }
            return LocalDateTime.parse(today).atZone(ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("tuijin.today 应为日期（如 2027-02-10）或日期时间（如 2027-02-10T15:00），收到“" + today + "”", e);
        }
    }

    @Override
    public Instant instant() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    @Override
    public long millis() {
        return ClockUtil.getCurrentTime().getTime();
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return ZONE.equals(zone) ? this : new Zoned(this, zone);
    }

    public Instant now() {
        return instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), ZONE);
    }

    public YearMonth thisMonth() {
        return YearMonth.from(today());
    }

    /** Stops the clock at the instant (tests: dates they can compare exactly). */
    public void setTime(Instant instant) {
        apply(new State(instant.toEpochMilli(), 0));
    }

    /** Stops the clock at the Beijing time. */
    public void setTime(LocalDateTime beijing) {
        setTime(beijing.atZone(ZONE).toInstant());
    }

    /** Lets the clock run on from the instant. */
    public void startAt(Instant instant) {
        apply(new State(null, instant.toEpochMilli() - System.currentTimeMillis()));
    }

    /** Back to the application's own time: real time, or running on from the day of {@code tuijin.today}. */
    public void reset() {
        apply(new State(null, baseOffsetMillis));
    }

    /**
     * Runs the work as if at the instant (the clock stopped there), then puts the clock back as it was, stopped or
     * running. Only for seeding and tests: the job executor of a running node shares this clock.
     */
    public <T> T at(Instant instant, Supplier<T> work) {
        State before = state;
        setTime(instant);
        try {
            return work.get();
        } finally {
            apply(before.stoppedAt() != null ? before : new State(null, before.offsetMillis()));
        }
    }

    public void at(Instant instant, Runnable work) {
        at(instant, () -> {
            work.run();
            return null;
        });
    }

    private static synchronized void apply(State next) {
        state = next;
        if (next.stoppedAt() != null) {
            ClockUtil.setCurrentTime(new Date(next.stoppedAt()));
        } else if (next.offsetMillis() == 0) {
            ClockUtil.reset();
        } else {
            ClockUtil.offset(next.offsetMillis());
        }
    }

    /** How far the application's day is from real time (zero unless tuijin.today is set). */
    public Duration offsetFromRealTime() {
        return Duration.ofMillis(baseOffsetMillis);
    }

    /** This clock seen in another zone (Clock's contract); "today" stays Beijing's in the application. */
    private static final class Zoned extends Clock {

        private final EngineClock clock;
        private final ZoneId zone;

        Zoned(EngineClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return clock.withZone(other);
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }
    }
}
