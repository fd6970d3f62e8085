package cn.tuijin.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.deadline.DeadlineSweep;
import cn.tuijin.project.Category;
import cn.tuijin.project.LifecycleService;
import cn.tuijin.project.Level;
import cn.tuijin.project.Project;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.project.Stage;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 申请转办 through the API and the engine's doors, as Tasklist calls them: 王建国 (住建局, zjj) asks to hand his unit's
 * signing claim over to 市自然资源和规划局 (zrj); 郑文涛 (project office) decides in the process task-transfer. Each
 * test has a project of its own, led by 住建局, on its own day.
 */
@TuijinTest
class TransferApiTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Monday 7 December 2026, 10:00 in Beijing. */
    private static final LocalDateTime TODAY = LocalDateTime.of(2026, 12, 7, 10, 0);
    private static final String ZJJ = "zjj";
    private static final String ZRJ = "zrj";

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired EngineClock clock;
    @Autowired ProjectRepository projects;
    @Autowired LifecycleService lifecycle;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired DeadlineSweep sweep;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void today() {
        clock.setTime(TODAY);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return new ApiCalls(port).call(method, path, user, body);
    }

    private JsonNode created(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json.readTree(answer.body());
    }

    /** A project of 住建局 negotiating its contract, planned to sign on the day: its signing claim is open. */
    private Task newSigningClaim(LocalDate plannedSign) {
        String code = "TR-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
        projects.insert(new Project(code, "转办测试项目" + code, "测试", Category.URBAN, Level.CITY, "lj", ZJJ, "mazy",
                new BigDecimal("12000"), new BigDecimal("2400"), plannedSign, plannedSign.plusDays(90),
                plannedSign.plusDays(400), plannedSign.plusDays(460), null, null, null, null, Stage.NEGOTIATING),
                List.of(), clock.now());
        lifecycle.start(code);
        return tasks.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey(ProjectLifecycle.Element.CLAIM_SIGNING).singleResult();
    }

    private String ask(Task task, String user, String unit, String reason) throws Exception {
        return "{\"toUnitCode\":" + (unit == null ? "null" : "\"" + unit + "\"") + ",\"reason\":"
                + (reason == null ? "null" : "\"" + reason + "\"") + "}";
    }

    private HttpResponse<String> requestTransfer(Task task, String user, String unit, String reason) throws Exception {
        return call("POST", "/api/tasks/" + task.getId() + "/transfer-requests", user, ask(task, user, unit, reason));
    }

    /** The project office's decision task of the transfer requested for this project. */
    private Task decision(Task claim) {
        String project = runtime.createProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId()).singleResult()
                .getBusinessKey();
        return tasks.createTaskQuery().processDefinitionKey(TransferProcess.KEY).processInstanceBusinessKey(project).singleResult();
    }

    private HttpResponse<String> decide(Task decision, String user, boolean approved, String note) throws Exception {
        String variables = "{\"approved\":{\"value\":\"" + approved + "\"}"
                + (note == null ? "" : ",\"decisionNote\":{\"value\":\"" + note + "\"}") + "}";
        return call("POST", "/engine-rest/task/" + decision.getId() + "/submit-form", user, "{\"variables\":" + variables + "}");
    }

    private List<String> candidateGroups(String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    private String holderUnit(String taskId) {
        return jdbc.queryForObject("select holder_unit_code from task_deadline where task_id = ?", String.class, taskId);
    }

    private List<String> chargedUnits(String taskId) {
        return jdbc.queryForList("select holder_unit_code from accountability_record where task_id = ? order by id", String.class, taskId);
    }

    private int counted(String user, String unit, String column) throws Exception {
        for (JsonNode row : new ApiCalls(port).ok(call("GET", "/api/transfer-requests/counts", user, null))) {
            if (unit.equals(row.path("unitCode").asText())) {
                return row.path(column).asInt();
            }
        }
        return 0;
    }

    /** The task's deadline passes: the engine clock moved past its due date, the deadlines are swept (as every node does). */
    private void deadlinePasses(Task task) {
        clock.setTime(task.getDueDate().toInstant().plusSeconds(60));
        sweep.sweep();
    }

    @Test
    void approvedTransferMovesTheTaskWithItsDeadlineAndTheNewUnitAnswersForWhatFollows() throws Exception {
        Task claim = newSigningClaim(LocalDate.of(2026, 12, 18));
        Instant due = claim.getDueDate().toInstant();
        int requestedBefore = counted("huangzh", ZJJ, "requested");
        int approvedBefore = counted("huangzh", ZJJ, "approved");
        assertThat(new ApiCalls(port).ok(call("GET", "/api/tasks/" + claim.getId() + "/transfer-requests", "wangjg", null))
                .path("mayRequest").asBoolean()).isTrue();
        // He claims it first: the transfer releases the claim.
        assertThat(call("POST", "/engine-rest/task/" + claim.getId() + "/claim", "wangjg", "{\"userId\":\"wangjg\"}").statusCode()).isEqualTo(204);

        JsonNode request = created(requestTransfer(claim, "wangjg", ZRJ, "该项目土地出让合同由自然资源和规划局签订"));
        assertThat(request.path("statusLabel").asText()).isEqualTo("待审批");
        assertThat(request.path("toUnitName").asText()).isEqualTo("市自然资源和规划局");
        Task decision = decision(claim);
        assertThat(decision.getName()).startsWith("审批转办申请｜").contains("→ 市自然资源和规划局");
        assertThat(candidateGroups(decision.getId())).containsExactly("projectOffice");
        assertThat(decision.getDueDate()).as("the project office's verification window").isNotNull();
        // Nothing moves while it waits.
        assertThat(candidateGroups(claim.getId())).containsExactly(ZJJ);

        assertThat(decide(decision, "zhengwt", true, null).statusCode()).isEqualTo(204);

        Task moved = tasks.createTaskQuery().taskId(claim.getId()).singleResult();
        assertThat(candidateGroups(claim.getId())).containsExactly(ZRJ);
        assertThat(moved.getAssignee()).as("the claim is released").isNull();
        assertThat(moved.getDueDate().toInstant()).as("the same deadline").isEqualTo(due);
        assertThat(holderUnit(claim.getId())).isEqualTo(ZRJ);
        JsonNode seen = new ApiCalls(port).ok(call("GET", "/api/tasks/" + claim.getId() + "/transfer-requests", "wangjg", null));
        assertThat(seen.path("requests").get(0).path("status").asText()).isEqualTo("APPROVED");
        assertThat(seen.path("mayRequest").asBoolean()).isFalse();
        assertThat(counted("huangzh", ZJJ, "requested")).isEqualTo(requestedBefore + 1);
        assertThat(counted("huangzh", ZJJ, "approved")).isEqualTo(approvedBefore + 1);

        // The old unit can no longer take it; the new one can.
        new ApiCalls(port).refusedAtTheEngine(call("POST", "/engine-rest/task/" + claim.getId() + "/claim", "lina",
                "{\"userId\":\"lina\"}"), 403, null);
        assertThat(call("GET", "/engine-rest/task/" + claim.getId(), "wangjg", null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/engine-rest/task/" + claim.getId() + "/claim", "zhaol", "{\"userId\":\"zhaol\"}").statusCode()).isEqualTo(204);

        // The deadline passes after the move: charged to 市自然资源和规划局, not to 住建局.
        deadlinePasses(moved);
        assertThat(chargedUnits(claim.getId())).containsExactly(ZRJ);

        JsonNode timeline = new ApiCalls(port).ok(call("GET", "/api/dashboard/projects/"
                + runtime.createProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId()).singleResult().getBusinessKey()
                + "/timeline", "huangzh", null));
        assertThat(timeline.findValuesAsText("text")).anyMatch(t -> t.startsWith("王建国 申请将「") && t.contains("转交市自然资源和规划局"))
                .anyMatch(t -> t.startsWith("郑文涛 同意转办") && t.contains("自此由市自然资源和规划局办理"));
    }

    @Test
    void latenessRecordedBeforeTheTransferStaysWithTheOldUnit() throws Exception {
        Task claim = newSigningClaim(LocalDate.of(2026, 12, 8));
        deadlinePasses(claim);
        assertThat(chargedUnits(claim.getId())).containsExactly(ZJJ);

        created(requestTransfer(claim, "wangjg", ZRJ, "应由自然资源和规划局办理"));
        assertThat(decide(decision(claim), "zhengwt", true, "同意").statusCode()).isEqualTo(204);

        assertThat(candidateGroups(claim.getId())).containsExactly(ZRJ);
        assertThat(holderUnit(claim.getId())).isEqualTo(ZRJ);
        assertThat(chargedUnits(claim.getId())).as("the record of 住建局's lateness, nothing new").containsExactly(ZJJ);
    }

    @Test
    void refusedTransferMovesNothingAndTheRequesterSeesWhy() throws Exception {
        Task claim = newSigningClaim(LocalDate.of(2026, 12, 18));
        int refusedBefore = counted("zhengwt", ZJJ, "refused");
        created(requestTransfer(claim, "wangjg", ZRJ, "不属于本单位职责"));
        Task decision = decision(claim);

        // A refusal without its reason is refused, naming the field; the task stays open.
        HttpResponse<String> noReason = decide(decision, "zhengwt", false, null);
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
        assertThat(noReason.body()).contains("理由");
        assertThat(tasks.createTaskQuery().taskId(decision.getId()).singleResult()).isNotNull();

        assertThat(decide(decision, "zhengwt", false, "签约由住建局牵头，自然资源和规划局配合").statusCode()).isEqualTo(204);

        assertThat(candidateGroups(claim.getId())).containsExactly(ZJJ);
        assertThat(holderUnit(claim.getId())).isEqualTo(ZJJ);
        JsonNode seen = new ApiCalls(port).ok(call("GET", "/api/tasks/" + claim.getId() + "/transfer-requests", "wangjg", null));
        JsonNode last = seen.path("requests").get(0);
        assertThat(last.path("statusLabel").asText()).isEqualTo("未同意");
        assertThat(last.path("decisionNote").asText()).isEqualTo("签约由住建局牵头，自然资源和规划局配合");
        assertThat(last.path("decidedBy").asText()).isEqualTo("zhengwt");
        assertThat(seen.path("mayRequest").asBoolean()).as("he may ask again").isTrue();
        assertThat(counted("zhengwt", ZJJ, "refused")).isEqualTo(refusedBefore + 1);
    }

    @Nested
    class Refused {

        Task claim;

        @BeforeEach
        void claim() {
            claim = newSigningClaim(LocalDate.of(2026, 12, 18));
        }

        private int requests() {
            return jdbc.queryForObject("select count(*) from task_transfer", Integer.class);
        }

        private long decisions() {
            return runtime.createProcessInstanceQuery().processDefinitionKey(TransferProcess.KEY).count();
        }

        private String refused(HttpResponse<String> answer, int status, String field, int requestsBefore, long decisionsBefore)
                throws Exception {
            String detail = new ApiCalls(port).refused(answer, status, field);
            assertThat(requests()).as("nothing written").isEqualTo(requestsBefore);
            assertThat(decisions()).as("no decision started").isEqualTo(decisionsBefore);
            assertThat(candidateGroups(claim.getId())).containsExactly(ZJJ);
            return detail;
        }

        @Test
        void toOnesOwnUnit() throws Exception {
            assertThat(refused(requestTransfer(claim, "wangjg", ZJJ, "理由"), 400, "toUnitCode", requests(), decisions()))
                    .isEqualTo("不能转办给本单位");
        }

        @Test
        void toAnUnknownUnitOrNoneOrWithoutReason() throws Exception {
            int before = requests();
            long started = decisions();
            assertThat(refused(requestTransfer(claim, "wangjg", "nosuch", "理由"), 400, "toUnitCode", before, started))
                    .contains("「转办单位」不存在");
            refused(requestTransfer(claim, "wangjg", null, "理由"), 400, "toUnitCode", before, started);
            assertThat(refused(requestTransfer(claim, "wangjg", ZRJ, " "), 400, "reason", before, started)).contains("转办理由");
            refused(call("POST", "/api/tasks/" + claim.getId() + "/transfer-requests", "wangjg", null), 400, "body", before, started);
        }

        @Test
        void toAUnitWithoutOfficers() throws Exception {
            int before = requests();
            long started = decisions();
            assertThat(refused(requestTransfer(claim, "wangjg", "dcs", "理由"), 400, "toUnitCode", before, started))
                    .isEqualTo("市委督查室没有经办人，不承办任务，请选择应当办理的责任单位");
            assertThat(refused(requestTransfer(claim, "wangjg", "xmb", "理由"), 400, "toUnitCode", before, started))
                    .startsWith("市重点项目办没有经办人");
            JsonNode units = new ApiCalls(port).ok(call("GET", "/api/transfer-requests/units", "wangjg", null));
            assertThat(units.findValuesAsText("code")).contains("zrj", "gxj", "ljq", "hxjc").doesNotContain("dcs", "xmb");
        }

        @Test
        void bySomeoneWhoDoesNotHoldTheTask() throws Exception {
            int before = requests();
            long started = decisions();
            // An officer of another unit, the project office, a supervisor.
            for (String user : List.of("liuy", "zhengwt", "huangzh")) {
                refused(requestTransfer(claim, user, ZRJ, "理由"), 403, null, before, started);
            }
            // A colleague, once 王建国 has claimed it.
            assertThat(call("POST", "/engine-rest/task/" + claim.getId() + "/claim", "wangjg", "{\"userId\":\"wangjg\"}").statusCode()).isEqualTo(204);
            assertThat(refused(requestTransfer(claim, "lina", ZRJ, "理由"), 403, null, before, started)).contains("只有认领人可以申请转办");
            refused(call("POST", "/api/tasks/no-such-task/transfer-requests", "wangjg", ask(claim, "wangjg", ZRJ, "理由")), 404,
                    "taskId", before, started);
        }

        @Test
        void aSecondRequestWhileOneIsPending() throws Exception {
            created(requestTransfer(claim, "wangjg", ZRJ, "应由自然资源和规划局办理"));
            assertThat(refused(requestTransfer(claim, "lina", "gxj", "或者工信局"), 400, "taskId", requests(), decisions()))
                    .contains("已有一份待审批的转办申请");
        }

        @Test
        void aTaskNotOfferedToAUnit() throws Exception {
            created(requestTransfer(claim, "wangjg", ZRJ, "应由自然资源和规划局办理"));
            Task decision = decision(claim);
            int before = requests();
            long started = decisions();
            String detail = new ApiCalls(port).refused(requestTransfer(decision, "zhengwt", "fgw", "理由"), 400, "taskId");
            assertThat(detail).contains("不是交由单位办理的任务");
            assertThat(requests()).isEqualTo(before);
            assertThat(decisions()).isEqualTo(started);
        }

        @Test
        void theEnginesOwnDoorStillDoesNotLetAnOfficerChangeTheCandidates() throws Exception {
            HttpResponse<String> added = call("POST", "/engine-rest/task/" + claim.getId() + "/identity-links", "wangjg",
                    "{\"groupId\":\"zrj\",\"type\":\"candidate\"}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(403);
            assertThat(candidateGroups(claim.getId())).containsExactly(ZJJ);
        }
    }
}
