package cn.tuijin.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.dashboard.ProjectTimeline;
import cn.tuijin.dashboard.TimelineEntry;
import cn.tuijin.system.EngineClock;
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
 * 委托代理 through the API and the engine's doors: wangjg (住建局) names lina for a week; she finds his claimed task in
 * her 我的待办 query, completes it, and the project's timeline names both; after the week the delegation has ended, his
 * remaining task is his again and she can no longer complete it; nobody else ever could. Each refusal answers in
 * Chinese and writes nothing. The clock is stopped at the test's start; each test ends the delegations it made.
 */
@TuijinTest
class DelegationApiTest {

    /** Projects of 住建局 whose approval tasks no other test touches. */
    private static final List<String> PROJECTS = List.of("XM-2026-009", "XM-2026-014", "XM-2026-017", "XM-2026-019");

    @LocalServerPort int port;
    @Autowired TaskService tasks;
    @Autowired JdbcTemplate jdbc;
    @Autowired EngineClock clock;
    @Autowired DelegationService delegations;
    @Autowired ProjectTimeline timeline;

    private LocalDate today;

    @BeforeEach
    void stopTheClock() {
        clock.setTime(clock.now());
        today = clock.today();
    }

    @AfterEach
    void endWhatWasMade() {
        for (var row : jdbc.queryForList("select id, delegator_id from delegation where ended_at is null")) {
            delegations.end((String) row.get("DELEGATOR_ID"), ((Number) row.get("ID")).longValue());
        }
        clock.reset();
    }

    @Test
    void linaCompletesWangjgsClaimedTaskForHimAndTheTimelineNamesBoth() throws Exception {
        Task task = claimedByWangjg("Task_HandleApproval");

        JsonNode made = created(delegate("wangjg", "lina", today, today.plusDays(6), "LEAVE"));
        assertThat(made.path("inForce").asBoolean()).isTrue();
        assertThat(made.path("delegateName").asText()).isEqualTo("李娜");

        Task held = tasks.createTaskQuery().taskId(task.getId()).singleResult();
        assertThat(held.getAssignee()).isEqualTo("lina");
        assertThat(held.getOwner()).isEqualTo("wangjg");
        assertThat(jdbc.queryForMap("select holder_user_id, acting_user_id from task_deadline where task_id = ?", task.getId()))
                .containsEntry("HOLDER_USER_ID", "wangjg").containsEntry("ACTING_USER_ID", "lina");

        // 我的待办 (assignee = the current user), as lina reads it through the engine
        JsonNode mine = api().ok(api().call("POST", "/engine-rest/task", "lina", "{\"assignee\":\"lina\"}"));
        assertThat(mine.findValuesAsText("id")).contains(task.getId());
        JsonNode desk = api().ok(api().call("GET", "/api/delegations/mine", "lina", null));
        assertThat(desk.path("tasks").findValuesAsText("label")).contains("代 王建国 办理");
        assertThat(desk.path("actingFor").findValuesAsText("delegatorName")).containsExactly("王建国");

        String form = "{\"variables\":{\"acceptedWithGaps\":{\"value\":false},\"approvalNo\":{\"value\":\"委托测试-001\"}}}";
        api().refusedAtTheEngine(api().call("POST", "/engine-rest/task/" + task.getId() + "/submit-form", "zhaol", form), 403, null);
        api().refusedAtTheEngine(api().call("POST", "/engine-rest/task/" + task.getId() + "/submit-form", "wangjg", form), 403, "李娜");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("refused: still open").isEqualTo(1);

        HttpResponse<String> done = api().call("POST", "/engine-rest/task/" + task.getId() + "/submit-form", "lina", form);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);

