package cn.tuijin.deadline;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.notification.NotificationOutbox;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.system.EngineClock;
import jakarta.annotation.PreDestroy;
import org.camunda.bpm.engine.impl.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What follows a deadline timer, in batches: the holder's reminder (due soon, overdue) and the project's light.
 *
 * <p>A timer's job marks its deadline (a row in {@code deadline_followup}) and writes the accountability record; when the job
 * has committed, the follow-ups of every marked deadline run, a few hundred per transaction: their reminders go to the
 * outbox and the lights of their projects are computed together. When many deadlines pass at once (a storm: thousands
 * of claims due the same evening), the job executor's threads go on firing timers while one follow-up thread takes
 * the marks in batches, so the engine's jobs stay short and the lights and reminders need a few statements per
 * hundred deadlines. A deadline is taken by one transaction only (the mark is cleared in the transaction that writes its
 * reminder), so two nodes never remind twice; a node stopping between the job and its follow-up leaves the mark, and
 * the next follow-up on any node (after any timer, or the periodic one) takes it.
 */
@Component
public class DeadlineFollowUps {

    private static final Logger log = LoggerFactory.getLogger(DeadlineFollowUps.class);
    private static final DateTimeFormatter DAY = ExtensionService.DAY;
    private static final int BATCH = 200;
    /** How long the follow-up thread lets the marks of running jobs gather before it takes them. */
    private static final long GATHER_MILLIS = 100;

