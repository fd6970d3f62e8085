import static cn.tuijin.BenchSupport.command;
import static cn.tuijin.BenchSupport.deleteDir;
import static cn.tuijin.BenchSupport.dirSize;
import static cn.tuijin.BenchSupport.list;
import static cn.tuijin.BenchSupport.loadAverage;
import static cn.tuijin.BenchSupport.log;
import static cn.tuijin.BenchSupport.machineSection;
import static cn.tuijin.BenchSupport.median;
import static cn.tuijin.BenchSupport.parallel;
import static cn.tuijin.BenchSupport.today;
import static cn.tuijin.BenchSupport.writeResults;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.tuijin.ApiCalls;
import cn.tuijin.Rows;
import cn.tuijin.TuijinApplication;
import cn.tuijin.project.LifecycleService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * P5: start-up to Tasklist ready, and heap with 100,000 active projects.
 *
 * <p>Start-up: from launching {@code java -jar} to the first HTTP 200 of {@code /camunda/app/tasklist/} (its redirect to {@code default/} followed; polled every
 * 20 ms), H2 in memory, for the application's jar with the demo profile (the demo city is seeded on
 * ApplicationReadyEvent, after the web server has started: Tasklist may answer before it is done), the application outside the demo profile
 * (administrator password from TUIJIN_ADMIN_PASSWORD), and a bare Camunda 7.24 Spring Boot starter webapp
 * ({@code bench/bare-camunda}); {@value #RUNS} runs each, interleaved; median; ratio = Tuijin / bare, goal ≤ 1.2.
 *
 * <p>Heap: an H2 file database with 100,000 projects, each with its lifecycle running (started through the app's own
 * {@code LifecycleService} in this JVM, job executor off; kept under {@code target/bench-heap} and reused), then the
 * jar started on it (demo profile), the dashboard summary and the overdue list called once (HTTP, as the supervisor),
 * {@code jcmd GC.run}, then {@code jcmd GC.heap_info}: the used heap; goal ≤ 512 MiB. Again with {@code -Xmx512m}.
 *
 * <p>Options to try (each measured against the same bare starter in the same run, and written into the results):
 * {@code -DappJvm="…"} JVM options of the application's runs (e.g. {@code -XX:SharedArchiveFile=…}), {@code -DbareJvm="…"}
 * those of the bare starter's, {@code -DappArgs="…"} more application arguments (e.g.
 * {@code --spring.main.lazy-initialization=true}), {@code -DappJar=…} and {@code -DbareJar=…} other jars (an extracted
 * layout for class data sharing); {@code -Dlabel=…} names the results file ({@code <date>-startup-<label>.md}).
 */
public class StartupBench {

    static final int RUNS = Integer.getInteger("runs", 5);
    static final int PROJECTS = Integer.getInteger("projects", 100_000);
    static final double GOAL_RATIO = 1.2;
    static final long GOAL_HEAP_MIB = 512;
    static final Path APP_JAR = Path.of(System.getProperty("appJar", "target/tuijin-0.1.0-SNAPSHOT.jar"));
    static final Path BARE_JAR = Path.of(System.getProperty("bareJar", "bench/bare-camunda/target/bare-camunda-1.0.0.jar"));
    static final List<String> APP_JVM = words(System.getProperty("appJvm", ""));
    static final List<String> BARE_JVM = words(System.getProperty("bareJvm", ""));
    static final List<String> APP_ARGS = words(System.getProperty("appArgs", ""));

