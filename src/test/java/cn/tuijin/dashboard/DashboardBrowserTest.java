package cn.tuijin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.system.BrowserScript;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The supervisor dashboard (/dashboard/) in a real browser: Debian's Chromium, driven by playwright-core from Node.js
 * with {@code src/test/resources/browser/dashboard.mjs}. The supervisor logs in through the page's form, reads the
 * overdue count (the same as the API's), sees the charts, drills down into XM-2026-010 and its diagram with the current
 * activity marked; then an officer logs in and is refused. Screenshots go to {@code target/screenshots/}.
 * Chromium, Node.js and {@code .ci/node_modules/playwright-core} are installed by {@code .ci/test-tools} (which
 * {@code mvn verify} runs); without them this test fails and says so ({@link BrowserScript}).
 * The page itself runs in Chromium, not through {@link ApiCalls}: its own script, requests and drawing are what is tested.
 */
@TuijinTest
class DashboardBrowserTest {

    @LocalServerPort int port;

    @Test
    void supervisorSeesTheCountsAndDrillsDownAndAnOfficerIsRefused() throws Exception {
        int overdue = summary().get("overdue").asInt();
        assertThat(overdue).as("overdue items of the demo city").isPositive();

        JsonNode seen = BrowserScript.run("dashboard.mjs", port, Map.of(), Duration.ofSeconds(120));
        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        System.out.println("DashboardBrowserTest: milliseconds per step " + seen.get("ms"));

        // The supervisor, logged in through the page's form.
        assertThat(seen.get("user").asText()).as("the supervisor by name").isEqualTo("黄振华");
        assertThat(seen.get("updatedAt").asText()).matches("数据更新于 \\d{2}:\\d{2}:\\d{2}");
        assertThat(seen.get("overdueShown").asInt()).as("the overdue count on the page").isEqualTo(overdue);
        assertThat(seen.get("overdueRows").asInt()).isEqualTo(Math.min(overdue, 15));
        assertThat(seen.get("districtCanvases").asInt()).as("ECharts canvas of the district chart").isPositive();
        assertThat(seen.get("districtRows").asInt()).isEqualTo(3);
        assertThat(seen.get("redReasons").asText()).contains("XM-2026-");
        assertThat(seen.get("monthlyReportRows").asInt()).isPositive();
        // The drill-down: the diagram with the start claim marked as current, the light, the timeline.
        assertThat(seen.get("projectTitle").asText()).isEqualTo("临江大道快速化改造");
        assertThat(seen.get("diagramSvgs").asInt()).isPositive();
        assertThat(seen.get("activeMarked").asInt()).isEqualTo(1);
        assertThat(seen.get("activeIds").toString()).contains("Task_ClaimStart");
        assertThat(seen.get("light").asText()).isEqualTo("红灯");
        assertThat(seen.get("timelineItems").asInt()).isPositive();
        // The officer is refused with the API's message.
        assertThat(seen.get("refusal").asText()).isEqualTo("督查看板仅供督查室、重点项目办和分包领导查看");
        // Nothing from outside the application, no script errors.
        assertThat(seen.get("external")).as("requests outside the application").isEmpty();
        assertThat(seen.get("pageErrors")).as("script errors").isEmpty();
        assertThat(seen.get("consoleErrors")).as("console errors").isEmpty();
        assertThat(screenshots.resolve("dashboard.png")).isNotEmptyFile();
        assertThat(screenshots.resolve("project.png")).isNotEmptyFile();
    }

    private JsonNode summary() throws Exception {
        ApiCalls api = new ApiCalls(port);
        return api.ok(api.request("GET", "/api/dashboard/summary").as("huangzh").send());
    }
}
