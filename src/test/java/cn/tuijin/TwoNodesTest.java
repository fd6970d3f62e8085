package cn.tuijin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.tuijin.deadline.DeadlineSweep;
import cn.tuijin.project.LifecycleService;
import cn.tuijin.system.EngineClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes of a production installation on one PostgreSQL (Camunda's clustering: nothing shared but the database).
 * Ten thousand deadlines fall due at the same instant; both nodes sweep them at once, each marking a batch at a time and
 * skipping the rows the other holds; each deadline is processed exactly once: one overdue mark, one accountability
 * record, one overdue reminder, a red light, and both nodes did part of the work. Runs in the build's PostgreSQL test
 * run (tag {@code postgresql}); {@code -Dtuijin.test.storm=N} changes N.
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

    /**
     * A node whose sweep the test runs (as its schedule would, back to back), so that it can tell how many deadlines
     * each node marked: its own schedule waits an hour.
     */
    private ConfigurableApplicationContext node(String name, Map<String, Object> database, boolean seed) {
        String[] arguments = TestPostgres.nodeArguments(database, name, seed, 0, Map.of("tuijin.deadlines.sweep-interval", "1h"))
                .toArray(String[]::new);
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
        // due at the end of the planned day, its deadline in the deadline table.
        String template = "XM-2026-003";
        List<String> codes = Rows.negotiatingCopies(jdbc, template, "ST-", DEADLINES, planned, planned.plusMonths(3));
        assertThat(codes).hasSize(DEADLINES);
        startLifecycles(codes, first.getBean(LifecycleService.class), second.getBean(LifecycleService.class));
        assertThat(count(jdbc, "select count(*) from task_deadline where project_code like 'ST-%' and status = 'OPEN'")).isEqualTo(DEADLINES);
        long openTasks = count(jdbc, OPEN_TASKS);

        // The day after the planned day: every claim is overdue at once, on both nodes' clock; both nodes sweep.
        clock.startAt(planned.plusDays(1).atTime(9, 0).atZone(EngineClock.ZONE).toInstant());
        long started = System.nanoTime();
        Map<String, Long> byNode = sweepOnBoth(Map.of("node1", first.getBean(DeadlineSweep.class), "node2", second.getBean(DeadlineSweep.class)),
                () -> count(jdbc, "select count(*) from task_deadline where project_code like 'ST-%' and overdue") == DEADLINES);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(count(jdbc, "select count(*) from accountability_record where project_code like 'ST-%'")).isEqualTo(DEADLINES);
        assertThat(count(jdbc, "select count(distinct task_id) from accountability_record where project_code like 'ST-%'")).isEqualTo(DEADLINES);
        assertThat(count(jdbc, "select count(*) from task_deadline where project_code like 'ST-%' and overdue")).isEqualTo(DEADLINES);
        assertThat(count(jdbc, "select count(*) from notification_outbox where project_code like 'ST-%' and event = 'OVERDUE'")).isEqualTo(DEADLINES);
        assertThat(count(jdbc, "select count(*) from notification_outbox where project_code like 'ST-%' and event = 'DUE_SOON'"))
                .as("found past due: not also reminded as due soon").isZero();
        assertThat(count(jdbc, "select count(*) from project_light where project_code like 'ST-%' and light = 'RED'")).isEqualTo(DEADLINES);
        // Passing a deadline moves no work on: the open tasks are the same, no duplicate came out.
        assertThat(count(jdbc, OPEN_TASKS)).isEqualTo(openTasks);
        assertThat(count(jdbc, "select count(*) from act_ru_incident")).isZero();
        // Both nodes marked some (the demo city's deadlines past by then too: at least the storm between them).
        assertThat(byNode.values().stream().mapToLong(Long::longValue).sum()).as("marked by both nodes").isGreaterThanOrEqualTo(DEADLINES);
        assertThat(byNode.values()).as("deadlines each node marked: %s", byNode).allMatch(n -> n > 0);
        System.out.printf("TwoNodesTest: %,d deadlines processed by two nodes in %.1f s (%.0f/s), per node %s%n",
                DEADLINES, seconds, DEADLINES / seconds, byNode);
    }

    /**
     * Runs each node's sweep on a thread of its own, back to back, until {@code done}; returns how many deadlines each
     * node marked.
     */
    private static Map<String, Long> sweepOnBoth(Map<String, DeadlineSweep> nodes, java.util.function.BooleanSupplier done)
            throws Exception {
        Map<String, Long> byNode = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try {
            List<Future<?>> runs = new ArrayList<>();
            nodes.forEach((name, sweep) -> runs.add(pool.submit(() -> {
                go.await();
                while (!done.getAsBoolean() && System.nanoTime() < deadline) {
                    byNode.merge(name, (long) sweep.sweep(), Long::sum);
                }
                return null;
            })));
            go.countDown();
            for (Future<?> run : runs) {
                run.get(11, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdown();
        }
        return byNode;
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
