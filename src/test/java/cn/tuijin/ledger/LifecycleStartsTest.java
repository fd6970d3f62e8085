package cn.tuijin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A large import answers once its ledger is written and starts its lifecycles in chunks afterwards, with a progress the
 * import page shows; lifecycles left queued (a node stopped after the import's commit) are started by the periodic
 * pass, each exactly once; a project whose lifecycle cannot start does not hold up the others and is tried again later.
 */
@TuijinTest
class LifecycleStartsTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired RuntimeService runtime;
    @Autowired LifecycleStarts starts;
    @Autowired EngineClock clock;
    LedgerClient api;
    String prefix;

    @BeforeEach
    void setUp() {
        api = new LedgerClient(port);
        prefix = LedgerSheets.prefix();
    }

    @AfterEach
    void removeTestProjects() {
        clock.reset();
        LedgerTestData.removeTestProjects(jdbc, runtime);
    }

    private JsonNode entry(long importId) throws Exception {
        ApiCalls calls = new ApiCalls(port);
        return calls.ok(calls.call("GET", "/api/ledger/imports/" + importId, "zhengwt", null));
    }

    /** Lifecycles per project of this test: code → number of running instances. */
    private Map<String, Integer> lifecycles() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        runtime.createProcessInstanceQuery().processDefinitionKey(ProjectLifecycle.KEY).processInstanceBusinessKeyLike(prefix + "%")
                .list().forEach(p -> counts.merge(p.getBusinessKey(), 1, Integer::sum));
        return counts;
    }

    private int openTasks() {
        return jdbc.queryForObject("select count(*) from task_deadline where project_code like ? and status = 'OPEN'", Integer.class, prefix + "%");
    }

    @Test
    void aLargeImportAnswersWithItsLedgerWrittenAndStartsEveryLifecycleOnceInTheBackground() throws Exception {
        int n = 2 * LifecycleStarts.CHUNK + 7;
        JsonNode committed = api.commit(LedgerSheets.xlsx(LedgerSheets.rows(prefix, n, "在建")));
        assertThat(committed.get("lifecycles").asInt()).isEqualTo(n);
        assertThat(committed.get("lifecyclesPending").asInt()).isBetween(0, n);
        assertThat(jdbc.queryForObject("select count(*) from project where code like ?", Integer.class, prefix + "%"))
                .as("the whole ledger is there when the import answers").isEqualTo(n);
        long id = committed.get("importId").asLong();

        Awaitility.await("every lifecycle started").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> entry(id).get("lifecyclesStarted").asInt() == n);
        JsonNode done = entry(id);
        assertThat(done.get("lifecycles").asInt()).isEqualTo(n);
        assertThat(done.get("lifecyclesFailed").asInt()).isZero();
        Map<String, Integer> running = lifecycles();
        assertThat(running).hasSize(n);
        assertThat(running.values()).allMatch(c -> c == 1);
        assertThat(openTasks()).as("each project's completion claim open, with its deadline").isEqualTo(n);
        assertThat(starts.drain(id)).as("nothing left to start").isZero();
        assertThat(lifecycles()).hasSize(n);

        // The lead unit is told once, not once per task.
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where event = 'TASK_ASSIGNED' and project_code like ?",
                Integer.class, prefix + "%")).as("no notice per new task").isZero();
        List<Map<String, Object>> told = jdbc.queryForList("select recipient_group, subject, body from notification_outbox where dedupe_key like ?",
                "ledger-import:" + id + ":%");
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("recipient_group")).isEqualTo("zjj");
        assertThat(told.get(0).get("subject")).isEqualTo("台账导入：新增 " + n + " 项待办");
        assertThat((String) told.get(0).get("body")).contains("第 " + id + " 次导入", n + " 项");
        assertThat(jdbc.queryForObject("select count(*) from notification_delivery where dedupe_key like ?", Integer.class,
                "ledger-import:" + id + ":%")).as("delivered to the unit's people and robot").isPositive();
    }

    @Test
    void lifecyclesLeftQueuedStartOnceOnTheNextPassAndOneThatCannotStartWaitsWithoutHoldingUpTheOthers() throws Exception {
        // A ledger of reserve projects (no lifecycle) made ready to start, queued as an import leaves them when its node
        // stops right after the commit; one of them is left at 储备, whose lifecycle cannot start.
        clock.setTime(clock.now());
        JsonNode committed = api.commit(LedgerSheets.xlsx(LedgerSheets.rows(prefix, 5, "储备")));
        long id = committed.get("importId").asLong();
        assertThat(committed.get("lifecycles").asInt()).isZero();
        List<String> codes = List.of(prefix + "1", prefix + "2", prefix + "3", prefix + "4", prefix + "5");
        jdbc.update("update project set stage = 'UNDER_CONSTRUCTION' where code like ? and code <> ?", prefix + "%", prefix + "3");
        jdbc.update("update ledger_import set lifecycle_count = 5 where id = ?", id);
        starts.queue(id, codes, clock.now());
        assertThat(entry(id).get("lifecyclesStarted").asInt()).isZero();

        assertThat(starts.drain(null)).isEqualTo(5);
        JsonNode after = entry(id);
        assertThat(after.get("lifecyclesStarted").asInt()).isEqualTo(4);
        assertThat(after.get("lifecyclesFailed").asInt()).isEqualTo(1);
        assertThat(lifecycles()).containsOnlyKeys(prefix + "1", prefix + "2", prefix + "4", prefix + "5");
        assertThat(jdbc.queryForObject("select failure from ledger_import_start where project_code = ?", String.class, prefix + "3"))
                .contains("储备");

        // The unit is told of the four (the fifth is not waited for).
        assertThat(jdbc.queryForObject("select subject from notification_outbox where dedupe_key like ?", String.class,
                "ledger-import:" + id + ":%")).isEqualTo("台账导入：新增 4 项待办");

        assertThat(starts.drain(null)).as("the failed one waits ten minutes; the others are not started again").isZero();
        assertThat(lifecycles().values()).allMatch(c -> c == 1);

        jdbc.update("update project set stage = 'UNDER_CONSTRUCTION' where code = ?", prefix + "3");
        clock.setTime(clock.now().plus(LifecycleStarts.RETRY_FAILED).plusSeconds(60));
        assertThat(starts.drain(null)).isEqualTo(1);
        assertThat(entry(id).get("lifecyclesStarted").asInt()).isEqualTo(5);
        assertThat(entry(id).get("lifecyclesFailed").asInt()).isZero();
        Map<String, Integer> running = lifecycles();
        assertThat(running).hasSize(5);
        assertThat(running.values()).allMatch(c -> c == 1);
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where event = 'TASK_ASSIGNED' and project_code = ?",
                Integer.class, prefix + "3")).as("the late one's task is told by itself").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where dedupe_key like ?", Integer.class,
                "ledger-import:" + id + ":%")).isEqualTo(1);
    }

    @Test
    void anUnknownImportIsAClearError() throws Exception {
        ApiCalls calls = new ApiCalls(port);
        assertThat(calls.call("GET", "/api/ledger/imports/999999999", "zhengwt", null).statusCode()).isEqualTo(404);
        calls.refused(calls.call("GET", "/api/ledger/imports/abc", "zhengwt", null), 400, "id");
        assertThat(calls.call("GET", "/api/ledger/imports/1", "wangjg", null).statusCode()).isEqualTo(403);
    }
}
