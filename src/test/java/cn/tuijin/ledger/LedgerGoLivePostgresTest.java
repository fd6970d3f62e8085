package cn.tuijin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import cn.tuijin.ApiCalls;
import cn.tuijin.TestPostgres;
import cn.tuijin.bulletin.BulletinCompiler;
import cn.tuijin.bulletin.BulletinService;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The go-live import on PostgreSQL, with the job executor running as in production: V20's columns, a ledger imported
 * with milestones already past (导入前已逾期 by default) whose overdue timers the job executor runs within seconds
 * without charging anybody, the queries of the dashboard, the timeline and the bulletin on them, and the bulletin's
 * formal number with its unique constraint. Runs in the build's PostgreSQL test run only (tag {@code postgresql}).
 */
@Tag("postgresql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "postgres"})
@AutoConfigureObservability(tracing = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LedgerGoLivePostgresTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.newDatabase().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired EngineClock clock;
    @Autowired BulletinCompiler compiler;
    @Autowired BulletinService bulletins;

    @Test
    void aGoLiveLedgerChargesNobodyForEarlierLatenessAndBulletinsAreNumbered() throws Exception {
        LedgerClient api = new LedgerClient(port);
        String code = LedgerSheets.prefix() + "1";
        JsonNode committed = api.commit(LedgerSheets.xlsx(List.of(LedgerSheets.row(code, "在谈"))));
        assertThat(committed.get("pastDeadlines").asInt()).isEqualTo(2);

        // The job executor runs the signing claim's overdue timer within seconds of the import.
        Awaitility.await("the overdue timer, run by the job executor").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                        "select bool_or(overdue) from task_deadline where project_code = ?", Boolean.class, code)));
        assertThat(jdbc.queryForObject("select count(*) from accountability_record where project_code = ?", Integer.class, code)).isZero();
        assertThat(jdbc.queryForObject("select bool_and(before_import) from task_deadline where project_code = ? and overdue",
                Boolean.class, code)).isTrue();

        ApiCalls calls = new ApiCalls(port);
        JsonNode summary = calls.ok(calls.call("GET", "/api/dashboard/summary", "huangzh", null));
        assertThat(summary.get("overdueBeforeImport").asInt()).isEqualTo(1);
        assertThat(calls.ok(calls.call("GET", "/api/dashboard/projects/" + code + "/timeline", "huangzh", null)).toString())
                .contains("导入前已逾期", "导入台账");
        YearMonth thisMonth = clock.thisMonth();
        assertThat(compiler.compile(thisMonth.minusMonths(1), clock.now()).city().projects())
                .as("not in last month's bulletin").isEqualTo(compiler.compile(thisMonth, clock.now()).city().projects() - 1);

        long first = bulletins.publishNow(YearMonth.of(2030, 11), "huangzh");
        long second = bulletins.publishNow(YearMonth.of(2030, 12), "huangzh");
        Map<String, Object> a = jdbc.queryForMap("select number_year, number_seq from bulletin where id = ?", first);
        Map<String, Object> b = jdbc.queryForMap("select number_year, number_seq from bulletin where id = ?", second);
        assertThat(b.get("number_year")).isEqualTo(a.get("number_year")).isEqualTo(clock.today().getYear());
        assertThat((Integer) b.get("number_seq")).isEqualTo((Integer) a.get("number_seq") + 1);
        assertThatThrownBy(() -> jdbc.update("update bulletin set number_seq = ? where id = ?", a.get("number_seq"), second))
                .isInstanceOf(DuplicateKeyException.class);
    }
}
