package cn.tuijin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.issue.IssueEscalation;
import cn.tuijin.notice.NoticeProcess;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.WebappBrowser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reproductions of the engine's generic doors used against the rules, each answered with a 4xx in Chinese and
 * nothing changed, counted in the database: deciding another unit's approval with a forged id, handing one's task (and
 * its blame) to another unit, moving one's own deadline, running a deadline timer before its time, starting an issue
 * on another unit's project around {@code /api}, an administrator moving a deadline through a job's retries or shortening
 * the history, and the answers a lost race or a missing field get.
 */
@TuijinTest
class EngineDoorsTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired RepositoryService repository;
    @Autowired EngineClock clock;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFormCannotCarryAnotherUnitsApprovalId() throws Exception {
        Task own = task("XM-2026-006", "Task_HandleApproval", "zjj");
        long others = jdbc.queryForObject("select id from project_approval where project_code = 'XM-2026-007' and item = 'PLANNING'", Long.class);
        Map<String, Object> before = jdbc.queryForMap("select status, approval_no from project_approval where id = ?", others);

        HttpResponse<String> forged = call("POST", "/engine-rest/task/" + own.getId() + "/submit-form", "wangjg",
                "{\"variables\":{\"approvalId\":{\"value\":" + others + ",\"type\":\"Long\"},"
                        + "\"acceptedWithGaps\":{\"value\":false},\"approvalNo\":{\"value\":\"FAKE-ZJJ-001\"}}}");

        assertRefused(forged, 400, "approvalId");
        assertThat(jdbc.queryForMap("select status, approval_no from project_approval where id = ?", others)).isEqualTo(before);
        assertThat(tasks.createTaskQuery().taskId(own.getId()).count()).as("his own task is still open").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from project_approval where approval_no = 'FAKE-ZJJ-001'", Integer.class)).isZero();
    }

    @Test
    void variablesCannotBeWrittenThroughTheEngine() throws Exception {
        Task own = task("XM-2026-006", "Task_HandleApproval", "zjj");

        assertRefused(call("POST", "/engine-rest/task/" + own.getId() + "/variables", "wangjg",
                "{\"modifications\":{\"entryStage\":{\"value\":\"OPERATION\"}}}"), 403, null);
        assertRefused(call("PUT", "/engine-rest/task/" + own.getId() + "/localVariables/approvalId", "admin",
                "{\"value\":1,\"type\":\"Long\"}"), 403, null);
        assertRefused(call("PUT", "/engine-rest/process-instance/" + own.getProcessInstanceId() + "/variables/entryStage", "admin",
                "{\"value\":\"OPERATION\"}"), 403, null);

        assertThat(tasks.getVariable(own.getId(), "entryStage")).as("nothing written").isNull();
        assertThat(tasks.getVariableLocal(own.getId(), "approvalId")).isNull();
    }

    @Test
    void aQueryTheEngineCannotRunIsABadRequestInChinese() throws Exception {
        // criteria the engine refuses together, and criteria its SQL cannot take: the caller's input, not a failure
        assertRefused(call("POST", "/engine-rest/task", "wangjg", "{\"candidateUser\":\"wangjg\",\"candidateGroup\":\"zjj\"}"), 400, "查询条件");
        assertRefused(call("POST", "/engine-rest/task/count", "wangjg", "{\"candidateUser\":\"wangjg\",\"candidateGroup\":\"zjj\"}"), 400, "查询条件");
        assertRefused(call("POST", "/engine-rest/job", "admin", "{\"jobId\":\"x\",\"jobIds\":[\"y\"]}"), 400, "查询条件");
    }

    @Test
    void aTaskCannotBeHandedToAnotherUnit() throws Exception {
        Task zjj = task("XM-2026-006", "Task_HandleApproval", "zjj");
        List<String> links = links(zjj.getId());

        assertRefused(call("POST", "/engine-rest/task/" + zjj.getId() + "/assignee", "wangjg", "{\"userId\":\"zhaol\"}"), 403, null);
        assertRefused(call("POST", "/engine-rest/task/" + zjj.getId() + "/claim", "wangjg", "{\"userId\":\"zhaol\"}"), 403, null);
        assertRefused(call("POST", "/engine-rest/task/" + zjj.getId() + "/identity-links", "wangjg",
                "{\"groupId\":\"zrj\",\"type\":\"candidate\"}"), 403, null);
        assertRefused(call("POST", "/engine-rest/task/" + zjj.getId() + "/delegate", "wangjg", "{\"userId\":\"zhaol\"}"), 403, null);
        // not even an administrator gives a unit's task to another unit
        assertRefused(call("POST", "/engine-rest/task/" + zjj.getId() + "/assignee", "admin", "{\"userId\":\"zhaol\"}"), 403, "市住房城乡建设局");
        // and the other unit cannot take it
        assertRefused(call("POST", "/engine-rest/task/" + zjj.getId() + "/claim", "zhaol", "{\"userId\":\"zhaol\"}"), 403,
                "该任务由「市住房城乡建设局」办理，您不能认领");

        Task after = tasks.createTaskQuery().taskId(zjj.getId()).singleResult();
        assertThat(after.getAssignee()).isEqualTo(zjj.getAssignee());
        assertThat(links(zjj.getId())).isEqualTo(links);
        assertThat(jdbc.queryForObject("select count(*) from task_deadline where task_id = ? and holder_unit_code <> 'zjj'",
                Integer.class, zjj.getId())).isZero();
    }

    @Test
    void anOfficerClaimsForHimselfAndALaterClaimLosesWith409() throws Exception {
        Task zjj = task("XM-2026-006", "Task_HandleApproval", "zjj");
        tasks.setAssignee(zjj.getId(), null);
        try {
            HttpResponse<String> mine = call("POST", "/engine-rest/task/" + zjj.getId() + "/claim", "wangjg", "{\"userId\":\"wangjg\"}");
            assertThat(mine.statusCode()).as(mine.body()).isEqualTo(204);
            assertThat(jdbc.queryForObject("select holder_user_id from task_deadline where task_id = ?", String.class, zjj.getId()))
                    .isEqualTo("wangjg");

            HttpResponse<String> late = call("POST", "/engine-rest/task/" + zjj.getId() + "/claim", "lina", "{\"userId\":\"lina\"}");
            assertRefused(late, 409, "王建国");
        } finally {
            tasks.setAssignee(zjj.getId(), null);
        }
    }

    @Test
    void noOneMovesOrClearsADeadlineThroughTheEngine() throws Exception {
        Task claim = task("XM-2026-010", null, "zjj");
        Date due = claim.getDueDate();
        Date followUp = claim.getFollowUpDate();
        String later = "\"2030-01-01T00:00:00.000+0800\"";

        assertRefused(call("PUT", "/engine-rest/task/" + claim.getId(), "wangjg",
                "{\"name\":\"改个名\",\"due\":" + later + ",\"followUp\":null}"), 403, null);
        assertRefused(call("PUT", "/engine-rest/task/" + claim.getId(), "admin", "{\"name\":\"" + claim.getName() + "\",\"due\":" + later + "}"), 403, null);
        // a deadline's timer: an issue's level, a notice's answer
        Job timer = futureDeadlineTimer();
        assertRefused(call("PUT", "/engine-rest/job/" + timer.getId() + "/duedate", "admin", "{\"duedate\":" + later + "}"), 403, null);
        assertRefused(call("DELETE", "/engine-rest/job/" + timer.getId(), "admin", null), 403, null);
        // the retries of a job carry a due date too (Camunda 7.22 on)
        assertRefused(call("PUT", "/engine-rest/job/" + timer.getId() + "/retries", "admin", "{\"retries\":3,\"dueDate\":" + later + "}"), 403, "延期申请");
        assertRefused(call("POST", "/engine-rest/job/retries", "admin",
                "{\"jobIds\":[\"" + timer.getId() + "\"],\"retries\":3,\"dueDate\":null}"), 403, "延期申请");

        Task after = tasks.createTaskQuery().taskId(claim.getId()).singleResult();
        assertThat(after.getDueDate()).isEqualTo(due);
        assertThat(after.getFollowUpDate()).isEqualTo(followUp);
        assertThat(after.getName()).isEqualTo(claim.getName());
        assertThat(management.createJobQuery().jobId(timer.getId()).singleResult().getDuedate()).isEqualTo(timer.getDuedate());
    }

    @Test
    void aDeadlineTimerIsNotRunBeforeItsTime() throws Exception {
        Job future = futureDeadlineTimer();
        int records = records();

        assertRefused(call("POST", "/engine-rest/job/" + future.getId() + "/execute", "admin", null), 409, "尚未到期");

        assertThat(records()).isEqualTo(records);
        assertThat(management.createJobQuery().jobId(future.getId()).count()).isEqualTo(1);
    }

    @Test
    void aTimerFiringBeforeItsDeadlineRecordsNothingAndIsArmedAgainForTheDeadline() throws Exception {
        // the timer of a supervision notice's answer: when it fires, the notice goes to the leader
        Job timer = noticeAnswerTimer();
        String taskId = tasks.createTaskQuery().processInstanceId(timer.getProcessInstanceId())
                .taskDefinitionKey(NoticeProcess.Element.ANSWER).singleResult().getId();
        Instant deadline = jdbc.queryForObject("select due_at from task_deadline where task_id = ?", java.sql.Timestamp.class, taskId).toInstant();
        int records = records();

        // a node whose clock runs ahead, or a job retried after its deadline moved: the job is due, the deadline is not
        management.setJobDuedate(timer.getId(), Date.from(clock.now().minusSeconds(60)));
        management.executeJob(timer.getId());

        assertThat(records()).isEqualTo(records);
        assertThat(jdbc.queryForObject("select overdue from task_deadline where task_id = ?", Boolean.class, taskId)).isFalse();
        List<Job> armed = management.createJobQuery().timers().activityId(NoticeProcess.Element.ANSWER_OVERDUE)
                .processInstanceId(timer.getProcessInstanceId()).list();
        assertThat(armed).hasSize(1);
        assertThat(armed.get(0).getDuedate().toInstant()).isEqualTo(deadline);
    }

    @Test
    void anAdministratorCannotShortenTheHistoryNorSendMessagesInABatch() throws Exception {
        String instance = task("XM-2026-006", "Task_HandleApproval", "zjj").getProcessInstanceId();
        long batches = management.createBatchQuery().count();

        assertRefused(call("POST", "/engine-rest/history/process-instance/set-removal-time", "admin",
                "{\"historicProcessInstanceIds\":[\"" + instance + "\"],\"absoluteRemovalTime\":\"2000-01-01T00:00:00.000+0800\"}"), 403, "追责依据");
        assertRefused(call("PUT", "/engine-rest/process-definition/key/project-lifecycle/history-time-to-live", "admin",
                "{\"historyTimeToLive\":0}"), 403, "追责依据");
        assertRefused(call("POST", "/engine-rest/process-instance/message-async", "admin",
                "{\"messageName\":\"bulletinRequested\",\"processInstanceIds\":[\"" + instance + "\"],"
                        + "\"variables\":{\"entryStage\":{\"value\":\"OPERATION\"}}}"), 403, null);

        assertThat(management.createBatchQuery().count()).isEqualTo(batches);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("project-lifecycle").latestVersion()
                .singleResult().getHistoryTimeToLive()).isPositive();
    }

    @Test
    void anIssueStartedThroughTheEngineKeepsTheApisScopeRule() throws Exception {
        int issues = jdbc.queryForObject("select count(*) from issue", Integer.class);
        String report = "{\"variables\":{\"projectCode\":{\"value\":\"XM-2026-001\"},\"category\":{\"value\":\"土地\"},"
                + "\"description\":{\"value\":\"绕过接口上报\"}}}";

        assertRefused(call("POST", "/api/issues", "wangjg",
                "{\"projectCode\":\"XM-2026-001\",\"category\":\"土地\",\"description\":\"绕过接口上报\"}"), 403, "只能就本单位");
        assertRefused(call("POST", "/engine-rest/process-definition/key/issue-escalation/start", "wangjg", report), 403, "只能就本单位");
        assertRefused(call("POST", "/engine-rest/process-definition/key/issue-escalation/submit-form", "wangjg", report), 403, "只能就本单位");
        assertRefused(call("POST", "/engine-rest/process-definition/key/project-lifecycle/start", "admin",
                "{\"businessKey\":\"XM-2026-999\"}"), 403, "推进系统");
        assertRefused(call("POST", "/engine-rest/process-definition/key/issue-escalation/start", "wangjg",
                "{\"variables\":{\"projectCode\":{\"value\":\"XM-2026-010\"},\"category\":{\"value\":\"土地\"},"
                        + "\"description\":{\"value\":\"多带一个字段\"},\"reportedBy\":{\"value\":\"zhaol\"}}}"), 400, "reportedBy");
        assertRefused(call("POST", "/engine-rest/process-definition/key/issue-escalation/start", "wangjg", "{\"variables\":{}}"),
                400, null);

        assertThat(jdbc.queryForObject("select count(*) from issue", Integer.class)).isEqualTo(issues);
    }

    @Test
    void aSecondCompletionIsAConflictInChinese() throws Exception {
        HttpResponse<String> reported = call("POST", "/api/issues", "wangjg",
                "{\"projectCode\":\"XM-2026-010\",\"category\":\"资金\",\"description\":\"配套资金未到位\"}");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        String code = json.readTree(reported.body()).path("code").asText();
        Task triage = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
        String form = "{\"variables\":{\"leadUnit\":{\"value\":\"zjj\"}}}";

        HttpResponse<String> first = call("POST", "/engine-rest/task/" + triage.getId() + "/submit-form", "zhengwt", form);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(204);
        assertRefused(call("POST", "/engine-rest/task/" + triage.getId() + "/submit-form", "zhengwt", form), 409, "已被他人处理");
        assertRefused(call("POST", "/engine-rest/task/" + triage.getId() + "/complete", "zhengwt", "{}"), 409, "已被他人处理");
    }

    @Test
    void anAdministratorsEngineOperationLeavesAnAuditLine() throws Exception {
        Task task = task("XM-2026-006", "Task_HandleApproval", "zjj");
        String instance = task.getProcessInstanceId();
        int lines = jdbc.queryForObject("select count(*) from engine_audit", Integer.class);

        assertRefused(call("PUT", "/engine-rest/process-instance/" + instance + "/suspended", "wangjg", "{\"suspended\":true}"), 403, "系统管理员");
        assertThat(call("PUT", "/engine-rest/process-instance/" + instance + "/suspended", "admin", "{\"suspended\":true}").statusCode()).isEqualTo(204);
        assertThat(call("PUT", "/engine-rest/process-instance/" + instance + "/suspended", "admin", "{\"suspended\":false}").statusCode()).isEqualTo(204);

        assertThat(jdbc.queryForObject("select count(*) from engine_audit", Integer.class)).isEqualTo(lines + 2);
        JsonNode audit = json.readTree(call("GET", "/api/engine-audit?size=2", "admin", null).body());
        assertThat(audit.get(0).path("userId").asText()).isEqualTo("admin");
        assertThat(audit.get(0).path("target").asText()).contains("PUT /engine-rest/process-instance/" + instance + "/suspended");
        assertThat(call("GET", "/api/engine-audit", "wangjg", null).statusCode()).isEqualTo(403);
    }

    @Test
    void anOfficerCommentsOnHisUnitsTaskAndReadsTheComments() throws Exception {
        Task zjj = task("XM-2026-006", "Task_HandleApproval", "zjj");
        String text = "已电话联系申请人补正材料（" + UUID.randomUUID().toString().substring(0, 8) + "）";

        HttpResponse<String> added = call("POST", "/engine-rest/task/" + zjj.getId() + "/comment/create", "lina",
                json.writeValueAsString(Map.of("message", text)));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        HttpResponse<String> read = call("GET", "/engine-rest/task/" + zjj.getId() + "/comment", "wangjg", null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(json.readTree(read.body()).findValuesAsText("message")).contains(text);
        assertThat(json.readTree(read.body()).findValuesAsText("userId")).contains("lina");

        // another unit neither writes nor reads them
        assertRefused(call("POST", "/engine-rest/task/" + zjj.getId() + "/comment/create", "zhaol",
                json.writeValueAsString(Map.of("message", "他单位的备注"))), 404, null);
        HttpResponse<String> others = call("GET", "/engine-rest/task/" + zjj.getId() + "/comment", "zhaol", null);
        assertThat(others.body()).doesNotContain(text);
        assertThat(tasks.getTaskComments(zjj.getId())).extracting(c -> c.getFullMessage())
                .contains(text).doesNotContain("他单位的备注");
    }

    @Test
    void anAdministratorsMistakesAreBadRequestsInChinese() throws Exception {
        int users = jdbc.queryForObject("select count(*) from act_id_user", Integer.class);
        int authorizations = jdbc.queryForObject("select count(*) from act_ru_authorization", Integer.class);

        // retries for nothing selected; ids Camunda does not take; an authorization for a user and a group at once
        assertRefused(call("POST", "/engine-rest/job/retries", "admin", "{\"retries\":1}"), 400, "请至少选择");
        assertRefused(call("POST", "/engine-rest/user/create", "admin", "{\"profile\":{\"id\":\"a b/c\",\"firstName\":\"张\","
                + "\"lastName\":\"三\"},\"credentials\":{\"password\":\"Demo-12345678\"}}"), 400, "编号不合规");
        assertRefused(call("POST", "/engine-rest/group/create", "admin", "{\"id\":\"a b/c\",\"name\":\"某局\"}"), 400, "编号不合规");
        assertRefused(call("POST", "/engine-rest/tenant/create", "admin", "{\"id\":\"a b/c\",\"name\":\"某区\"}"), 400, "编号不合规");
        assertRefused(call("POST", "/engine-rest/authorization/create", "admin", "{\"type\":1,\"permissions\":[\"READ\"],"
                + "\"userId\":\"wangjg\",\"groupId\":\"zjj\",\"resourceType\":0,\"resourceId\":\"*\"}"), 400, "用户组");

        assertThat(jdbc.queryForObject("select count(*) from act_id_user", Integer.class)).isEqualTo(users);
        assertThat(jdbc.queryForObject("select count(*) from act_ru_authorization", Integer.class)).isEqualTo(authorizations);
    }

    @Test
    void aWorkersLongPollThroughTheWebappIsRefusedInChinese() throws Exception {
        WebappBrowser browser = new WebappBrowser("http://localhost:" + port);
        browser.logIn("wangjg", "demo");

        assertRefused(browser.post("/camunda/api/engine/engine/default/external-task/fetchAndLock",
                "{\"workerId\":\"w\",\"maxTasks\":1,\"topics\":[{\"topicName\":\"t\",\"lockDuration\":1000}]}"), 400, "外部任务");
    }

    /**
     * A timer the process itself draws on a deadline (an issue's level, a supervision notice's answer: the process moves
     * on when it fires), due a day from now or later.
     */
    private Job futureDeadlineTimer() throws Exception {
        Date inADay = Date.from(clock.now().plusSeconds(86_400));
        for (String activity : List.of(IssueEscalation.Element.LEVEL_1_EXPIRED, IssueEscalation.Element.LEVEL_2_EXPIRED,
                NoticeProcess.Element.ANSWER_OVERDUE)) {
            List<Job> found = management.createJobQuery().timers().activityId(activity).duedateHigherThan(inADay).list();
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        return noticeAnswerTimer();
    }

    /**
     * The overdue timer of a supervision notice's answer due a day from now or later: one already issued, else one the
     * supervisor issues now about an overdue item of the demo city (not one other tests rely on).
     */
    private Job noticeAnswerTimer() throws Exception {
        List<Job> open = management.createJobQuery().timers().activityId(NoticeProcess.Element.ANSWER_OVERDUE)
                .duedateHigherThan(Date.from(clock.now().plusSeconds(86_400))).list();
        if (!open.isEmpty()) {
            return open.get(0);
        }
        String item = jdbc.queryForObject("select task_id from task_deadline where status = 'OPEN' and paused_at is null"
                + " and holder_unit_code <> '' and due_at < ? and project_code not in ('XM-2026-006', 'XM-2026-010', 'XM-2026-011', 'XM-2026-012')"
                + " and activity_id not like '%Notice' and activity_id <> 'Task_ReviewAnswer'"
                + " and task_id not in (select open_task_id from notice where open_task_id is not null)"
                + " order by due_at fetch first 1 rows only", String.class, java.sql.Timestamp.from(clock.now()));
        HttpResponse<String> issued = call("POST", "/api/notices", "huangzh",
                "{\"taskId\":\"" + item + "\",\"workingDays\":7,\"requirement\":\"七个工作日内完成整改\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String number = json.readTree(issued.body()).get("number").asText();
        String instance = tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey(NoticeProcess.Element.ANSWER)
                .singleResult().getProcessInstanceId();
        return management.createJobQuery().processInstanceId(instance).activityId(NoticeProcess.Element.ANSWER_OVERDUE).singleResult();
    }

    private Task task(String project, String activity, String unit) {
        var query = tasks.createTaskQuery().processInstanceBusinessKey(project).taskCandidateGroup(unit);
        if (activity != null) {
            query.taskDefinitionKey(activity);
        }
        return query.list().get(0);
    }

    private List<String> links(String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream()
                .map(l -> l.getType() + ":" + l.getGroupId() + ":" + l.getUserId()).sorted().toList();
    }

    private int records() {
        return jdbc.queryForObject("select count(*) from accountability_record", Integer.class);
    }

    private void assertRefused(HttpResponse<String> response, int status, String mentioning) throws Exception {
        api().refusedAtTheEngine(response, status, mentioning);
    }

    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return api().call(method, path, user, body);
    }

    private ApiCalls api() {
        return new ApiCalls(port);
    }
}