    static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }
    static final Path HEAP_DIR = Path.of("target", "bench-heap");
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    public static void main(String[] args) throws Exception {
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        LocalDate today = today();
        boolean skipStartup = List.of(args).contains("--heap-only");
        boolean skipHeap = List.of(args).contains("--startup-only");
        List<String> md = new ArrayList<>();
        md.add("# Start-up and heap benchmark (P5), " + today);
        md.add("");
        md.add("`bash bench/startup.sh` (`bench/StartupBench.java`).");

        if (!skipStartup) {
            String[] names = {"bare Camunda 7.24 starter webapp", "Tuijin, profile demo (seeds the demo city)", "Tuijin, outside the demo profile"};
            double[][] secs = new double[3][RUNS];
            for (int r = 0; r < RUNS; r++) {
                for (int k = 0; k < 3; k++) {
                    secs[k][r] = startup(k);
                    log(String.format(Locale.ROOT, "run %d, %s: %.2f s", r + 1, names[k], secs[k][r]));
                }
            }
            md.add("");
            md.add("## Start-up to Tasklist ready");
            md.add("");
            md.add("From `java -jar` (no JVM options but the time zone and encoding) to the first HTTP 200 of `/camunda/app/tasklist/` "
                    + "(polled every 20 ms), H2 in memory, " + RUNS + " runs of each, interleaved.");
            md.add("");
            md.add("Options: application JVM `" + String.join(" ", APP_JVM) + "`, application arguments `" + String.join(" ", APP_ARGS)
                    + "`, application jar `" + APP_JAR + "`; bare JVM `" + String.join(" ", BARE_JVM) + "`, bare jar `" + BARE_JAR + "`.");
            md.add("");
            md.add("| application | runs (s) | median | ratio to bare |");
            md.add("|---|---|---:|---:|");
            double bare = median(secs[0]);
            for (int k = 0; k < 3; k++) {
                md.add(String.format(Locale.ROOT, "| %s | %s | %.2f s | %.2f |", names[k], list(secs[k], "%.2f"),
                        median(secs[k]), median(secs[k]) / bare));
            }
            md.add("");
            double ratioDemo = median(secs[1]) / bare;
            double ratioPlain = median(secs[2]) / bare;
            md.add(String.format(Locale.ROOT, "Goal ≤ %.1f× the bare starter: demo %.2f× (%s), outside the demo %.2f× (%s).", GOAL_RATIO,
                    ratioDemo, ratioDemo <= GOAL_RATIO ? "met" : "NOT met", ratioPlain, ratioPlain <= GOAL_RATIO ? "met" : "NOT met"));
        }

        if (!skipHeap) {
            String loaded = ensureHeapDatabase(today);
            md.add("");
            md.add("## Heap with " + String.format(Locale.ROOT, "%,d", PROJECTS) + " active projects");
            md.add("");
            md.add("H2 file database " + loaded + ". The jar started on it (profile demo, job executor on), the dashboard summary "
                    + "and the overdue list called once as the supervisor, then `jcmd GC.run` and `jcmd GC.heap_info`.");
            md.add("");
            md.add("| JVM options | ready after | summary | overdue list | heap used after GC | heap committed | goal ≤ 512 MiB |");
            md.add("|---|---:|---:|---:|---:|---:|---|");
            for (String xmx : new String[] {"", "-Xmx512m"}) {
                md.add(heap(xmx));
            }
        }

        md.addAll(machineSection(loadBefore));
        md.add("");
        md.add("Whole run " + Duration.between(started, Instant.now()).toSeconds() + " s.");
        String label = System.getProperty("label", "");
        writeResults(label.isBlank() ? "startup" : "startup-" + label, md);
        System.exit(0);
    }

    /** Seconds from launch to Tasklist's 200: 0 bare, 1 Tuijin demo, 2 Tuijin outside the demo. */
    static double startup(int kind) throws Exception {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-Duser.timezone=Asia/Shanghai", "-Dfile.encoding=UTF-8"));
        cmd.addAll(kind == 0 ? BARE_JVM : APP_JVM);
        cmd.add("-jar");
        ProcessBuilder pb = new ProcessBuilder();
        switch (kind) {
            case 0 -> cmd.addAll(List.of(BARE_JAR.toString(), "--server.port=" + port));
            case 1 -> cmd.addAll(List.of(APP_JAR.toString(), "--server.port=" + port,
                    "--spring.datasource.url=jdbc:h2:mem:tuijin;DB_CLOSE_DELAY=-1"));
            default -> {
                cmd.addAll(List.of(APP_JAR.toString(), "--server.port=" + port, "--spring.profiles.active=production",
                        "--spring.datasource.url=jdbc:h2:mem:tuijin;DB_CLOSE_DELAY=-1"));
                pb.environment().put("TUIJIN_ADMIN_PASSWORD", "bench-admin-password-1");
            }
        }
        if (kind != 0) {
            cmd.addAll(APP_ARGS);
        }
        pb.command(cmd).redirectErrorStream(true).redirectOutput(HEAP_DIR.getParent().resolve("bench-startup-" + kind + ".log").toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            double s = waitReady(p, port, t0);
            return s;
        } finally {
            stop(p);
        }
    }

    static double waitReady(Process p, int port, long t0) throws Exception {
        ApiCalls app = new ApiCalls("http://127.0.0.1:" + port);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the application stopped with exit code " + p.exitValue());
            }
            try {
                HttpResponse<Void> r = app.request("GET", "/camunda/app/tasklist/").followRedirects()
                        .timeout(Duration.ofSeconds(5)).send(HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() - t0 > Duration.ofMinutes(5).toNanos()) {
                throw new IllegalStateException("Tasklist not ready within 5 minutes");
            }
            Thread.sleep(20);
        }
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    // ------------------------------------------------------------------------------------------------ heap

    /** Makes the H2 file database of PROJECTS running lifecycles once (kept); returns how it was made. */
    static String ensureHeapDatabase(LocalDate today) throws Exception {
        Path marker = HEAP_DIR.resolve("loaded-" + PROJECTS + ".txt");
        if (Files.exists(marker)) {
            String made = Files.readString(marker).strip();
            LocalDate firstDue = LocalDate.parse(made.replaceAll("(?s).*first due day (\\d{4}-\\d{2}-\\d{2}).*", "$1"));
            if (today.plusDays(7).isBefore(firstDue)) {
                return made;
            }
        }
        deleteDir(HEAP_DIR);
        Files.createDirectories(HEAP_DIR);
        Instant t0 = Instant.now();
        LocalDate firstDue = today.plusDays(30);
        String url = "jdbc:h2:file:" + HEAP_DIR.toAbsolutePath().resolve("tuijin") + ";DB_CLOSE_ON_EXIT=FALSE";
        log("loading " + PROJECTS + " projects into " + url);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TuijinApplication.class).profiles("demo")
                .run("--spring.datasource.url=" + url, "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
                        "--camunda.bpm.generic-properties.properties.jobExecutorActivate=false", "--logging.level.root=warn",
                        "--spring.main.banner-mode=off");
        try {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            LifecycleService lifecycle = app.getBean(LifecycleService.class);
            java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < PROJECTS; i++) {
                rows.add(Rows.negotiatingProject(code(i), i, firstDue.plusDays(i % 365), now));
            }
            jdbc.batchUpdate(Rows.PROJECT, rows);
            parallel(PROJECTS, 2, i -> lifecycle.start(code(i)));
        } finally {
            app.close();
        }
        try (var c = java.sql.DriverManager.getConnection(url, "sa", ""); var s = c.createStatement()) {
            s.execute("shutdown compact");
        }
        String made = String.format(Locale.ROOT, "(%,d projects negotiating, each with its lifecycle running at 申报签约: %,d running "
                        + "instances, %,d open tasks and %,d timers; made %s in %d s by `LifecycleService.start`, 2 threads; "
                        + "first due day %s; %,d MiB)", PROJECTS, PROJECTS, PROJECTS, 2 * PROJECTS, today,
                Duration.between(t0, Instant.now()).toSeconds(), firstDue, dirSize(HEAP_DIR) >> 20);
        Files.writeString(marker, made);
        return made;
    }

    static String heap(String xmx) throws Exception {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-Duser.timezone=Asia/Shanghai", "-Dfile.encoding=UTF-8"));
        if (!xmx.isEmpty()) {
            cmd.add(xmx);
        }
        cmd.addAll(List.of("-jar", APP_JAR.toString(), "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + HEAP_DIR.toAbsolutePath().resolve("tuijin") + ";DB_CLOSE_ON_EXIT=FALSE"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(HEAP_DIR.resolve("app" + xmx + ".log").toFile()).start();
        try {
            double ready = waitReady(p, port, System.nanoTime());
            log(String.format(Locale.ROOT, "heap run %s: ready in %.1f s", xmx.isEmpty() ? "(default heap)" : xmx, ready));
            ApiCalls app = new ApiCalls("http://127.0.0.1:" + port);
            String[] timed = new String[2];
            String[] paths = {"/api/dashboard/summary", "/api/dashboard/overdue"};
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = app.request("GET", paths[i]).as("huangzh").followRedirects()
                        .timeout(Duration.ofMinutes(2)).send();
                timed[i] = String.format(Locale.ROOT, "%d in %.0f ms", r.statusCode(), (System.nanoTime() - t0) / 1e6);
                log(paths[i] + ": " + timed[i] + " " + r.body().substring(0, Math.min(160, r.body().length())));
            }
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            command(jcmd, String.valueOf(p.pid()), "GC.run");
            String info = command(jcmd, String.valueOf(p.pid()), "GC.heap_info");
            Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
            if (!m.find()) {
                throw new IllegalStateException("no heap figures in: " + info);
            }
            long committed = Long.parseLong(m.group(1)) / 1024;
            long used = Long.parseLong(m.group(2)) / 1024;
            log("heap used after GC: " + used + " MiB of " + committed + " MiB committed");
            return String.format(Locale.ROOT, "| %s | %.1f s | %s | %s | **%d MiB** | %d MiB | %s |", xmx.isEmpty() ? "default (¼ of RAM)" : "`" + xmx + "`",
                    ready, timed[0], timed[1], used, committed, used <= GOAL_HEAP_MIB ? "met" : "NOT met");
        } finally {
            stop(p);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static String code(int i) {
        return String.format(Locale.ROOT, "HEAP-%06d", i);
    }

    static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
