package cn.tuijin.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.tuijin.TuijinTest;
import cn.tuijin.system.BrowserScript;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 委托代理 in Tasklist, in Chromium ({@code src/test/resources/browser/delegation.mjs}): wangjg names lina for a week
 * from the navigation bar's 「委托代理」; lina finds his claimed approval task in 我的待办 marked 「代 王建国 办理」 and
 * completes it; the engine's history and the project's records name both.
 */
@TuijinTest
class DelegationBrowserTest {

    /** Approval tasks other tests keep for themselves: TasklistAccessTest's permit, EngineDoorsTest's project. */
    private static final List<String> KEPT = List.of("XM-2026-031", "XM-2026-006");

    @LocalServerPort int port;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired JdbcTemplate jdbc;
    @Autowired EngineClock clock;
    @Autowired DelegationService delegations;

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
    void wangjgNamesLinaForAWeekAndSheCompletesHisTaskInTasklist() throws Exception {
        // Any open approval task of 住建局 nobody holds (tests sharing the demo city use up some of them).
        Task task = tasks.createTaskQuery().taskDefinitionKey("Task_HandleApproval").taskCandidateGroup("zjj").taskUnassigned()
                .orderByTaskId().desc().list().stream().filter(t -> !KEPT.contains(businessKey(t))).findFirst()
                .orElseThrow(() -> new AssertionError("no open approval task of 住建局 outside " + KEPT));
        tasks.setAssignee(task.getId(), "wangjg");

        JsonNode seen = BrowserScript.run("delegation.mjs", port, Map.of("TASK", task.getId()), Duration.ofMinutes(3));

        assertThat(seen.path("loaded").path("tuijin-delegation.js").asInt()).isEqualTo(200);
        assertThat(seen.get("pageErrors")).as("script errors").isEmpty();
        assertThat(seen.get("consoleErrors")).as("console errors").isEmpty();
        assertThat(seen.get("external")).as("requests outside the application").isEmpty();
        assertThat(seen.get("choices").toString()).as("his unit's people by name").contains("李娜").doesNotContain("王建国", "赵磊");
        assertThat(seen.path("from").asText()).isEqualTo(today.toString());
        assertThat(seen.path("to").asText()).isEqualTo(today.plusDays(6).toString());
        assertThat(seen.path("confirmation").asText()).isEqualTo("已委托 李娜 代理（" + today + " 至 " + today.plusDays(6) + "）");
        assertThat(seen.path("current").asText()).startsWith("委托中：李娜 代理").contains("休假").contains("结束委托");
        assertThat(seen.path("card").asText()).isEqualTo("代 王建国 办理");
        assertThat(seen.path("cardLabelShown").asBoolean()).as("on the folded card, not hidden until it is expanded").isTrue();
        assertThat(seen.path("taskView").asText()).isEqualTo("代 王建国 办理");

        HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult();
        assertThat(done.getEndTime()).as("completed in Tasklist").isNotNull();
        assertThat(done.getAssignee()).isEqualTo("lina");
        assertThat(done.getOwner()).isEqualTo("wangjg");
        assertThat(jdbc.queryForObject("select count(*) from delegated_work where task_id = ? and delegator_id = 'wangjg' and delegate_id = 'lina'",
                Integer.class, task.getId())).isEqualTo(1);
        assertThat(Path.of("target/screenshots/delegation-card.png")).isNotEmptyFile();
    }

    private String businessKey(Task task) {
        return runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey();
    }
}
