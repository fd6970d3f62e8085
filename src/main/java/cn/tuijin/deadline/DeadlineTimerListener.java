package cn.tuijin.deadline;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * Glue on a user task's deadline timers (drawn in its diagram, or added by {@link DeadlineWiring} to a process deployed
 * before deadlines were swept): finds the task the timer is attached to and who holds it,
 * then hands over to {@link DeadlineTracker}.
 */
abstract class DeadlineTimerListener implements ExecutionListener {

    protected final DeadlineTracker tracker;
    private final TaskHolders holders;
    private final DeadlineMover mover;
    private final DeadlineTaskEvents processes;

    DeadlineTimerListener(DeadlineTracker tracker, TaskHolders holders, DeadlineMover mover, DeadlineTaskEvents processes) {
        this.tracker = tracker;
        this.holders = holders;
        this.mover = mover;
        this.processes = processes;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String activityId = DeadlineWiring.attachedTask(execution);
        TaskEntity task = attachedTask(execution, activityId);
        if (task != null) { // else the task ended in the same instant as the timer fired
            handle(task.getId(), () -> holders.describe(task, projectCode(execution, task)))
                    .filter(at -> !at.equals(Instant.MAX))
                    .ifPresent(at -> mover.rearm(task, execution.getCurrentActivityId(), at));
        }
    }

    /**
     * {@code live} describes the task from the engine (read only if its deadline was never recorded). Returns the time
     * the timer should have fired at if it fired early ({@link Instant#MAX}: not before its paused clock resumes).
     */
    protected abstract Optional<Instant> handle(String taskId, Supplier<HeldTask> live);

    /**
     * The project the work is for, as the task's own process knows it from its records (the task listener of that
     * process: an issue's project, a notice's); the business key for a process without one. Never a process variable.
     */
    private String projectCode(DelegateExecution execution, TaskEntity task) {
        String process = ((ExecutionEntity) execution).getProcessDefinition().getKey();
        return processes.of(process).map(listener -> listener.projectCode(task)).orElseGet(execution::getProcessBusinessKey);
    }

    /**
     * The task the timer belongs to: in a multi-instance sub-process several tasks share the activity id, one per
     * instance; the right one is the task whose execution shares the nearest ancestor with the timer's execution.
     */
    private static TaskEntity attachedTask(DelegateExecution execution, String activityId) {
        List<Task> candidates = execution.getProcessEngineServices().getTaskService().createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(activityId).list();
        if (candidates.size() <= 1) {
            return candidates.isEmpty() ? null : (TaskEntity) candidates.get(0);
        }
        Map<String, Integer> depth = new HashMap<>();
        int d = 0;
        for (ExecutionEntity e = (ExecutionEntity) execution; e != null; e = e.getParent()) {
            depth.put(e.getId(), d++);
        }
        TaskEntity nearest = null;
        int best = Integer.MAX_VALUE;
        for (Task candidate : candidates) {
            for (ExecutionEntity e = ((TaskEntity) candidate).getExecution(); e != null; e = e.getParent()) {
                Integer shared = depth.get(e.getId());
                if (shared != null) {
                    if (shared < best) {
                        best = shared;
                        nearest = (TaskEntity) candidate;
                    }
                    break;
                }
            }
        }
        return nearest;
    }
}
