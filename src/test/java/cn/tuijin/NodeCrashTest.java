package cn.tuijin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.tuijin.deadline.DeadlineSweep;
import cn.tuijin.project.LifecycleService;
import cn.tuijin.system.EngineClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A node killed with SIGKILL in the middle of a deadline storm: node A runs in this JVM, node B in a JVM of its own on
 * the same PostgreSQL. B sweeps the deadlines as every node does; when it has marked part of them it is killed (its
 * batch in flight rolls back); A sweeps the rest, the rows B held included, and nothing is lost or done twice. One
 * round runs in `mvn verify` (PostgreSQL run); {@code bench/crash.sh} repeats it. {@code -Dtuijin.test.crash=N} changes
 * the number of deadlines.
 */
@Tag("postgresql")
class NodeCrashTest {

    private static final int DEADLINES = Integer.getInteger("tuijin.test.crash", 2_000);

    private ConfigurableApplicationContext nodeA;
    private Process nodeB;

    @AfterEach
    void stop() {
        if (nodeB != null) {
            nodeB.destroyForcibly();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    /** A node's arguments; {@code sweeping}: its sweep runs every 2 s, else the test runs it (its schedule waits an hour). */
    private static List<String> arguments(Map<String, Object> database, String engine, boolean seed, int port, boolean sweeping) {
        return TestPostgres.nodeArguments(database, engine, seed, port,
                sweeping ? Map.of() : Map.of("tuijin.deadlines.sweep-interval", "1h"));
    }

    @Test
    void theSurvivingNodeFinishesEveryDeadlineOfANodeKilledMidStorm() throws Exception {
        Map<String, Object> database = TestPostgres.newDatabase();
        nodeA = new SpringApplicationBuilder(TuijinApplication.class)
                .run(arguments(database, "nodeA", true, 0, false).toArray(String[]::new));
        JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
        EngineClock clock = nodeA.getBean(EngineClock.class);
        clock.reset();
        LocalDate planned = clock.today().plusMonths(2);

        // Projects whose claims are due in two months, each with its lifecycle (no storm yet).
        LifecycleService lifecycle = nodeA.getBean(LifecycleService.class);
        for (String code : Rows.negotiatingCopies(jdbc, "XM-2026-003", "CR-", DEADLINES, planned, planned.plusMonths(3))) {
            lifecycle.start(code);
        }

        // Node B, a JVM of its own.
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath(), TuijinApplication.class.getName()));
        command.addAll(arguments(database, "nodeB", false, port, true));
        Path log = Files.createDirectories(Path.of("target", "node-crash")).resolve("nodeB.log");
        nodeB = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ApiCalls atB = new ApiCalls(port);
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> nodeB.isAlive() && atB.request("GET", "/actuator/health").send().statusCode() == 200);

        // The storm: every claim falls due now; B sweeps them (A does not sweep until B is dead).
        // A day back on A's clock: B's clock started from the suite's day when B did, so it is behind A's by B's start.
        Timestamp now = Timestamp.from(clock.now().minus(Duration.ofDays(1)));
        int due = jdbc.update("update task_deadline set due_at = ?, warn_at = ? where project_code like 'CR-%'", now, now);
        jdbc.update("update act_ru_task set due_date_ = ? where proc_inst_id_ in (select id_ from act_ru_execution where business_key_ like 'CR-%')", now);
        assertThat(due).isEqualTo(DEADLINES);

        // B is killed once it has done part of the work (A does not sweep: every mark is B's).
        String marked = "select count(*) from task_deadline where project_code like 'CR-%' and overdue";
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                count(jdbc, marked) >= DEADLINES / 10);
        nodeB.destroyForcibly().waitFor();
        long doneByB = count(jdbc, marked);
        assertThat(doneByB).as("deadlines B marked before it died").isLessThan(DEADLINES);

        // A sweeps the rest, the rows of B's batch in flight included (rolled back when B's connection went).
        DeadlineSweep sweepA = nodeA.getBean(DeadlineSweep.class);
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            sweepA.sweep();
            return count(jdbc, marked) == DEADLINES;
        });
        assertThat(count(jdbc, "select count(*) from accountability_record where project_code like 'CR-%'")).isEqualTo(DEADLINES);
        assertThat(count(jdbc, "select count(distinct task_id) from accountability_record where project_code like 'CR-%'")).isEqualTo(DEADLINES);
        assertThat(count(jdbc, "select count(*) from notification_outbox where project_code like 'CR-%' and event = 'OVERDUE'")).isEqualTo(DEADLINES);
        assertThat(count(jdbc, "select count(*) from project_light where project_code like 'CR-%' and light = 'RED'")).isEqualTo(DEADLINES);
        assertThat(count(jdbc, "select count(*) from act_ru_incident")).isZero();
        System.out.printf("NodeCrashTest: %,d deadlines; node B had marked %,d when killed; node A swept the rest%n", DEADLINES, doneByB);
    }

    /** The test's class path without empty entries (an empty entry is the working directory: the project itself). */
    private static String classpath() {
        return Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !entry.equals("."))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static long count(JdbcTemplate jdbc, String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
