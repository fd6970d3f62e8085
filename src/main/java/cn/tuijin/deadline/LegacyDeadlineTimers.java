package cn.tuijin.deadline;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.management.JobDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An installation upgraded from the version that armed an engine timer per task deadline still has those timers'
 * jobs. Their activities are no longer in the parsed diagrams (the sweep marks those deadlines now,
 * {@link DeadlineSweep}), so the jobs would fail: at start-up their job definitions are suspended with their jobs, in one
 * update each. The jobs go when their process instances end.
 */
@Component
class LegacyDeadlineTimers {

    private static final Logger log = LoggerFactory.getLogger(LegacyDeadlineTimers.class);

    private final ManagementService management;
    private final RepositoryService repository;

    LegacyDeadlineTimers(ManagementService management, RepositoryService repository) {
        this.management = management;
        this.repository = repository;
    }

    @EventListener(ApplicationReadyEvent.class)
    void suspend() {
        for (JobDefinition definition : management.createJobDefinitionQuery().active().jobType("timer-transition").list()) {
            String activity = definition.getActivityId();
            boolean deadlineTimer = activity != null && activity.startsWith("BoundaryEvent_")
                    && (activity.endsWith(DeadlineWiring.OVERDUE) || activity.endsWith(DeadlineWiring.DUE_SOON));
            if (deadlineTimer && ((ProcessDefinitionEntity) repository.getProcessDefinition(definition.getProcessDefinitionId()))
                    .findActivity(activity) == null) {
                management.suspendJobDefinitionById(definition.getId(), true);
                log.info("旧版期限定时器 {}（流程 {}）已停用：期限改由期限扫描处理", activity, definition.getProcessDefinitionKey());
            }
        }
    }
}
