package cn.tuijin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.tuijin.TuijinTest;
import cn.tuijin.system.BrowserScript;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger import page (/admin/ledger/) in Chromium ({@code src/test/resources/browser/ledger-import.mjs}): the
 * project office previews a go-live ledger and reads how many milestones are already past, sees the choice for them
 * (导入前已逾期 by default), chooses 按逾期追责 and imports; the import records that choice.
 */
@TuijinTest
class LedgerImportBrowserTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired RuntimeService runtime;
    @Autowired EngineClock clock;

    @AfterEach
    void removeTestProjects() {
        LedgerTestData.removeTestProjects(jdbc, runtime);
        clock.reset();
    }

    @Test
    void theProjectOfficePreviewsSeesThePastMilestonesChoosesAndImports() throws Exception {
        clock.setTime(LedgerGoLiveTest.GO_LIVE);
        String code = LedgerSheets.prefix() + "1";
        Path file = Path.of("target/ledger-import-browser.xlsx").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.write(file, LedgerSheets.xlsx(List.of(LedgerSheets.row(code, "在谈"))));
        // More lifecycles than an import starts before it answers: the page follows their starting.
        int large = 2 * LifecycleStarts.CHUNK + 3;
        Path largeFile = Path.of("target/ledger-import-browser-large.xlsx").toAbsolutePath();
        Files.write(largeFile, LedgerSheets.xlsx(LedgerSheets.rows(LedgerSheets.prefix(), large, "在建")));

        JsonNode seen = BrowserScript.run("ledger-import.mjs", port, Map.of("LEDGER_FILE", file.toString(),
                "LARGE_LEDGER_FILE", largeFile.toString()), Duration.ofSeconds(180));

        assertThat(seen.get("choices").toString()).contains("记为「导入前已逾期」", "不记问责", "按逾期追责");
        assertThat(seen.get("checkedByDefault").asText()).isEqualTo("BEFORE_IMPORT");
        assertThat(seen.get("previewTitle").asText()).isEqualTo("预检结果（未写入）");
        assertThat(seen.get("previewNote").asText()).startsWith("2 个节点在导入前已超过计划日期");
        assertThat(seen.get("previewRow").asText()).contains(code, "计划签约日期", "计划开工日期");
        assertThat(seen.get("done").asText()).contains("已导入", "新建 1 个", "已按逾期追责");
        assertThat(jdbc.queryForObject("select past_deadlines_mode from ledger_import where id = (select max(import_id)"
                + " from ledger_import_project where project_code = ?)", String.class, code)).isEqualTo("CHARGED");
        assertThat(jdbc.queryForObject("select overdue_excused_before from project where code = ?", java.sql.Timestamp.class, code))
                .as("charged: nothing excused").isNull();
        assertThat(seen.get("largeDone").asText()).contains("新建 " + large + " 个", "全周期流程已全部启动（" + large + " 个）");
        assertThat(seen.get("progress").get("max").asInt()).isEqualTo(large);
        assertThat(seen.get("progress").get("value").asInt()).isEqualTo(large);
        assertThat(jdbc.queryForObject("select count(*) from ledger_import_start where started_at is null", Integer.class)).isZero();
        assertThat(seen.get("pageErrors")).isEmpty();
        assertThat(seen.get("consoleErrors")).isEmpty();
        assertThat(seen.get("external")).isEmpty();
    }
}