    private final TaskDeadlineRepository deadlines;
    private final NotificationOutbox outbox;
    private final ApplicationEventPublisher events;
    private final WorkingDayCalendar calendar;
    private final EngineClock clock;
    private final TransactionTemplate transaction;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deadline-followups");
        t.setDaemon(true);
        return t;
    });

    private final OrgDirectory org;

    DeadlineFollowUps(TaskDeadlineRepository deadlines, NotificationOutbox outbox, ApplicationEventPublisher events,
                      WorkingDayCalendar calendar, EngineClock clock, PlatformTransactionManager transactions, OrgDirectory org) {
        this.org = org;
        this.deadlines = deadlines;
        this.outbox = outbox;
        this.events = events;
        this.calendar = calendar;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * A deadline was marked in the current transaction: its follow-ups run once that transaction has committed — in
     * the same thread when a person's action or a test fired the timer, or on the follow-up thread when the job
     * executor did, which waits a moment first so that the marks of many jobs go into one batch.
     */
    void request() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            runNow();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return; // already registered for this transaction
        }
        boolean jobExecutor = Context.getJobExecutorContext() != null;
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(DeadlineFollowUps.this);
                if (status == STATUS_COMMITTED) {
                    if (jobExecutor) {
                        runSoon();
                    } else {
                        runNow();
                    }
                }
            }
        });
    }

    /** Runs the follow-ups of every marked deadline now, in this thread (unless this node is running them already). */
    public void runPending() {
        requested.set(true);
        while (requested.get() && running.tryLock()) {
            try {
                while (requested.getAndSet(false)) {
                    while (runBatch() == BATCH) {
                        // more marks may wait
                    }
                }
            } finally {
                running.unlock();
            }
        }
    }

    private void runNow() {
        try {
            runPending();
        } catch (RuntimeException e) {
            // The marks stay; the next follow-up (after another timer, or the periodic one) takes them.
            log.warn("逾期提醒与红黄绿灯的后续处理失败，稍后重试：{}", e.toString());
        }
    }

    /** Asks the follow-up thread to run in {@link #GATHER_MILLIS}, unless it is asked already. */
    private void runSoon() {
        if (scheduled.compareAndSet(false, true)) {
            thread.schedule(() -> {
                scheduled.set(false);
                runNow();
            }, GATHER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }

    /** Deadlines marked and not yet followed up (the storm benchmark and the tests wait for none). */
    public long pending() {
        return deadlines.pendingFollowUpCount();
    }

    /** One transaction: up to a batch of marked deadlines; returns how many marks it found. */
    private int runBatch() {
        try {
            Integer found = transaction.execute(tx -> followUp(deadlines.pendingFollowUps(BATCH)));
            return found == null ? 0 : found;
        } catch (RuntimeException e) {
            // A deadline that cannot be followed up must not hold up the others: each on its own transaction; those
            // that fail stay marked (and logged) for the next run.
            List<String> marked = deadlines.pendingFollowUps(BATCH);
            int failed = 0;
            for (String taskId : marked) {
                try {
                    transaction.execute(tx -> followUp(List.of(taskId)));
                } catch (RuntimeException single) {
                    failed++;
                    log.error("任务 {} 的逾期提醒与红黄绿灯处理失败：{}", taskId, single.toString());
                }
            }
            if (failed == marked.size()) {
                throw e;
            }
            return marked.size();
        }
    }

    /** The reminders and lights of these marked deadlines, those no other transaction took first; returns how many. */
    int followUp(List<String> marked) {
        if (marked.isEmpty()) {
            return 0;
        }
        List<NotificationOutbox.Reminder> reminders = new ArrayList<>();
        Set<String> projects = new LinkedHashSet<>();
        // Read once taken: a timer that marked a deadline after it was picked (due soon, then overdue) has committed by
        // now, or its mark is still there for the next follow-up.
        for (TaskDeadline d : deadlines.find(deadlines.takeFollowUps(marked))) {
            projects.add(d.projectCode());
            reminders.addAll(remindersOf(d));
        }
        outbox.addAll(reminders);
        events.publishEvent(new DeadlinesChanged(projects));
        log.debug("逾期提醒与红黄绿灯：{} 项，{} 个项目", reminders.size(), projects.size());
        return marked.size();
    }

    /** The reminders a marked deadline gives: its holder's, and a copy to a holder away whose delegate let it run late. */
    List<NotificationOutbox.Reminder> remindersOf(TaskDeadline d) {
        List<NotificationOutbox.Reminder> reminders = new ArrayList<>(2);
        reminder(d).ifPresent(reminders::add);
        copyToHolderAway(d).ifPresent(reminders::add);
        return reminders;
    }

    /** The reminder a marked deadline gives its holder: none once the task is done or its clock paused. */
    private Optional<NotificationOutbox.Reminder> reminder(TaskDeadline d) {
        if (!d.open() || d.paused() || !(d.overdue() || d.dueSoon())) {
            return Optional.empty();
        }
        LocalDate due = LocalDate.ofInstant(d.dueAt(), WorkingDayCalendar.ZONE);
        NotificationOutbox.Event event;
        String subject;
        String body;
        if (d.overdue()) {
            event = NotificationOutbox.Event.OVERDUE;
            subject = "已逾期：" + d.taskName();
            body = "「" + d.taskName() + "」已于" + DAY.format(due) + "到期，现已逾期，已记入问责记录。请立即办理。";
        } else {
            event = NotificationOutbox.Event.DUE_SOON;
            subject = "即将到期：" + d.taskName();
            body = "「" + d.taskName() + "」将于" + DAY.format(due) + "到期，还剩 " + calendar.workingDaysBetween(clock.today(), due)
                    + " 个工作日，请抓紧办理。";
        }
        String worker = d.actingUserId().isEmpty() ? d.holderUserId() : d.actingUserId();
        String user = worker.isEmpty() ? null : worker;
        return Optional.of(new NotificationOutbox.Reminder(reminderKey(d) + ":" + event + ":" + d.dueAt().toEpochMilli(), event, user,
                user == null ? d.holderUnitCode() : null, d.projectCode(), d.taskId(), subject, body, clock.now()));
    }

    /**
     * A holder away (委托) whose delegate let the work run late gets a copy of the overdue reminder: the record is
     * written against him.
     */
    private Optional<NotificationOutbox.Reminder> copyToHolderAway(TaskDeadline d) {
        if (d.actingUserId().isEmpty() || d.holderUserId().isEmpty() || !d.open() || d.paused() || !d.overdue()) {
            return Optional.empty();
        }
        LocalDate due = LocalDate.ofInstant(d.dueAt(), WorkingDayCalendar.ZONE);
        return Optional.of(new NotificationOutbox.Reminder(reminderKey(d) + ":" + NotificationOutbox.Event.OVERDUE + ":"
                + d.dueAt().toEpochMilli() + ":copy", NotificationOutbox.Event.OVERDUE, d.holderUserId(), null, d.projectCode(),
                d.taskId(), "已逾期（抄送）：" + d.taskName(), "您委托 " + name(d.actingUserId()) + " 代为办理的「" + d.taskName() + "」已于"
                + DAY.format(due) + "到期，现已逾期，已记入问责记录（责任人为您，代办人 " + name(d.actingUserId()) + "）。", clock.now()));
    }

    /**
     * What a reminder is once for: the task; for a milestone claim the step of its lifecycle, since a claim withdrawn
     * (撤回) or returned (退回) comes back as a new task with the deadline it had missed, which its holder was already
     * told of. (Tasks of other kinds may run side by side at one step with one deadline, each told of its own.)
     */
    private static String reminderKey(TaskDeadline d) {
        return d.kind() == DeadlineKind.MILESTONE ? d.processInstanceId() + ":" + d.activityId() : d.taskId();
    }

    private String name(String userId) {
        return org.displayName(userId);
    }
}
