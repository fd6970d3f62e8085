package cn.tuijin.system;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import cn.tuijin.deadline.DeadlineKind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The application's metrics, on /actuator/prometheus:
 * <ul>
 * <li>{@code tuijin.jobs.executed}, {@code tuijin.jobs.failed}: jobs this node ran, counters ({@link JobCounts});</li>
 * <li>{@code tuijin.incidents}: open incidents (a job out of retries, …);</li>
 * <li>{@code tuijin.overdue{kind}}: open, unpaused deadlines past due, by kind (MILESTONE, APPROVAL, …);</li>
 * <li>{@code tuijin.notifications.backlog}: reminders in the outbox not yet delivered.</li>
 * </ul>
 * The gauges read the database when scraped, every node the same figures (aggregate them with max, not sum); the
 * overdue counts are one grouped query, kept for a few seconds so that one scrape reads it once.
 */
@Component
class OperationsMetrics implements MeterBinder {

    private static final Duration FRESH = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final JobCounts jobs;
    private final EngineClock clock;

    /** When the counts were last read (System.nanoTime: elapsed real time, whatever day the application is on). */
    private volatile long overdueReadAt = Long.MIN_VALUE;
    private volatile Map<DeadlineKind, Long> overdue = new EnumMap<>(DeadlineKind.class);

    OperationsMetrics(JdbcTemplate jdbc, RuntimeService runtime, JobCounts jobs, EngineClock clock) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("tuijin.jobs.executed", jobs, JobCounts::executed)
                .description("Jobs this node executed successfully").register(registry);
        FunctionCounter.builder("tuijin.jobs.failed", jobs, JobCounts::failed)
                .description("Job executions on this node that failed (retried, or an incident when out of retries)")
                .register(registry);
        Gauge.builder("tuijin.incidents", runtime, r -> r.createIncidentQuery().count())
                .description("Open incidents").register(registry);
        for (DeadlineKind kind : DeadlineKind.values()) {
            Gauge.builder("tuijin.overdue", this, m -> m.overdue(kind)).tag("kind", kind.name())
                    .description("Open deadlines past due, not paused, by kind").register(registry);
        }
        // The notification backlog (tuijin.notifications.*) is measured by the notification package's own meters.
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
