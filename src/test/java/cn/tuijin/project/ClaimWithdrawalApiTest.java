package cn.tuijin.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.deadline.DeadlineSweep;
import cn.tuijin.evidence.EvidenceFiles;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.WebappBrowser;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 撤回 through the API as Tasklist's 我的申报 calls it, and through every other door: 王建国 (住建局) claims 开工 on a
 * project of his own with the permit attached, withdraws it before the project office verifies it, gets 申报开工 back
 * with what he entered, claims again and 郑文涛 approves; the refusals write nothing. Each test has a project of its own.
 */
@TuijinTest
class ClaimWithdrawalApiTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Monday 7 December 2026, 10:00 in Beijing. */
    private static final LocalDateTime TODAY = LocalDateTime.of(2026, 12, 7, 10, 0);
    private static final String ENGINE_API = "/camunda/api/engine/engine/default";

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired EngineClock clock;
    @Autowired ProjectRepository projects;
    @Autowired LifecycleService lifecycle;
    @Autowired TaskService tasks;
    @Autowired DeadlineSweep sweep;
    ApiCalls api;

    @BeforeEach
    void today() {
        clock.setTime(TODAY);
        api = new ApiCalls(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A signed project of 住建局, planned to start on the given day: its start claim is open. */
    private String newSignedProject(LocalDate plannedStart) {
        String code = "WD-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
        LocalDate signed = LocalDate.of(2026, 9, 1);
        projects.insert(new Project(code, "撤回测试项目" + code, "测试", Category.URBAN, Level.CITY, "lj", "zjj", "mazy",
                new BigDecimal("12000"), new BigDecimal("2400"), signed, plannedStart, plannedStart.plusDays(300),
                plannedStart.plusDays(360), signed, null, null, null, Stage.SIGNED), List.of("zrj"), clock.now());
        lifecycle.start(code);
        return code;
    }

    private Task openTask(String project, String activity) {
        return tasks.createTaskQuery().processInstanceBusinessKey(project).taskDefinitionKey(activity).singleResult();
    }

    private HttpResponse<String> uploadPermit(String user, String taskId) throws Exception {
        Object[] body = EvidenceFiles.multipart("施工许可证.png", EvidenceFiles.png(), "PERMIT");
        return api.request("POST", "/api/evidence/tasks/" + taskId).as(user).body((String) body[0], (byte[]) body[1]).send();
    }

    private static String startForm(String permitNo, LocalDate startDate) {
        return """
                {"variables": {"permitNo": {"value": "%s", "type": "String"},
                               "startDate": {"value": "%s", "type": "String"}}}""".formatted(permitNo, startDate);
    }

    private void noContent(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
    }

    /** wangjg claims the start claim, attaches the permit and submits 开工 as Tasklist does; returns the claim's id. */
    private long claimsStart(String project, String permitNo, LocalDate startDate) throws Exception {
        Task claim = openTask(project, ProjectLifecycle.Element.CLAIM_START);
        noContent(api.call("POST", "/engine-rest/task/" + claim.getId() + "/claim", "wangjg", "{\"userId\":\"wangjg\"}"));
        assertThat(uploadPermit("wangjg", claim.getId()).statusCode()).isEqualTo(201);
        noContent(api.call("POST", "/engine-rest/task/" + claim.getId() + "/submit-form", "wangjg", startForm(permitNo, startDate)));
        return pendingClaimOf(project);
    }

    private long pendingClaimOf(String project) throws Exception {
        for (JsonNode c : api.ok(api.call("GET", "/api/claims/mine", "wangjg", null))) {
            if (project.equals(c.path("projectCode").asText())) {
                return c.path("id").asLong();
            }
        }
        throw new AssertionError("no claim of " + project + " in wangjg's 我的申报");
    }

    private HttpResponse<String> withdraw(long claimId, String user) throws Exception {
        return api.call("POST", "/api/claims/" + claimId + "/withdraw", user, null);
    }

    private HttpResponse<String> verify(String project, Map<String, String> values) throws Exception {
        Task verification = openTask(project, ProjectLifecycle.Element.VERIFY_START);
        StringBuilder variables = new StringBuilder();
        values.forEach((k, v) -> variables.append(variables.isEmpty() ? "" : ",").append("\"").append(k)
                .append("\":{\"value\":\"").append(v).append("\"}"));
        return api.call("POST", "/engine-rest/task/" + verification.getId() + "/submit-form", "zhengwt",
                "{\"variables\":{" + variables + "}}");
    }

    private List<String> timeline(String project) throws Exception {
        return api.ok(api.call("GET", "/api/dashboard/projects/" + project + "/timeline", "huangzh", null)).findValuesAsText("text");
    }

    private JsonNode formVariables(String taskId, String user) throws Exception {
        return api.ok(api.call("GET", "/engine-rest/task/" + taskId + "/form-variables", user, null));
    }

    @Test
    void theClaimantWithdrawsHisUnverifiedStartClaimGetsItBackFilledClaimsAgainAndTheProjectOfficeApproves() throws Exception {
        // Planned to start on Tuesday 1 December: the claim is already late today.
        String project = newSignedProject(LocalDate.of(2026, 12, 1));
        Instant due = openTask(project, ProjectLifecycle.Element.CLAIM_START).getDueDate().toInstant();
        assertThat(due).isEqualTo(cn.tuijin.calendar.WorkingDayCalendar.endOf(LocalDate.of(2026, 12, 1)).toInstant());
        LocalDate started = LocalDate.of(2026, 12, 4);
        long claimId = claimsStart(project, "SG-2026-0777", started);
        assertThat(openTask(project, ProjectLifecycle.Element.VERIFY_START)).as("the project office's verification").isNotNull();
        clock.setTime(TODAY.plusHours(2));

        JsonNode back = api.ok(withdraw(claimId, "wangjg"));

        // The verification is gone; 申报开工 is back, his, with what he entered and the permit he attached.
        assertThat(openTask(project, ProjectLifecycle.Element.VERIFY_START)).as("the verification task").isNull();
        Task claimTask = openTask(project, ProjectLifecycle.Element.CLAIM_START);
        assertThat(back.path("taskId").asText()).isEqualTo(claimTask.getId());
        assertThat(back.path("taskName").asText()).startsWith("申报开工｜撤回测试项目");
        assertThat(claimTask.getAssignee()).isEqualTo("wangjg");
        JsonNode entered = formVariables(claimTask.getId(), "wangjg");
        assertThat(entered.at("/permitNo/value").asText()).isEqualTo("SG-2026-0777");
        assertThat(entered.at("/startDate/value").asText()).isEqualTo("2026-12-04");
        JsonNode files = api.ok(api.call("GET", "/api/evidence/tasks/" + claimTask.getId(), "wangjg", null)).path("files");
        assertThat(files.findValuesAsText("fileName")).containsExactly("施工许可证.png");
        assertThat(files.get(0).path("deletable").asBoolean()).as("his again, not submitted").isTrue();
        // The deadline comes back as late as it was (the planned start day), not a fresh window from today.
        assertThat(claimTask.getDueDate().toInstant()).isEqualTo(due);
        assertThat(jdbc.queryForObject("select due_at from task_deadline where task_id = ?", java.sql.Timestamp.class,
                claimTask.getId()).toInstant()).isEqualTo(due);
        // As late as it was: the next sweep finds it past due.
        sweep.sweep();
        assertThat(jdbc.queryForObject("select overdue from task_deadline where task_id = ?", Boolean.class, claimTask.getId()))
                .as("its deadline, past").isTrue();
        assertThat(jdbc.queryForObject("select count(*) from task_deadline where project_code = ? and activity_id = ? and status = 'OPEN'",
                Integer.class, project, ProjectLifecycle.Element.VERIFY_START)).as("no verification deadline open").isZero();
        // Recorded: the claim withdrawn, by whom and when, on the project's timeline and in his 已办; no longer his to withdraw.
        assertThat(jdbc.queryForMap("select decision, decided_by, decided_at from stage_claim where id = ?", claimId))
                .containsEntry("DECISION", "WITHDRAWN").containsEntry("DECIDED_BY", "wangjg");
        assertThat(timeline(project)).contains("王建国 申报开工", "王建国 撤回开工申报（未核验），申报任务退回申报人");
        JsonNode done = api.ok(api.call("GET", "/api/worklist/done", "wangjg", null)).path("items");
        assertThat(done.findValues("outcomeLabel").stream().map(JsonNode::asText)).contains("已撤回");
        assertThat(api.ok(api.call("GET", "/api/claims/mine", "wangjg", null)).findValuesAsText("projectCode")).doesNotContain(project);
        assertThat(project(project).stage()).isEqualTo(Stage.SIGNED);

        // He corrects the start date and claims again with the permit already there; the project office sees it and approves.
        noContent(api.call("POST", "/engine-rest/task/" + claimTask.getId() + "/submit-form", "wangjg",
                startForm("SG-2026-0777", LocalDate.of(2026, 12, 3))));
        long again = pendingClaimOf(project);
        assertThat(again).isNotEqualTo(claimId);
        Task verification = openTask(project, ProjectLifecycle.Element.VERIFY_START);
        assertThat(api.ok(api.call("GET", "/api/evidence/tasks/" + verification.getId(), "zhengwt", null)).path("files")
                .findValuesAsText("fileName")).containsExactly("施工许可证.png");
        noContent(verify(project, Map.of("approved", "true")));
        assertThat(project(project).stage()).isEqualTo(Stage.UNDER_CONSTRUCTION);
        assertThat(project(project).actualStartDate()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(timeline(project)).contains("郑文涛 核验通过：开工");

        // Verified: no longer to be withdrawn.
        assertThat(api.refused(withdraw(again, "wangjg"), 400, "claimId")).isEqualTo("该申报已核验，不能撤回");
    }

    private Project project(String code) {
        return projects.find(code).orElseThrow();
    }

    @Nested
    class Refused {

        String project;
        long claimId;

        @BeforeEach
        void claimed() throws Exception {
            project = newSignedProject(LocalDate.of(2026, 12, 18));
            claimId = claimsStart(project, "SG-2026-0888", LocalDate.of(2026, 12, 4));
        }

        /** What a refusal must leave as it was: the claim, the open tasks, the timeline. */
        private String state() throws Exception {
            return jdbc.queryForMap("select decision, decided_by, decided_at from stage_claim where id = ?", claimId)
                    + " " + tasks.createTaskQuery().processInstanceBusinessKey(project).list().stream()
                    .map(t -> t.getTaskDefinitionKey() + "/" + t.getId() + "/" + t.getAssignee()).sorted().toList()
                    + " " + timeline(project)
                    + " " + jdbc.queryForList("select task_id, status, completed_at from task_deadline where project_code = ? order by task_id", project);
        }

        @Test
        void bySomeoneOtherThanTheClaimant() throws Exception {
            String before = state();
            // A colleague of his unit, the project office, a supervisor, the administrator.
            for (String user : List.of("lina", "zhengwt", "huangzh", "admin")) {
                assertThat(api.refused(withdraw(claimId, user), 403, null)).isEqualTo("只有申报人本人可以撤回该申报");
            }
            assertThat(withdraw(claimId, null).statusCode()).isEqualTo(401);
            assertThat(state()).isEqualTo(before);
        }

        @Test
        void twice() throws Exception {
            api.ok(withdraw(claimId, "wangjg"));
            String before = state();
            assertThat(api.refused(withdraw(claimId, "wangjg"), 400, "claimId")).isEqualTo("该申报已撤回");
            assertThat(state()).isEqualTo(before);
        }

        @Test
        void aClaimThatDoesNotExist() throws Exception {
            String before = state();
            assertThat(api.refused(withdraw(999_999_999L, "wangjg"), 404, "claimId")).isEqualTo("申报 999999999 不存在");
            HttpResponse<String> notANumber = withdraw(0, "wangjg");
            assertThat(notANumber.statusCode()).isBetween(400, 404);
            assertThat(api.call("POST", "/api/claims/abc/withdraw", "wangjg", null).statusCode()).isEqualTo(400);
            assertThat(state()).isEqualTo(before);
        }

        @Test
        void afterTheProjectOfficeApproved() throws Exception {
            noContent(verify(project, Map.of("approved", "true")));
            String before = state();
            assertThat(api.refused(withdraw(claimId, "wangjg"), 400, "claimId")).isEqualTo("该申报已核验，不能撤回");
            assertThat(state()).isEqualTo(before);
            assertThat(project(project).stage()).isEqualTo(Stage.UNDER_CONSTRUCTION);
        }

        @Test
        void afterTheProjectOfficeReturnedIt() throws Exception {
            noContent(verify(project, Map.of("approved", "false", "returnReason", "施工许可证照片不清晰")));
            String before = state();
            assertThat(api.refused(withdraw(claimId, "wangjg"), 400, "claimId")).isEqualTo("该申报已核验，不能撤回");
            assertThat(state()).isEqualTo(before);
        }

        /**
         * The same modification of the process instance (the claim task back, the verification gone) through the
         * engine's REST API and Tasklist's own API: refused to the claimant and to the project office; nothing changes.
         */
        @Test
        void theEnginesDoorsDoNotLetAnyoneButTheApplicationModifyTheInstance() throws Exception {
            String instance = openTask(project, ProjectLifecycle.Element.VERIFY_START).getProcessInstanceId();
            String modification = """
                    {"skipCustomListeners": false, "skipIoMappings": false, "instructions": [
                      {"type": "startBeforeActivity", "activityId": "Task_ClaimStart"},
                      {"type": "cancel", "activityId": "Task_VerifyStart"}]}""";
            String before = state();
            for (String user : List.of("wangjg", "zhengwt")) {
                api.refusedAtTheEngine(api.call("POST", "/engine-rest/process-instance/" + instance + "/modification", user,
                        modification), 403, null);
                WebappBrowser tab = new WebappBrowser("http://localhost:" + port);
                tab.logIn(user, "demo");
                api.refusedAtTheEngine(tab.post(ENGINE_API + "/process-instance/" + instance + "/modification", modification),
                        403, null);
                // Nor as an asynchronous batch.
                String batch = """
                        {"processDefinitionId": "%s", "processInstanceIds": ["%s"], "skipCustomListeners": false,
                         "instructions": [{"type": "startBeforeActivity", "activityId": "Task_ClaimStart"},
                                          {"type": "cancel", "activityId": "Task_VerifyStart"}]}"""
                        .formatted(openTask(project, ProjectLifecycle.Element.VERIFY_START).getProcessDefinitionId(), instance);
                api.refusedAtTheEngine(api.call("POST", "/engine-rest/modification/execute", user, batch), 403, null);
            }
            assertThat(state()).isEqualTo(before);
            assertThat(jdbc.queryForObject("select decision from stage_claim where id = ?", String.class, claimId)).isEqualTo("PENDING");
        }
    }
}
