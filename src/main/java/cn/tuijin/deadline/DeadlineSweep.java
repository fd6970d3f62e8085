package cn.tuijin.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import cn.tuijin.notification.NotificationOutbox;
import cn.tuijin.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deadlines pass in sets: the open deadlines whose due time has come are marked overdue, their holders' accountability
 * records written, their reminders queued and their projects' lights turned red, a batch at a time, each batch in one
 * transaction; then likewise the deadlines whose warning time has come (due soon: reminder, yellow light).
 *
 * <p>Passing a deadline does not move the work on (the task stays with its holder, only later), so it is not an
 * engine timer per task: a storm of a hundred thousand deadlines due the same evening costs a few statements per
 * batch instead of a job per task. Where the process itself moves on when the deadline passes (an issue climbs a
 * level, a supervision notice goes to the leader), the diagram's timer does it and records the passing, and the sweep
 * leaves that deadline alone ({@code process_timer}).
 *
 * <p>Every node sweeps every few seconds ({@link FollowUpSchedule}). A batch locks the rows it takes and skips rows
 * another node holds, so nodes share a storm and never take the same deadline; a node stopping in the middle of a
 * batch leaves its rows unmarked (the transaction never committed) for the next sweep, on any node. Each deadline is
 * therefore marked, recorded and reminded exactly once.
 */
@Component
public class DeadlineSweep {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweep.class);
    static final int BATCH = 500;
    /** A deadline whose processing failed is tried again after this. */
    static final Duration RETRY_FAILED = Duration.ofMinutes(10);

    private final TaskDeadlineRepository deadlines;
    private final DeadlineFollowUps followUps;
    private final NotificationOutbox outbox;
    private final ApplicationEventPublisher events;
    private final EngineClock clock;
    private final TransactionTemplate transaction;
    private final ReentrantLock running = new ReentrantLock();

    DeadlineSweep(TaskDeadlineRepository deadlines, DeadlineFollowUps followUps, NotificationOutbox outbox,
                  ApplicationEventPublisher events, EngineClock clock, PlatformTransactionManager transactions) {
        this.deadlines = deadlines;
        this.followUps = followUps;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Marks every deadline whose due or warning time has come by now, batch after batch, and returns how many (none if
     * this node is sweeping already).
     */
    public int sweep() {
        if (!running.tryLock()) {
            return 0;
        }
        try {
            Instant now = clock.now();
            int swept = 0;
            int n;
            do {
                n = batch(now, true);
                swept += n;
            } while (n == BATCH);
            do {
                n = batch(now, false);
                swept += n;
            } while (n == BATCH);
            if (swept > 0) {
                log.info("期限扫描：{} 项期限已过或临近", swept);
            }
            return swept;
        } finally {
            running.unlock();
        }
    }

    /**
     * One transaction: up to a batch of deadlines overdue (or due soon) by {@code now}; returns how many it took. A batch
     * that fails is tried again one deadline at a time, so that a deadline that cannot be processed does not hold up
     * the others: it is logged and left for {@link #RETRY_FAILED} (a transient fault, a deadlock between two nodes'
     * batches, gets its next try on the next sweep in any case).
     */
    private int batch(Instant now, boolean overdue) {
        try {
            Integer n = transaction.execute(tx -> process(overdue ? deadlines.takeDue(now, BATCH, null) : deadlines.takeWarned(now, BATCH, null), overdue));
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            List<String> ids = overdue ? deadlines.dueIds(now, BATCH) : deadlines.warnedIds(now, BATCH);
            log.warn("期限扫描：一批 {} 项处理失败，逐项重试：{}", ids.size(), e.toString());
            for (String id : ids) {
                try {
                    transaction.execute(tx -> process(overdue ? deadlines.takeDue(now, 1, id) : deadlines.takeWarned(now, 1, id), overdue));
                } catch (RuntimeException single) {
                    log.error("期限扫描：任务 {} 的期限处理失败，{} 后重试：{}", id, RETRY_FAILED, single.toString());
                    transaction.executeWithoutResult(tx -> deadlines.sweepFailed(id, now));
                }
            }
            return ids.size();
        }
    }

    /** Marks, records, reminds and lights the deadlines taken (locked) by this transaction; returns how many. */
    private int process(List<String> taken, boolean overdue) {
        if (taken.isEmpty()) {
            return 0;
        }
        if (overdue) {
            deadlines.markOverdue(taken);
        } else {
            deadlines.markDueSoon(taken);
        }
        List<NotificationOutbox.Reminder> reminders = new ArrayList<>();
        List<DeadlinePassed> passed = new ArrayList<>();
        Set<String> projects = new LinkedHashSet<>();
        for (TaskDeadline d : deadlines.find(taken)) {
            projects.add(d.projectCode());
            reminders.addAll(followUps.remindersOf(d));
            if (overdue) {
                passed.add(new DeadlinePassed(d.held(), d.beforeImport()));
            }
        }
        if (overdue) {
            events.publishEvent(new DeadlinesPassed(passed));
        }
        outbox.addAll(reminders);
        events.publishEvent(new DeadlinesChanged(projects));
        return taken.size();
    }
}
