package cn.tuijin.system;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The engine's metrics, on /actuator/prometheus:
 * <ul>
 * <li>{@code tuijin.jobs.executed}, {@code tuijin.jobs.failed}: jobs this node ran, counters ({@link JobCounts});</li>
 * <li>{@code tuijin.incidents}: open incidents (a job out of retries, …).</li>
 * </ul>
 * The deadlines' (tuijin.overdue) and the notifications' (tuijin.notifications.*) meters are their modules' own. The
 * gauges read the database when scraped, every node the same figures (aggregate them with max, not sum).
 */
@Component
class OperationsMetrics implements MeterBinder {

    private final RuntimeService runtime;
    private final JobCounts jobs;

    OperationsMetrics(RuntimeService runtime, JobCounts jobs) {
        this.runtime = runtime;
        this.jobs = jobs;
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
    }
}
