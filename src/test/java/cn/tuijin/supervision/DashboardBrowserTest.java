package cn.tuijin.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import cn.tuijin.TuijinTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The supervisor dashboard (/dashboard/) in a real browser: Debian's Chromium, driven by playwright-core from Node.js
 * with {@code src/test/resources/browser/dashboard.mjs}. The supervisor logs in through the page's form, reads the
 * overdue count (the same as the API's), sees the charts, drills down into XM-2026-010 and its diagram with the current
 * activity marked; then an officer logs in and is refused. Screenshots go to {@code target/screenshots/}.
 * Chromium, Node.js and {@code .ci/node_modules/playwright-core} are installed by {@code bash .ci/run}; without them
 * this test fails and says so.
 */
@TuijinTest
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String INSTALL = "run `bash .ci/run` once, which installs them (apt-get install chromium fonts-wqy-zenhei; "
            + "cd .ci && npm ci)";

    @LocalServerPort int port;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void supervisorSeesTheCountsAndDrillsDownAndAnOfficerIsRefused() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Path playwright = project.resolve(".ci/node_modules/playwright-core");
        Path node = onPath("node");
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("Chromium at " + CHROMIUM);
        }
        if (node == null) {
            missing.add("Node.js (node on the PATH)");
        }
        if (!Files.isRegularFile(playwright.resolve("index.mjs"))) {
            missing.add("playwright-core in " + project.relativize(playwright));
        }
        if (!missing.isEmpty()) {
            fail("The dashboard's browser test needs " + String.join(", ", missing) + ": " + INSTALL + ".");
        }

        int overdue = summary().get("overdue").asInt();
        assertThat(overdue).as("overdue items of the demo city").isPositive();

        Path screenshots = project.resolve("target/screenshots");
        Files.createDirectories(screenshots);
        Path out = screenshots.resolve("dashboard-browser.out");
        Path log = screenshots.resolve("dashboard-browser.log");
        Path script = Path.of(getClass().getResource("/browser/dashboard.mjs").toURI());
        ProcessBuilder command = new ProcessBuilder(node.toString(), script.toString())
                .directory(project.toFile())
                .redirectOutput(out.toFile())
                .redirectError(log.toFile());
        command.environment().putAll(Map.of(
                "BASE_URL", "http://localhost:" + port,
                "SCREENSHOTS", screenshots.toString(),
                "CHROMIUM", CHROMIUM.toString(),
                "PLAYWRIGHT_CORE", playwright.toString()));
        Process browser = command.start();
        if (!browser.waitFor(120, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            fail("dashboard.mjs did not finish within 120 s; see " + log);
        }
        String errors = Files.readString(log, StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(browser.exitValue()).as("dashboard.mjs exit code; its messages:%n%s", errors).isZero();
        assertThat(lines).as("dashboard.mjs output; its messages:%n%s", errors).isNotEmpty();
        JsonNode seen = json.readTree(lines.get(lines.size() - 1));
        System.out.println("DashboardBrowserTest: milliseconds per step " + seen.get("ms"));

        // The supervisor, logged in through the page's form.
        assertThat(seen.get("user").asText()).contains("huangzh");
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
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/dashboard/summary"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("huangzh:demo".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
