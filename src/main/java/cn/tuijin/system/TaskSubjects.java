package cn.tuijin.system;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What a user task is about — the approval it decides, the month it reports, the meeting assignment or the unit whose
 * opinion it carries — recorded when the process creates the task and read back when it is completed (table
 * task_subject). A process variable can be written by whoever reaches the engine; this record is written once, in the
 * process's own step that creates the task, before anyone can act on it.
 */
@Repository
public class TaskSubjects {

    private final JdbcTemplate jdbc;

    TaskSubjects(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * On create: records what the task is about, as the process gives it in this step (the multi-instance element or
     * the input parameter it has just set, or a subject found by {@link #inScope}). Returns it as recorded.
     */
    public String record(DelegateTask task, Object subject) {
        if (subject == null) {
            throw new IllegalStateException("任务 " + task.getId() + "（" + task.getTaskDefinitionKey() + "）没有办理对象");
        }
        jdbc.update("insert into task_subject (task_id, process_instance_id, scope_id, subject) values (?, ?, ?, ?)",
                task.getId(), task.getProcessInstanceId(), scope(task), subject.toString());
        return subject.toString();
    }

    /** The subject recorded when the task was created. */
    public String of(DelegateTask task) {
        return jdbc.queryForList("select subject from task_subject where task_id = ?", String.class, task.getId()).stream()
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        "任务 " + task.getId() + "（" + task.getTaskDefinitionKey() + "）创建时未登记办理对象"));
    }

    /** The subject an earlier task of the same sub-process instance recorded: a follow-up task is about the same. */
    public String inScope(DelegateTask task) {
        return jdbc.queryForList("select subject from task_subject where scope_id = ?", String.class, scope(task))
                .stream().findFirst().orElseThrow(() -> new IllegalStateException(
                        "任务 " + task.getId() + "（" + task.getTaskDefinitionKey() + "）所在的子流程没有已登记的办理对象"));
    }

    /** The sub-process instance the task runs in. */
    private static String scope(DelegateTask task) {
        return task.getExecution().getParentActivityInstanceId();
    }
}
