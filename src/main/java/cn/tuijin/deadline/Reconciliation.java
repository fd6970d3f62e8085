package cn.tuijin.deadline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.tuijin.system.EngineClock;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The nightly reconciliation (processes/deadline-reconciliation.bpmn, one job in the cluster): closes deadlines of
 * tasks that no longer exist, then recomputes every project's light and logs what it corrected.
 */
@Component("reconcileDelegate")
class Reconciliation implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final TaskDeadlineRepository deadlines;
    private final LightService lights;
    private final TaskService tasks;
    private final EngineClock clock;

    Reconciliation(TaskDeadlineRepository deadlines, LightService lights, TaskService tasks, EngineClock clock) {
        this.deadlines = deadlines;
        this.lights = lights;
        this.tasks = tasks;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        run();
    }

    /** Returns the number of corrections made. */
    int run() {
        Set<String> open = new HashSet<>(deadlines.openTaskIds());
        Set<String> existing = new HashSet<>();
        List<String> ids = List.copyOf(open);
        for (int i = 0; i < ids.size(); i += 1000) {
            String[] chunk = ids.subList(i, Math.min(ids.size(), i + 1000)).toArray(String[]::new);
            for (Task t : tasks.createTaskQuery().taskIdIn(chunk).list()) {
                existing.add(t.getId());
            }
        }
        int closed = 0;
        for (String taskId : open) {
            if (!existing.contains(taskId)) {
                deadlines.close(taskId, clock.now());
                closed++;
            }
        }
        if (closed > 0) {
            log.warn("期限核对：{} 个已不存在的任务的期限已关闭", closed);
        }
        return closed + lights.reconcile();
    }
}
