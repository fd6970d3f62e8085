package cn.tuijin.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import cn.tuijin.system.EngineClock;
import org.springframework.stereotype.Service;

/**
 * Follows every task deadline through the events that change it — opened, due soon, overdue, moved, paused,
 * completed — keeping the deadline table, the accountability records, the reminders and the project's light in step,
 * in the transaction of the step that causes the event.
 */
@Service
public class DeadlineTracker {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final TaskDeadlineRepository deadlines;
    private final AccountabilityService accountability;
    private final NotificationOutbox outbox;
    private final LightService lights;
    private final WorkingDayCalendar calendar;
    private final EngineClock clock;

    DeadlineTracker(TaskDeadlineRepository deadlines, AccountabilityService accountability, NotificationOutbox outbox,
                    LightService lights, WorkingDayCalendar calendar, EngineClock clock) {
        this.deadlines = deadlines;
        this.accountability = accountability;
        this.outbox = outbox;
        this.lights = lights;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** A task with a deadline was created: its holder (the person, or else the unit) is told. */
    public void opened(HeldTask task) {
        deadlines.insertIfAbsent(task, clock.now(), provisional(task.dueAt()));
        lights.refresh(task.projectCode());
        boolean person = !task.holderUserId().isEmpty();
        outbox.add(task.taskId() + ":" + NotificationOutbox.Event.TASK_ASSIGNED + ":" + (person ? task.holderUserId() : task.holderUnitCode()),
                NotificationOutbox.Event.TASK_ASSIGNED, person ? task.holderUserId() : null, person ? null : task.holderUnitCode(),
                task.projectCode(), task.taskId(), "新任务：" + task.taskName(),
                "「" + task.taskName() + "」已交" + (person ? "由您" : "本单位") + "办理，请在期限内办结。", clock.now());
    }

    /**
     * Someone claimed the task (or gave it back): they now hold it. A task someone else assigned to a person tells
     * that person.
     */
    public void assigned(HeldTask task, String byUser) {
        deadlines.holder(task.taskId(), task.holderUnitCode(), task.holderUserId());
        if (!task.holderUserId().isEmpty() && !task.holderUserId().equals(byUser)) {
            outbox.add(task.taskId() + ":" + NotificationOutbox.Event.TASK_ASSIGNED + ":" + task.holderUserId(),
                    NotificationOutbox.Event.TASK_ASSIGNED, task.holderUserId(), null, task.projectCode(), task.taskId(),
                    "新任务：" + task.taskName(), "「" + task.taskName() + "」已由 " + byUser + " 交由您办理，请在期限内办结。", clock.now());
        }
    }

    /** The task's warning window has opened. */
    public void dueSoon(HeldTask task) {
        deadlines.dueSoon(task.taskId());
        LocalDate due = day(task.dueAt());
        int left = calendar.workingDaysBetween(clock.today(), due);
        remind(task, NotificationOutbox.Event.DUE_SOON, "即将到期：" + task.taskName(),
                "「" + task.taskName() + "」将于" + DAY.format(due) + "到期，还剩 " + left + " 个工作日，请抓紧办理。");
        lights.refresh(task.projectCode());
    }

    /** The task's deadline has passed: the holder's accountability record, a reminder, a red light. */
    public void overdue(HeldTask task) {
        deadlines.overdue(task.taskId());
        accountability.overdue(task);
        remind(task, NotificationOutbox.Event.OVERDUE, "已逾期：" + task.taskName(),
                "「" + task.taskName() + "」已于" + DAY.format(day(task.dueAt())) + "到期，现已逾期，已记入问责记录。请立即办理。");
        lights.refresh(task.projectCode());
    }

    /** The task is done: its deadline closes, and a late task's accountability record gets its completion. */
    public void completed(String taskId, String projectCode) {
        Instant now = clock.now();
        deadlines.close(taskId, now);
        accountability.completed(taskId, now);
        lights.refresh(projectCode);
    }

    /** The task was cancelled (its scope ended, its issue went up a level): its deadline closes. */
    public void cancelled(String taskId, String projectCode) {
        deadlines.close(taskId, clock.now());
        lights.refresh(projectCode);
    }

    /** The task has a new deadline (an approved extension, a resumed clock). */
    public void moved(String taskId, String projectCode, Instant warnAt, Instant dueAt) {
        deadlines.move(taskId, warnAt, dueAt, provisional(dueAt), clock.now());
        lights.refresh(projectCode);
    }

    /** The task's clock is paused: it no longer counts for the light. */
    public void paused(String taskId, String projectCode) {
        deadlines.pause(taskId, clock.now());
        lights.refresh(projectCode);
    }

    public TaskDeadline get(String taskId) {
        return deadlines.find(taskId).orElse(null);
    }

    private void remind(HeldTask task, NotificationOutbox.Event event, String subject, String body) {
        String user = task.holderUserId().isEmpty() ? null : task.holderUserId();
        outbox.add(task.taskId() + ":" + event + ":" + task.dueAt().toEpochMilli(), event, user,
                user == null ? task.holderUnitCode() : null, task.projectCode(), task.taskId(), subject, body, clock.now());
    }

    private boolean provisional(Instant dueAt) {
        return calendar.isProvisional(day(dueAt)) || calendar.isProvisional(clock.today());
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, WorkingDayCalendar.ZONE);
    }
}
