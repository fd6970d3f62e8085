package cn.tuijin.deadline;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import cn.tuijin.system.EngineClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code tuijin.overdue{kind}} on /actuator/prometheus: open, unpaused deadlines past due, by kind (MILESTONE, APPROVAL,
 * …). One grouped query, kept for a few seconds so that one scrape reads it once; every node shows the same figures
 * (aggregate them with max, not sum).
 */
@Component
class OverdueMetrics implements MeterBinder {

    private static final Duration FRESH = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final EngineClock clock;

    /** When the counts were last read (System.nanoTime: elapsed real time, whatever day the application is on). */
    private volatile long overdueReadAt = Long.MIN_VALUE;
    private volatile Map<DeadlineKind, Long> overdue = new EnumMap<>(DeadlineKind.class);

    OverdueMetrics(JdbcTemplate jdbc, EngineClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (DeadlineKind kind : DeadlineKind.values()) {
            Gauge.builder("tuijin.overdue", this, m -> m.overdue(kind)).tag("kind", kind.name())
                    .description("Open deadlines past due, not paused, by kind").register(registry);
        }
    }

    private long overdue(DeadlineKind kind) {
        long now = System.nanoTime();
        if (overdueReadAt == Long.MIN_VALUE || now - overdueReadAt > FRESH.toNanos()) {
            Map<DeadlineKind, Long> counts = new EnumMap<>(DeadlineKind.class);
            jdbc.query("""
                    select kind, count(*) from task_deadline
                    where status = 'OPEN' and paused_at is null and due_at < ? group by kind""",
                    rs -> {
                        counts.put(DeadlineKind.valueOf(rs.getString(1)), rs.getLong(2));
                    }, Timestamp.from(clock.now()));
            overdue = counts;
            overdueReadAt = now;
        }
        return overdue.getOrDefault(kind, 0L);
    }
}
