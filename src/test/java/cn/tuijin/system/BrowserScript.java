package cn.tuijin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A script of {@code src/test/resources/browser/} that drives Debian's Chromium from Node.js through playwright-core
 * against the application under test, and prints one line of JSON with what it saw. Its screenshots, output and
 * messages go to {@code target/screenshots/}. Chromium, Node.js and {@code .ci/node_modules/playwright-core} are
 * installed by {@code .ci/test-tools} (which {@code mvn verify} runs); without them the test fails and says so.
 */
public final class BrowserScript {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String INSTALL = "run `bash .ci/test-tools` once, which installs them "
            + "(apt-get install chromium fonts-wqy-zenhei; cd .ci && npm ci)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserScript() {
    }

    /**
     * Runs the script against the application on {@code port} with BASE_URL, SCREENSHOTS, CHROMIUM, PLAYWRIGHT_CORE and
     * the given variables in its environment; returns the JSON it printed last. Fails if it exits with an error or
     * does not finish in time, with its messages.
     */
    public static JsonNode run(String script, int port, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
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
            fail(script + " needs " + String.join(", ", missing) + ": " + INSTALL + ".");
        }

        Path screenshots = project.resolve("target/screenshots");
        Files.createDirectories(screenshots);
        String name = script.replaceFirst("\\.mjs$", "");
        Path out = screenshots.resolve(name + ".out");
        Path log = screenshots.resolve(name + ".log");
        ProcessBuilder command = new ProcessBuilder(node.toString(), resource(script).toString())
                .directory(project.toFile())
                .redirectOutput(out.toFile())
                .redirectError(log.toFile());
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("BASE_URL", "http://localhost:" + port);
        variables.put("SCREENSHOTS", screenshots.toString());
        variables.put("CHROMIUM", CHROMIUM.toString());
        variables.put("PLAYWRIGHT_CORE", playwright.toString());
        command.environment().putAll(variables);
        Process browser = command.start();
        if (!browser.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            fail(script + " did not finish within " + timeout.toSeconds() + " s; see " + log);
        }
        String errors = Files.readString(log, StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(browser.exitValue()).as("%s exit code; its messages:%n%s", script, errors).isZero();
        assertThat(lines).as("%s output; its messages:%n%s", script, errors).isNotEmpty();
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    private static Path resource(String script) {
        URL url = BrowserScript.class.getResource("/browser/" + script);
        assertThat(url).as("src/test/resources/browser/%s", script).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
