package cn.tuijin.desk;

import java.util.Optional;

import cn.tuijin.system.SystemActions;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a task as the deadline table records it (its project, its holder, whether it is still open) and the issue
 * it belongs to: the business key of an issue's process is the issue's code.
 */
@Component
class DeskTasks {

    /** A task the deadline table knows, open or done. */
    record Known(OpenTask task, boolean open) {
    }

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final SystemActions system;

    DeskTasks(JdbcTemplate jdbc, RuntimeService runtime, SystemActions system) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.system = system;
    }

    Optional<Known> find(String taskId) {
        return jdbc.query("""
                select task_id, project_code, process_instance_id, task_name, holder_unit_code, holder_user_id, due_at, status
                from task_deadline where task_id = ?""", (rs, i) -> {
            String issue = rs.getString("status").equals("OPEN") ? issueOf(rs.getString("process_instance_id")) : null;
            return new Known(new OpenTask(rs.getString("task_id"), rs.getString("project_code"), issue, rs.getString("task_name"),
                    rs.getString("holder_unit_code"), rs.getString("holder_user_id"), rs.getTimestamp("due_at").toInstant()),
                    rs.getString("status").equals("OPEN"));
        }, taskId).stream().findFirst();
    }

    private String issueOf(String processInstanceId) {
        ProcessInstance instance = system.asSystem(() -> runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult());
        if (instance == null || instance.getBusinessKey() == null) {
            return null;
        }
        Integer n = jdbc.queryForObject("select count(*) from issue where code = ?", Integer.class, instance.getBusinessKey());
        return n != null && n > 0 ? instance.getBusinessKey() : null;
    }
}
