package cn.tuijin.system;

import java.util.Arrays;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
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

    private static final Logger log = LoggerFactory.getLogger(TaskSubjects.class);
    private static final String INSERT = "insert into task_subject (task_id, process_instance_id, scope_id, subject) values (?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final ManagementService management;

    TaskSubjects(JdbcTemplate jdbc, TaskService tasks, RuntimeService runtime, ManagementService management) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.runtime = runtime;
        this.management = management;
    }

    /**
     * On create: records what the task is about, as the process gives it in this step (the multi-instance element or
     * the input parameter it has just set, or a subject found by {@link #inScope}). Returns it as recorded.
     */
    public String record(DelegateTask task, Object subject) {
        if (subject == null) {
            throw new IllegalStateException("任务 " + task.getId() + "（" + task.getTaskDefinitionKey() + "）没有办理对象");
        }
        jdbc.update(INSERT, task.getId(), task.getProcessInstanceId(), scope(task), subject.toString());
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

    /**
     * Open tasks of the activity created before subjects were recorded (those open when V14 came): recorded at
     * start-up, once, from the variable as it then stands. A task recorded meanwhile, by another node too, is left as
     * it is. Returns how many were recorded.
     */
    public int recordOpen(String activityId, String variable) {
        String sql = "select * from " + management.getTableName(Task.class) + " T where T.TASK_DEF_KEY_ = #{activity}"
                + " and not exists (select 1 from task_subject S where S.task_id = T.ID_)";
        int recorded = 0;
        for (Task task : tasks.createNativeTaskQuery().sql(sql).parameter("activity", activityId).list()) {
            Object subject = tasks.getVariable(task.getId(), variable);
            String scope = scope(task);
            if (subject == null || scope == null) {
                log.warn("办理对象：任务 {}（{}）没有 {}，未登记", task.getId(), activityId, variable);
                continue;
            }
            try {
                jdbc.update(INSERT, task.getId(), task.getProcessInstanceId(), scope, subject.toString());
                recorded++;
                log.info("办理对象：登记 V14 之前创建的任务 {}（{}）为 {}", task.getId(), activityId, subject);
            } catch (DuplicateKeyException recordedByAnotherNode) {
                // recorded meanwhile
            }
        }
        return recorded;
    }

    /** The sub-process instance the task runs in. */
    private static String scope(DelegateTask task) {
        return task.getExecution().getParentActivityInstanceId();
    }

    /** The same for a task read through the API: the parent of its activity instance. */
    private String scope(Task task) {
        ActivityInstance tree = runtime.getActivityInstance(task.getProcessInstanceId());
        return Arrays.stream(tree.getActivityInstances(task.getTaskDefinitionKey()))
                .filter(instance -> Arrays.asList(instance.getExecutionIds()).contains(task.getExecutionId()))
                .map(ActivityInstance::getParentActivityInstanceId).findFirst().orElse(null);
    }
}
