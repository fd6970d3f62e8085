package cn.tuijin.deadline;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Moves a task's deadline in the engine: its due and follow-up dates, and the two timers on it (warning and
 * deadline, {@link DeadlineWiring#timerId}). A timer that has already fired is armed again from its declaration. Also suspends and resumes those timers.
 */
@Component
class DeadlineMover {

    private final TaskService tasks;
    private final ManagementService management;
    private final ProcessEngineConfigurationImpl configuration;

    DeadlineMover(TaskService tasks, ManagementService management, ProcessEngineConfiguration configuration) {
        this.tasks = tasks;
        this.management = management;
        this.configuration = (ProcessEngineConfigurationImpl) configuration;
    }

    void move(Task task, Instant warnAt, Instant dueAt) {
        task.setDueDate(Date.from(dueAt));
        task.setFollowUpDate(warnAt == null ? null : Date.from(warnAt));
        tasks.saveTask(task);
        timer(task, DeadlineWiring.DUE_SOON, warnAt == null ? dueAt : warnAt);
        timer(task, DeadlineWiring.OVERDUE, dueAt);
    }

    void suspendTimers(Task task) {
        for (Job job : timers(task)) {
            management.suspendJobById(job.getId());
        }
    }

    void activateTimers(Task task) {
        for (Job job : timers(task)) {
            management.activateJobById(job.getId());
        }
    }

    private List<Job> timers(Task task) {
        return management.createJobQuery().executionId(task.getExecutionId()).timers().list();
    }

    private void timer(Task task, String suffix, Instant when) {
        String boundary = DeadlineWiring.timerId(task.getTaskDefinitionKey(), suffix);
        Job job = management.createJobQuery().executionId(task.getExecutionId()).activityId(boundary).singleResult();
        if (job != null) {
            management.setJobDuedate(job.getId(), Date.from(when));
            return;
        }
        rearm(task, boundary, when);
    }

    /**
     * Arms the timer {@code boundary} of the task again, due at {@code when}: a timer that fired before its deadline
     * is consumed, and a new one from its declaration in the diagram takes its place.
     */
    void rearm(Task task, String boundary, Instant when) {
        configuration.getCommandExecutorTxRequired().execute(context -> {
            ExecutionEntity execution = context.getExecutionManager().findExecutionById(task.getExecutionId());
            TimerDeclarationImpl declaration = TimerDeclarationImpl.getDeclarationsForScope(execution.getActivity()).get(boundary);
            if (declaration != null) {
                declaration.createTimer(execution).setDuedate(Date.from(when));
            }
            return null;
        });
    }
}