        String project = jdbc.queryForObject("select project_code from task_deadline where task_id = ?", String.class, task.getId());
        assertThat(timeline.timeline(project)).extracting(TimelineEntry::text)
                .contains("李娜 代 王建国 办理「" + task.getName() + "」");
    }

    @Test
    void afterTheWeekTheDelegationHasEndedAndTheTaskIsWangjgsAgain() throws Exception {
        Task task = claimedByWangjg(null);
        created(delegate("wangjg", "lina", today, today.plusDays(6), "TRAVEL"));
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo("lina");

        clock.setTime(today.plusDays(7).atTime(9, 0));
        String form = "{\"variables\":{\"acceptedWithGaps\":{\"value\":false},\"approvalNo\":{\"value\":\"委托测试-002\"}}}";
        // before the nightly run has given it back, the door already knows the week is over
        api().refusedAtTheEngine(api().call("POST", "/engine-rest/task/" + task.getId() + "/submit-form", "lina", form), 403, "委托代理已结束");

        delegations.nightly();   // the nightly run's delegation step (deadline-reconciliation.bpmn, Task_Delegations)

        Task back = tasks.createTaskQuery().taskId(task.getId()).singleResult();
        assertThat(back.getAssignee()).isEqualTo("wangjg");
        assertThat(back.getOwner()).isNull();
        assertThat(jdbc.queryForObject("select ended_by from delegation where delegator_id = 'wangjg' order by id desc limit 1", String.class))
                .isEqualTo(DelegationService.SYSTEM);
        assertThat(jdbc.queryForMap("select holder_user_id, acting_user_id from task_deadline where task_id = ?", task.getId()))
                .containsEntry("HOLDER_USER_ID", "wangjg").containsEntry("ACTING_USER_ID", "");
        api().refusedAtTheEngine(api().call("POST", "/engine-rest/task/" + task.getId() + "/submit-form", "lina", form), 403, null);
        JsonNode desk = api().ok(api().call("GET", "/api/delegations/mine", "wangjg", null));
        assertThat(desk.path("delegations")).isEmpty();
        assertThat(delegations.nightly()).as("a second run finds nothing to do").containsExactly(0, 0);
        tasks.setAssignee(task.getId(), null);
    }

    @Test
    void theDelegatorEndsItEarlyAndHisTasksComeBackAtOnce() throws Exception {
        Task task = claimedByWangjg(null);
        long id = created(delegate("wangjg", "lina", today, today.plusDays(3), "OTHER")).path("id").asLong();
        api().refused(api().call("POST", "/api/delegations/" + id + "/end", "lina", null), 403, null);

        // a task he claims while away goes to her too, held for him
        Task later = tasks.createTaskQuery().processInstanceBusinessKeyIn(PROJECTS.toArray(String[]::new)).taskCandidateGroup("zjj")
                .taskUnassigned().orderByTaskId().asc().list().get(0);
        HttpResponse<String> claimed = api().call("POST", "/engine-rest/task/" + later.getId() + "/claim", "wangjg", "{\"userId\":\"wangjg\"}");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
        Task held = tasks.createTaskQuery().taskId(later.getId()).singleResult();
        assertThat(held.getAssignee()).isEqualTo("lina");
        assertThat(held.getOwner()).isEqualTo("wangjg");
        // she gives it back to the unit: held for nobody
        HttpResponse<String> givenBack = api().call("POST", "/engine-rest/task/" + later.getId() + "/unclaim", "lina", null);
        assertThat(givenBack.statusCode()).as(givenBack.body()).isEqualTo(204);
        Task unclaimed = tasks.createTaskQuery().taskId(later.getId()).singleResult();
        assertThat(unclaimed.getAssignee()).isNull();
        assertThat(unclaimed.getOwner()).isNull();

        JsonNode ended = api().ok(api().call("POST", "/api/delegations/" + id + "/end", "wangjg", null));
        assertThat(ended.path("inForce").asBoolean()).isFalse();
        assertThat(ended.path("endedBy").asText()).isEqualTo("wangjg");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo("wangjg");
        tasks.setAssignee(task.getId(), null);
    }

    @Test
    void aLeaderNamesHisSecretaryOnly() throws Exception {
        JsonNode desk = api().ok(api().call("GET", "/api/delegations/mine", "linxh", null));
        assertThat(desk.path("colleagues").findValuesAsText("name")).containsExactly("杨柳");
        assertThat(api().refused(delegate("linxh", "wangjg", today, today.plusDays(2), "TRAVEL"), 400, "delegate"))
                .contains("秘书");
        assertThat(created(delegate("linxh", "yangl", today, today.plusDays(2), "TRAVEL")).path("delegateName").asText()).isEqualTo("杨柳");
    }

    @Nested
    class Refused {

        @Test
        void eachBadDelegationIsRefusedInChineseAndNothingIsWritten() throws Exception {
            int before = delegationRows();
            assertThat(refused(delegate("wangjg", "zhaol", today, today.plusDays(6), "LEAVE"), "delegate")).contains("只能委托本单位人员");
            assertThat(refused(delegate("wangjg", "wangjg", today, today.plusDays(6), "LEAVE"), "delegate")).contains("不能委托给自己");
            assertThat(refused(delegate("wangjg", "nobody", today, today.plusDays(6), "LEAVE"), "delegate")).contains("不存在");
            assertThat(refused(delegate("wangjg", "lina", today.minusDays(7), today.minusDays(1), "LEAVE"), "from")).contains("已过去");
            assertThat(refused(delegate("wangjg", "lina", today.plusDays(5), today.plusDays(2), "LEAVE"), "to")).contains("不能早于");
            assertThat(refused(delegate("wangjg", "lina", today, today.plusDays(2), "放假"), "reason")).contains("出差、休假或其他");
            assertThat(refused(api().call("POST", "/api/delegations", "wangjg", "{\"delegate\":\"lina\",\"from\":\"2026-13-01\",\"to\":\"\",\"reason\":\"LEAVE\"}"), "from"))
                    .contains("不是有效日期");
            assertThat(delegationRows()).isEqualTo(before);
        }

        @Test
        void overlappingPeriodsAndChainsAreRefused() throws Exception {
            created(delegate("wangjg", "lina", today, today.plusDays(6), "LEAVE"));
            int before = delegationRows();
            assertThat(refused(delegate("wangjg", "lina", today.plusDays(3), today.plusDays(10), "LEAVE"), "from")).contains("不能重叠");
            // wangjg is away this week: he cannot act for lina (no chain of delegations)
            assertThat(refused(delegate("lina", "wangjg", today.plusDays(1), today.plusDays(2), "TRAVEL"), "delegate"))
                    .contains("王建国 在 " + today + " 至 " + today.plusDays(6) + " 本人也已委托他人");
            assertThat(delegationRows()).isEqualTo(before);
        }

        @Test
        void aDelegateWhoIsAwayHimselfIsRefused() throws Exception {
            created(delegate("lina", "wangjg", today.plusDays(1), today.plusDays(3), "TRAVEL"));
            int before = delegationRows();
            assertThat(refused(delegate("wangjg", "lina", today, today.plusDays(6), "LEAVE"), "delegate")).contains("本人也已委托他人");
            assertThat(delegationRows()).isEqualTo(before);
        }
    }

    /** An open task of 住建局 (of that kind, if given), claimed by wangjg; put back unclaimed by the tests that do not complete it. */
    private Task claimedByWangjg(String activity) {
        var query = tasks.createTaskQuery().processInstanceBusinessKeyIn(PROJECTS.toArray(String[]::new))
                .taskCandidateGroup("zjj").taskUnassigned();
        if (activity != null) {
            query.taskDefinitionKey(activity);
        }
        List<Task> open = query.orderByTaskId().asc().list();
        assertThat(open).as("open tasks of 住建局 in " + PROJECTS).isNotEmpty();
        Task task = open.get(open.size() - 1);
        tasks.setAssignee(task.getId(), "wangjg");
        return task;
    }

    private HttpResponse<String> delegate(String user, String delegate, LocalDate from, LocalDate to, String reason) throws Exception {
        return api().call("POST", "/api/delegations", user, "{\"delegate\":\"" + delegate + "\",\"from\":\"" + from + "\",\"to\":\""
                + to + "\",\"reason\":\"" + reason + "\"}");
    }

    private JsonNode created(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
    }

    private String refused(HttpResponse<String> answer, String field) throws Exception {
        return api().refused(answer, 400, field);
    }

    private int delegationRows() {
        return jdbc.queryForObject("select count(*) from delegation", Integer.class);
    }

    private ApiCalls api() {
        return new ApiCalls(port);
    }
}
