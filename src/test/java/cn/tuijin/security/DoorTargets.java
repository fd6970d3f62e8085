package cn.tuijin.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.tuijin.bulletin.MonthlyBulletin;
import cn.tuijin.issue.IssueEscalation;
import cn.tuijin.project.ProjectLifecycle;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the enumerated door test aims at: real objects of the demo city where an operation names one (住建局's approval
 * of {@value #PROJECT}, its process instance, execution, process data, comment and history, the demo issue's level timer, the
 * lifecycle's definition and deployment, a Tasklist filter, an authorization, 赵磊 of 自然资源局 and his group), and an
 * id that names nothing where the demo city has no such object (decisions, external tasks, batches, attachments).
 */
final class DoorTargets {

    /** The project whose 住建局 approval (办理审批, group zjj) is the subject of every task operation. */
    static final String PROJECT = "XM-2026-006";
    static final String UNIT = "zjj";
    /** 自然资源局's planning approval: the process data a forged form would point to. */
    static final String OTHER_UNITS_PROJECT = "XM-2026-007";
    /** Where an administrator's modification starts the project: the step that records its start. */
    static final String JUMP_TO = ProjectLifecycle.Element.RECORD_START;
    /** An id of nothing (shaped like the engine's ids, so that a message repeating it is caught). */
    static final String NOTHING = "00000000-0000-4000-8000-000000000000";

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private final Map<String, String> ids = new HashMap<>();
    private final Task task;
    private final Job timer;
    private final String variableName;
    private final long otherUnitsApproval;
    private final List<Map<String, Object>> migration;

    DoorTargets(ProcessEngine engine, JdbcTemplate jdbc) {
        task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(PROJECT)
                .taskDefinitionKey(ProjectLifecycle.Element.HANDLE_APPROVAL).taskCandidateGroup(UNIT).list().get(0);
        // a deadline's timer not yet due: the level of the demo issue (a task's own deadline is swept, not a timer)
        timer = engine.getManagementService().createJobQuery().processDefinitionKey(IssueEscalation.KEY).timers()
                .duedateHigherThan(new java.util.Date(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().getTime() + 86_400_000L))
                .orderByJobDuedate().asc().list().get(0);
        otherUnitsApproval = jdbc.queryForObject("select id from project_approval where project_code = ? and item = 'PLANNING'",
                Long.class, OTHER_UNITS_PROJECT);
        variableName = ProjectLifecycle.Var.APPROVAL_ID;
        String definition = task.getProcessDefinitionId();
        String deployment = engine.getRepositoryService().getProcessDefinition(definition).getDeploymentId();
        String comment = engine.getTaskService().createComment(task.getId(), task.getProcessInstanceId(), "请加快办理").getId();
        var history = engine.getHistoryService();
        ids.put("task", task.getId());
        ids.put("process-instance", task.getProcessInstanceId());
        ids.put("history/process-instance", task.getProcessInstanceId());
        ids.put("execution", task.getExecutionId());
        ids.put("job", timer.getId());
        ids.put("job-definition", timer.getJobDefinitionId());
        ids.put("process-definition", definition);
        ids.put("history/process-definition", definition);
        ids.put("deployment", deployment);
        ids.put("resourceId", engine.getRepositoryService().getDeploymentResources(deployment).get(0).getId());
        ids.put("filter", engine.getFilterService().createFilterQuery().filterName("本单位待办").singleResult().getId());
        ids.put("authorization", engine.getAuthorizationService().createAuthorizationQuery().groupIdIn(UNIT).list().get(0).getId());
        ids.put("user", "zhaol");
        ids.put("group", "zrj");
        ids.put("userId", "wangjg");
        ids.put("groupId", UNIT);
        ids.put("commentId", comment);
        ids.put("varName", variableName);
        ids.put("messageName", MonthlyBulletin.REQUESTED);
        ids.put("metrics-name", "activity-instance-start");
        ids.put("key", ProjectLifecycle.KEY);
        ids.put("tenant", "doors-tenant");
        ids.put("tenant-id", "doors-tenant");
        ids.put("variable-instance", first(() -> engine.getRuntimeService().createVariableInstanceQuery()
                .processInstanceIdIn(task.getProcessInstanceId()).variableName(variableName).list()));
        ids.put("history/variable-instance", ids.get("variable-instance"));
        ids.put("history/activity-instance", first(() -> history.createHistoricActivityInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).list()));
        ids.put("history/detail", first(() -> history.createHistoricDetailQuery().processInstanceId(task.getProcessInstanceId()).list()));
        ids.put("history/job-log", first(() -> history.createHistoricJobLogQuery().processInstanceId(task.getProcessInstanceId()).list()));
        ids.put("history/user-operation", first(() -> history.createUserOperationLogQuery().list()));
        ids.put("operationId", first(() -> history.createUserOperationLogQuery().list()));
        ids.put("incident", first(() -> engine.getRuntimeService().createIncidentQuery().list()));
        migration = engine.getRuntimeService().createMigrationPlan(definition, definition).mapEqualActivities().build()
                .getInstructions().stream().map(i -> Map.<String, Object>of("sourceActivityIds", List.of(i.getSourceActivityId()),
                        "targetActivityIds", List.of(i.getTargetActivityId()), "updateEventTrigger", i.isUpdateEventTrigger()))
                .toList();
    }

    /** The first object's id, or {@link #NOTHING}. */
    private static String first(Supplier<List<?>> query) {
        List<?> found = query.get();
        if (found.isEmpty()) {
            return NOTHING;
        }
        Object object = found.get(0);
        try {
            Object id = object.getClass().getMethod("getId").invoke(object);
            return id == null ? NOTHING : id.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path template with its parameters filled: the object of the resource the path names, else nothing. */
    String path(String template) {
        String[] segments = template.substring(1).split("/");
        String resource = segments[0].equals("history") && segments.length > 1 ? "history/" + segments[1] : segments[0];
        if (resource.equals("decision-definition") || resource.equals("decision-requirements-definition")) {
            return PARAMETER.matcher(template).replaceAll(NOTHING);
        }
        Matcher m = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String id = name.equals("id") ? ids.getOrDefault(resource, NOTHING) : ids.getOrDefault(name, NOTHING);
            m.appendReplacement(path, Matcher.quoteReplacement(id));
        }
        m.appendTail(path);
        return path.toString();
    }

    String taskId() {
        return task.getId();
    }

    String processInstanceId() {
        return task.getProcessInstanceId();
    }

    String executionId() {
        return task.getExecutionId();
    }

    String processDefinitionId() {
        return task.getProcessDefinitionId();
    }

    String processDefinitionKey() {
        return ids.get("key");
    }

    String jobId() {
        return timer.getId();
    }

    String jobDefinitionId() {
        return timer.getJobDefinitionId();
    }

    String variableName() {
        return variableName;
    }

    /** The instructions of a valid migration of the lifecycle onto itself (each activity onto itself). */
    List<Map<String, Object>> migrationInstructions() {
        return migration;
    }

    long otherUnitsApproval() {
        return otherUnitsApproval;
    }

    @Override
    public String toString() {
        return ids.toString();
    }
}
