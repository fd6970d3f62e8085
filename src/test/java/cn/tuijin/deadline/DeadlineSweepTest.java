package cn.tuijin.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import cn.tuijin.TuijinProcessTest;
import cn.tuijin.light.Light;
import cn.tuijin.light.LightService;
import cn.tuijin.notification.NotificationOutbox;
import cn.tuijin.project.LifecycleTestSupport;
import cn.tuijin.project.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deadlines due at one instant, more than a batch of them, swept by two nodes at once and by a node that stops in the
 * middle of its batch: each is marked, recorded and reminded exactly once, and its project turns red.
 */
@TuijinProcessTest
class DeadlineSweepTest extends LifecycleTestSupport {

    private static final int COUNT = DeadlineSweep.BATCH * 2 + 137;
    private static final LocalDateTime DUE = LocalDateTime.of(2026, 12, 11, 23, 59, 59);

    @Autowired TaskDeadlineRepository repository;
    @Autowired DeadlineFollowUps followUps;
    @Autowired NotificationOutbox outbox;
    @Autowired ApplicationEventPublisher events;
    @Autowired PlatformTransactionManager transactions;
    @Autowired LightService lights;

    private final List<String> projectCodes = new ArrayList<>();
    private String prefix;

    @BeforeEach
    void deadlinesDueAtOneInstant() {
        clockAt(LocalDateTime.of(2026, 12, 7, 10, 0));
        sweep.sweep();   // whatever earlier tests left due by now
        prefix = "SWEEP-" + System.nanoTime() + "-";
        for (int p = 0; p < 3; p++) {
            projectCodes.add(newProject(Stage.NEGOTIATING, LocalDate.of(2026, 12, 11), LocalDate.of(2027, 3, 1)));
        }
        Instant due = DUE.atZone(cn.tuijin.calendar.WorkingDayCalendar.ZONE).toInstant();
        for (int i = 0; i < COUNT; i++) {
            // Each its own process instance: a milestone's lateness is recorded once per instance, not once per task.
            repository.insertIfAbsent(new HeldTask(projectCodes.get(i % 3), prefix + "instance-" + i, prefix + i, "Task_ClaimSigning",
                    "申报签约（测试）", DeadlineKind.MILESTONE, "zjj", "", due.minus(Duration.ofDays(5)), due), clock.now(), false, false);
        }
    }

    @AfterEach
    void removeThem() {
        String like = prefix + "%";
        jdbc.update("delete from notification_delivery where outbox_id in (select id from notification_outbox where task_id like ?)", like);
        jdbc.update("delete from notification_outbox where task_id like ?", like);
        jdbc.update("delete from accountability_record where task_id like ?", like);
        jdbc.update("delete from task_deadline where task_id like ?", like);
        lights.refresh(projectCodes);
    }

    @Test
    void twoNodesSweepingAStormAtOnceMarkRecordAndRemindEachDeadlineOnce() throws Exception {
        clockAt(DUE.plusSeconds(1));
        DeadlineSweep otherNode = new DeadlineSweep(repository, followUps, outbox, events, clock, transactions);

        int swept = onTwoThreads(sweep::sweep, otherNode::sweep);

        assertThat(swept).as("marks set by both nodes together").isGreaterThanOrEqualTo(COUNT);
        assertThat(count("select count(*) from task_deadline where task_id like ? and overdue and due_soon")).isEqualTo(COUNT);
        assertThat(count("select count(*) from accountability_record where task_id like ?")).isEqualTo(COUNT);
        assertThat(count("select count(distinct task_id) from accountability_record where task_id like ?")).isEqualTo(COUNT);
        assertThat(count("select count(*) from notification_outbox where task_id like ? and event = 'OVERDUE'")).isEqualTo(COUNT);
        assertThat(count("select count(*) from notification_outbox where task_id like ? and event = 'DUE_SOON'"))
                .as("a deadline found past due is not also reminded as due soon").isZero();
        assertThat(projectCodes).allSatisfy(code -> assertThat(lights.get(code).light()).isEqualTo(Light.RED));

        assertThat(sweep.sweep() + otherNode.sweep()).as("nothing left to take twice").isZero();
    }

    @Test
    void aNodeStoppingInTheMiddleOfItsBatchLeavesItsDeadlinesToTheNextSweep() throws Exception {
        clockAt(DUE.plusSeconds(1));
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService node = Executors.newSingleThreadExecutor();
        try {
            // The first node takes a batch (its rows locked) and stops before it commits.
            Future<?> stopped = node.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                assertThat(repository.takeDue(clock.now(), DeadlineSweep.BATCH)).hasSize(DeadlineSweep.BATCH);
                taken.countDown();
                await(stop);
                tx.setRollbackOnly();
            }));
            assertThat(taken.await(30, TimeUnit.SECONDS)).isTrue();

            sweep.sweep();
            assertThat(count("select count(*) from task_deadline where task_id like ? and overdue"))
                    .as("the other node skips the rows held by the stopped one").isEqualTo(COUNT - DeadlineSweep.BATCH);

            stop.countDown();
            stopped.get(30, TimeUnit.SECONDS);
            sweep.sweep();
        } finally {
            node.shutdownNow();
        }
        assertThat(count("select count(*) from task_deadline where task_id like ? and overdue")).isEqualTo(COUNT);
        assertThat(count("select count(*) from accountability_record where task_id like ?")).isEqualTo(COUNT);
        assertThat(count("select count(*) from notification_outbox where task_id like ? and event = 'OVERDUE'")).isEqualTo(COUNT);
    }

    @Test
    void aPausedDeadlineAProcessTimersDeadlineAndOneNotYetDueAreLeftAlone() {
        String paused = prefix + 0;
        String byProcess = prefix + 1;
        String later = prefix + 2;
        repository.pause(paused, clock.now());
        jdbc.update("update task_deadline set process_timer = true where task_id = ?", byProcess);
        jdbc.update("update task_deadline set due_at = ? where task_id = ?",
                java.sql.Timestamp.valueOf(DUE.plusDays(3)), later);

        clockAt(DUE.plusSeconds(1));
        sweep.sweep();

        assertThat(repository.find(paused).orElseThrow().overdue()).isFalse();
        assertThat(repository.find(byProcess).orElseThrow().overdue()).isFalse();
        assertThat(repository.find(byProcess).orElseThrow().dueSoon()).as("its warning is the sweep's").isTrue();
        assertThat(repository.find(later).orElseThrow().overdue()).isFalse();
        assertThat(repository.find(later).orElseThrow().dueSoon()).isTrue();
        assertThat(count("select count(*) from accountability_record where task_id like ?")).isEqualTo(COUNT - 3);
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where task_id = ? and event = 'DUE_SOON'",
                Integer.class, later)).isEqualTo(1);
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class, prefix + "%");
    }

    private static int onTwoThreads(java.util.concurrent.Callable<Integer> a, java.util.concurrent.Callable<Integer> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<Integer> first = pool.submit(() -> {
                start.await();
                return a.call();
            });
            Future<Integer> second = pool.submit(() -> {
                start.await();
                return b.call();
            });
            start.countDown();
            return first.get(60, TimeUnit.SECONDS) + second.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
