package cn.tuijin.deadline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.tuijin.system.EngineClock;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The deadline half of the nightly reconciliation: closes the deadlines of tasks that no longer exist (a task ended
 * without its listener running: an instance deleted by an administrator, a migration).
 */
@Component
public class VanishedTasks {

    private static final Logger log = LoggerFactory.getLogger(VanishedTasks.class);

    private final TaskDeadlineRepository deadlines;
    private final TaskService tasks;
    private final EngineClock clock;

    VanishedTasks(TaskDeadlineRepository deadlines, TaskService tasks, EngineClock clock) {
        this.deadlines = deadlines;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** Closes the open deadlines whose tasks are gone; returns how many. */
    public int closeDeadlines() {
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
        return closed;
    }
}
