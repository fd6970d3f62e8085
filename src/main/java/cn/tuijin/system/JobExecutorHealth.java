package cn.tuijin.system;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code jobExecutor} in /actuator/health: down when this node should run jobs and its job executor is not running.
 * A node started without one ({@code camunda.bpm.job-execution.enabled=false}) is up. The details say how many jobs
 * are due and how many failed with no retries left (each one an incident to look at in Cockpit); these concern the
 * processes, not this node, and do not make it down.
 */
@Component("jobExecutorHealthIndicator")
class JobExecutorHealth implements HealthIndicator {

    private final ProcessEngine engine;
    private final boolean enabled;

    JobExecutorHealth(ProcessEngine engine, @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
        this.engine = engine;
        this.enabled = enabled;
    }

    @Override
    public Health health() {
        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        boolean active = executor != null && executor.isActive();
        ManagementService management = engine.getManagementService();
        Health.Builder health = !enabled || active ? Health.up() : Health.down();
        health.withDetail("enabled", enabled).withDetail("active", active);
        if (executor != null && active) {
            health.withDetail("lockOwner", executor.getLockOwner())
                    .withDetail("maxJobsPerAcquisition", executor.getMaxJobsPerAcquisition())
                    .withDetail("lockTimeInMillis", executor.getLockTimeInMillis());
        }
        return health.withDetail("dueJobs", management.createJobQuery().executable().count())
                .withDetail("failedJobsWithoutRetries", management.createJobQuery().noRetriesLeft().count())
                .build();
    }
}
