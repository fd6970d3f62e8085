package cn.tuijin.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.notification.NotificationOutbox;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.system.EngineClock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Follows every task deadline through the events that change it — opened, due soon, overdue, moved, paused,
 * completed — keeping the deadline table, the accountability records, the reminders and the project's light in step,
 * in the transaction of the step that causes the event. The deadlines that pass are marked by the sweep, in sets
 * ({@link DeadlineSweep}); after a timer a diagram draws (due soon, overdue), the reminder and the light follow right
 * after its transaction commits, in batches ({@link DeadlineFollowUps}).
 */
@Service
public class DeadlineTracker {

    private final TaskDeadlineRepository deadlines;
    private final ApplicationEventPublisher events;
    private final NotificationOutbox outbox;
    private final WorkingDayCalendar calendar;
    private final EngineClock clock;
    private final DeadlineFollowUps followUps;
    private final OrgDirectory org;
    private final PlannedWork planned;

    DeadlineTracker(TaskDeadlineRepository deadlines, ApplicationEventPublisher events, NotificationOutbox outbox,
                    WorkingDayCalendar calendar, EngineClock clock, DeadlineFollowUps followUps, OrgDirectory org,
                    PlannedWork planned) {
        this.org = org;
        this.planned = planned;
        this.deadlines = deadlines;
        this.events = events;
        this.outbox = outbox;
        this.calendar = calendar;
        this.clock = clock;
        this.followUps = followUps;
    }

    /**
     * A task with a deadline was created: its holder (the person, or else the unit) is told. {@code processTimer}: the
     * process's own timer marks its passing, not the sweep ({@link DeadlineSweep}).
     */
    public void opened(HeldTask task, boolean processTimer) {
        deadlines.insertIfAbsent(task, clock.now(), provisional(task.dueAt()), processTimer, beforeImport(task.projectCode(), task.dueAt()));
        events.publishEvent(DeadlinesChanged.of(task.projectCode()));
        boolean person = !task.workerUserId().isEmpty();
        outbox.add(task.taskId() + ":" + NotificationOutbox.Event.TASK_ASSIGNED + ":" + (person ? task.workerUserId() : task.holderUnitCode()),
                NotificationOutbox.Event.TASK_ASSIGNED, person ? task.workerUserId() : null, person ? null : task.holderUnitCode(),
                task.projectCode(), task.taskId(), "新任务：" + task.taskName(),
                "「" + task.taskName() + "」已交" + (person ? "由您" : "本单位") + "办理，请在期限内办结。", clock.now());
    }

    /**
     * Someone claimed the task (or gave it back): they now hold it. A task someone else assigned to a person tells
     * that person; a delegate now working a task for its holder is told on whose behalf.
     */
    public void assigned(HeldTask task, String byUser) {
        deadlines.holder(task.taskId(), task.holderUnitCode(), task.holderUserId(), task.actingUserId());
        if (!task.actingUserId().isEmpty()) {
            outbox.add(task.taskId() + ":" + NotificationOutbox.Event.TASK_ASSIGNED + ":" + task.actingUserId() + ":for:" + task.holderUserId(),
                    NotificationOutbox.Event.TASK_ASSIGNED, task.actingUserId(), null, task.projectCode(), task.taskId(),
                    "代办任务：" + task.taskName(), "「" + task.taskName() + "」在委托期间由您代 "
                    + org.displayName(task.holderUserId()) + " 办理，请在期限内办结。",
                    clock.now());
        } else if (!task.holderUserId().isEmpty() && !task.holderUserId().equals(byUser)) {
            outbox.add(task.taskId() + ":" + NotificationOutbox.Event.TASK_ASSIGNED + ":" + task.holderUserId(),
                    NotificationOutbox.Event.TASK_ASSIGNED, task.holderUserId(), null, task.projectCode(), task.taskId(),
                    "新任务：" + task.taskName(), "「" + task.taskName() + "」已由 " + org.displayName(byUser)
                    + " 交由您办理，请在期限内办结。", clock.now());
        }
    }

    /**
     * The task was handed over to another unit (an approved transfer): from now on that unit holds it, nobody of it
     * yet, with the same deadline. A deadline that passes from now on is charged to the new unit; a lateness already
     * recorded stays with the unit that held the task then. The new unit is told.
     */
    public void handedOver(String taskId, String unitCode, String byUser) {
        TaskDeadline deadline = deadlines.find(taskId).orElse(null);
        if (deadline == null) {
            return;
        }
        deadlines.holder(taskId, unitCode, "", "");
        events.publishEvent(DeadlinesChanged.of(deadline.projectCode()));
        outbox.add(taskId + ":" + NotificationOutbox.Event.TASK_ASSIGNED + ":" + unitCode,
                NotificationOutbox.Event.TASK_ASSIGNED, null, unitCode, deadline.projectCode(), taskId,
                "转办任务：" + deadline.taskName(), "「" + deadline.taskName() + "」经重点项目办（"
                        + org.displayName(byUser) + "）同意转交本单位办理，期限不变，请在期限内办结。", clock.now());
    }

