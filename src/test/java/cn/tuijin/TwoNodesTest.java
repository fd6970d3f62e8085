package cn.tuijin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * Two nodes of a production installation on one PostgreSQL (Camunda's clustering: nothing shared but the database),
 * both with their job executors running. Ten thousand deadlines fall due at the same instant; each is processed
 * exactly once: one overdue mark, one accountability record, one overdue reminder, and both nodes did part of the
 * work. Runs in the build's PostgreSQL test run (tag {@code postgresql}); {@code -Dtuijin.test.storm=N} changes N.
 */
@Tag("postgresql")
class TwoNodesTest {

    private static final int DEADLINES = Integer.getInteger("tuijin.test.storm", 10_000);
    /** Planned signing of the storm's projects: the claim is due at the end of that day. */

    private static final String OPEN_TASKS = """
            select count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_
            where e.business_key_ like 'ST-%'""";

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stopTheNodes() {
        if (!nodes.isEmpty()) {
            nodes.get(0).getBean(EngineClock.class).reset();
        }
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext node(String name, Map<String, Object> database, boolean seed) {
        String[] arguments = TestPostgres.nodeArguments(database, name, seed, 0, Map.of()).toArray(String[]::new);
        ConfigurableApplicationContext node = new SpringApplicationBuilder(TuijinApplication.class).run(arguments);
        nodes.add(node);
        return node;
    }

    @Test
    void tenThousandDeadlinesDueAtOnceAreEachProcessedOnceByTwoNodes() throws Exception {
        Map<String, Object> database = TestPostgres.newDatabase();
        ConfigurableApplicationContext first = node("node1", database, true);
        ConfigurableApplicationContext second = node("node2", database, false);
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        // Both nodes of this JVM share the engine clock: three weeks from the suite's day, whatever that day is.
        EngineClock clock = first.getBean(EngineClock.class);
        LocalDate planned = clock.today().plusWeeks(3);

        // Ten thousand projects in negotiation, copies of a demo project, each with its lifecycle: a claim of signing
        // due at the end of the planned day, with its boundary timers.
        String template = "XM-2026-003";
        List<String> codes = Rows.negotiatingCopies(jdbc, template, "ST-", DEADLINES, planned, planned.plusMonths(3));
        assertThat(codes).hasSize(DEADLINES);
        startLifecycles(codes, first.getBean(LifecycleService.class), second.getBean(LifecycleService.class));
        assertThat(count(jdbc, "select count(*) from task_deadline where project_code like 'ST-%' and status = 'OPEN'")).isEqualTo(DEADLINES);
        long openTasks = count(jdbc, OPEN_TASKS);

        // The day after the planned day: every claim is overdue at once, on both nodes' clock.
        clock.startAt(planned.plusDays(1).atTime(9, 0).atZone(EngineClock.ZONE).toInstant());
        long started = System.nanoTime();
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count(jdbc, "select count(*) from task_deadline where project_code like 'ST-%' and overdue") == DEADLINES
                        && count(jdbc, "select count(*) from accountability_record where project_code like 'ST-%'") == DEADLINES
                        // the reminders and lights follow the jobs in batches
                        && count(jdbc, "select count(*) from deadline_followup") == 0);
        double seconds = (System.nanoTime() - started) / 1e9;
        // Let any job still running finish, then look for doubles.
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> count(jdbc, """
                select count(*) from act_ru_job j join act_ru_execution e on e.id_ = j.execution_id_
                where j.lock_owner_ is not null and e.business_key_ like 'ST-%'""") == 0);

        assertThat(count(jdbc, "select count(*) from accountability_record where project_code like 'ST-%'")).isEqualTo(DEADLINES);
        assertThat(count(jdbc, "select count(distinct task_id) from accountability_record where project_code like 'ST-%'")).isEqualTo(DEADLINES);
        assertThat(count(jdbc, "select count(*) from task_deadline where project_code like 'ST-%' and overdue")).isEqualTo(DEADLINES);
        assertThat(count(jdbc, "select count(*) from notification_outbox where project_code like 'ST-%' and event = 'OVERDUE'")).isEqualTo(DEADLINES);
        assertThat(count(jdbc, "select count(*) from project_light where project_code like 'ST-%' and light = 'RED'")).isEqualTo(DEADLINES);
        // The timers are non-interrupting and create no task: the open tasks are the same, no duplicate came out.
        assertThat(count(jdbc, OPEN_TASKS)).isEqualTo(openTasks);
        assertThat(count(jdbc, "select count(*) from act_ru_incident")).isZero();
        // Each overdue timer ran successfully exactly once, and both nodes ran some (the job log names the node:
        // its address and engine name).
        Map<String, Long> byNode = new HashMap<>();
        jdbc.query("""
                select l.hostname_, count(*) from act_hi_job_log l join act_hi_procinst p on p.id_ = l.process_instance_id_
                where p.business_key_ like 'ST-%' and l.act_id_ like 'BoundaryEvent_%Overdue' and l.job_state_ = 2
                group by l.hostname_""", rs -> {
            byNode.put(rs.getString(1), rs.getLong(2));
        });
        assertThat(byNode.values().stream().mapToLong(Long::longValue).sum()).as("successful overdue timers").isEqualTo(DEADLINES);
        assertThat(byNode.keySet()).as("nodes that fired them: %s", byNode).hasSize(2);
        assertThat(byNode.values()).allMatch(n -> n > 0);
        System.out.printf("TwoNodesTest: %,d deadlines processed by two nodes in %.1f s (%.0f/s), per node %s%n",
                DEADLINES, seconds, DEADLINES / seconds, byNode);
    }

    /** Starts the lifecycles on both nodes at once, half each. */
    private static void startLifecycles(List<String> codes, LifecycleService one, LifecycleService two) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int slice = t;
                LifecycleService lifecycle = t % 2 == 0 ? one : two;
                done.add(pool.submit(() -> {
                    for (int i = slice; i < codes.size(); i += 4) {
                        lifecycle.start(codes.get(i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
