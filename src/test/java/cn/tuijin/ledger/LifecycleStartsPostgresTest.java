package cn.tuijin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.tuijin.TestPostgres;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On PostgreSQL, as between nodes: three passes starting an import's queued lifecycles at the same time share them,
 * chunks locking their rows and skipping those another holds, and each lifecycle starts exactly once. Runs in the
 * build's PostgreSQL test run only (tag {@code postgresql}).
 */
@Tag("postgresql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tuijin.followups.scheduled=false")
@ActiveProfiles({"demo", "postgres"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LifecycleStartsPostgresTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.newDatabase().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired RuntimeService runtime;
    @Autowired LifecycleStarts starts;
    @Autowired EngineClock clock;

    @Test
    void threePassesAtOnceStartEachQueuedLifecycleOnce() throws Exception {
        String prefix = LedgerSheets.prefix();
        int n = 3 * LifecycleStarts.CHUNK + 7;
        // Reserve projects (no lifecycle) made ready and queued, as an import leaves them when its node stops after the commit.
        JsonNode committed = new LedgerClient(port).commit(LedgerSheets.xlsx(LedgerSheets.rows(prefix, n, "储备")));
        long id = committed.get("importId").asLong();
        List<String> codes = jdbc.queryForList("select code from project where code like ? order by code", String.class, prefix + "%");
        assertThat(codes).hasSize(n);
        jdbc.update("update project set stage = 'UNDER_CONSTRUCTION' where code like ?", prefix + "%");
        jdbc.update("update ledger_import set lifecycle_count = ? where id = ?", n, id);
        starts.queue(id, codes, clock.now());

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> passes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                passes.add(() -> starts.drain(null));
            }
            int taken = 0;
            for (Future<Integer> f : pool.invokeAll(passes)) {
                taken += f.get();
            }
            assertThat(taken).as("rows taken by the three passes together").isEqualTo(n);
        } finally {
            pool.shutdown();
        }

        Map<String, Integer> running = new HashMap<>();
        runtime.createProcessInstanceQuery().processDefinitionKey(ProjectLifecycle.KEY).processInstanceBusinessKeyLike(prefix + "%")
                .list().forEach(p -> running.merge(p.getBusinessKey(), 1, Integer::sum));
        assertThat(running).hasSize(n);
        assertThat(running.values()).allMatch(c -> c == 1);
        assertThat(jdbc.queryForObject("select count(*) from ledger_import_start where import_id = ? and started_at is not null",
                Integer.class, id)).isEqualTo(n);
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where dedupe_key like ?", Integer.class,
                "ledger-import:" + id + ":%")).as("the unit told once").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from task_deadline where project_code like ? and status = 'OPEN'",
                Integer.class, prefix + "%")).isEqualTo(n);
    }
}