    /**
     * The task's warning window has opened (if its timer fired early: nothing, and the time it should fire at): its
     * deadline is marked; the reminder and the light follow once this
     * transaction has committed ({@link DeadlineFollowUps}). {@code live} describes the task from the engine, for a
     * task whose deadline was never recorded.
     */
    public Optional<Instant> dueSoon(String taskId, Supplier<HeldTask> live) {
        Optional<Instant> early = early(taskId, TaskDeadline::warnAt);
        if (early.isPresent()) {
            return early;
        }
        if (!deadlines.dueSoon(taskId, clock.now())) {
            record(live.get());
            deadlines.dueSoon(taskId, clock.now());
        }
        followUps.request();
        return Optional.empty();
    }

    /**
     * The task's deadline has passed (if its timer fired early: nothing, and the time it should fire at): its deadline
     * is marked and its holder's accountability record written; the
     * reminder and the red light follow once this transaction has committed ({@link DeadlineFollowUps}).
     */
    public Optional<Instant> overdue(String taskId, Supplier<HeldTask> live) {
        Optional<Instant> early = early(taskId, TaskDeadline::dueAt);
        if (early.isPresent()) {
            return early;
        }
        if (!deadlines.overdue(taskId, clock.now())) {
            record(live.get());
            deadlines.overdue(taskId, clock.now());
        }
        deadlines.find(taskId).ifPresent(d -> {
            boolean beforeImport = d.beforeImport() || beforeImport(d.projectCode(), d.dueAt());
            if (beforeImport && !d.beforeImport()) {
                deadlines.beforeImport(taskId, true);
            }
            events.publishEvent(new DeadlinePassed(d.held(), beforeImport));
        });
        followUps.request();
        return Optional.empty();
    }

    /**
     * A timer that fires before the deadline it stands for (run by hand, a node's clock ahead, a job retried after an
     * extension moved the deadline) marks and records nothing: the time it should fire at. A paused deadline has no
     * time to fire at until its clock resumes (which arms its timers again).
     */
    private Optional<Instant> early(String taskId, java.util.function.Function<TaskDeadline, Instant> when) {
        return deadlines.find(taskId).filter(d -> d.open()).flatMap(d -> {
            if (d.paused()) {
                return Optional.of(Instant.MAX);
            }
            Instant at = when.apply(d) == null ? d.dueAt() : when.apply(d);
            return clock.now().isBefore(at) ? Optional.of(at) : Optional.empty();
        });
    }

    private void record(HeldTask task) {
        deadlines.insertIfAbsent(task, clock.now(), provisional(task.dueAt()), true);
    }

    /**
     * The claim task came back to its claimant by his own withdrawal (撤回): his unit is not told of it as new work.
     */
    public void withdrawnToClaimant(String taskId) {
        outbox.dropPending(taskId, "申报人本人撤回，任务已退回申报人，不再通知");
    }

    /** The task is done: its deadline closes, and a late task's accountability record gets its completion. */
    public void completed(String taskId, String projectCode) {
        Instant now = clock.now();
        deadlines.close(taskId, now);
        events.publishEvent(new DeadlineWorkDone(taskId, now));
        events.publishEvent(DeadlinesChanged.of(projectCode));
    }

    /**
     * The task was cancelled (its scope ended, its issue went up a level, its claim withdrawn): its deadline closes,
     * and its notices not sent yet are dropped.
     */
    public void cancelled(String taskId, String projectCode) {
        deadlines.close(taskId, clock.now());
        outbox.dropPending(taskId, "任务已撤销，不再发送");
        events.publishEvent(DeadlinesChanged.of(projectCode));
    }

    /** The task has a new deadline (an approved extension, a resumed clock). */
    public void moved(String taskId, String projectCode, Instant warnAt, Instant dueAt) {
        deadlines.move(taskId, warnAt, dueAt, provisional(dueAt));
        deadlines.beforeImport(taskId, beforeImport(projectCode, dueAt));
        events.publishEvent(DeadlinesChanged.of(projectCode));
    }

    /** The task's clock is paused: it no longer counts for the light. */
    public void paused(String taskId, String projectCode) {
        deadlines.pause(taskId, clock.now());
        events.publishEvent(DeadlinesChanged.of(projectCode));
    }

    /** The open deadlines of a project. */
    public List<TaskDeadline> openFor(String projectCode) {
        return deadlines.openForProject(projectCode);
    }

    /** The open deadlines of these projects, read at once. */
    public List<TaskDeadline> openFor(List<String> projectCodes) {
        return deadlines.openForProjects(projectCodes);
    }

    public TaskDeadline get(String taskId) {
        return deadlines.find(taskId).orElse(null);
    }

    /**
     * Whether a deadline due then was already past when its project was imported, the project office having chosen
     * 导入前已逾期 for that import (asked only of a deadline already past now).
     */
    private boolean beforeImport(String projectCode, Instant dueAt) {
        return dueAt.isBefore(clock.now()) && planned.lateBeforeImport(projectCode).map(dueAt::isBefore).orElse(false);
    }

    private boolean provisional(Instant dueAt) {
        return calendar.isProvisional(day(dueAt)) || calendar.isProvisional(clock.today());
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, WorkingDayCalendar.ZONE);
    }
}
