package cn.tuijin.deadline;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.SystemActions;
import cn.tuijin.system.TextInput;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The paused clock: while a task waits on someone outside the government (the enterprise must supply documents),
 * its holder pauses it with a reason; paused working days do not count. On resume the task gets the working days it
 * had left, counted from the day of resumption, and its timers are set again. Both events are comments in the
 * task's history and rows of task_pause.
 */
@Service
public class PauseService {

    private static final DateTimeFormatter DAY = ExtensionService.DAY;

    private final JdbcTemplate jdbc;
    private final TaskAccess access;
    private final DeadlineTracker tracker;
    private final DeadlineMover mover;
    private final WorkingDayCalendar calendar;
    private final TaskService tasks;
    private final SystemActions system;
    private final EngineClock clock;
    private final OrgDirectory org;

    PauseService(JdbcTemplate jdbc, TaskAccess access, DeadlineTracker tracker, DeadlineMover mover,
                 WorkingDayCalendar calendar, TaskService tasks, SystemActions system, EngineClock clock, OrgDirectory org) {
        this.jdbc = jdbc;
        this.access = access;
        this.tracker = tracker;
        this.mover = mover;
        this.calendar = calendar;
        this.tasks = tasks;
        this.system = system;
        this.clock = clock;
        this.org = org;
    }

    @Transactional
    public TaskDeadline pause(String taskId, String reason) {
        TaskAccess.Held held = access.requireHolder(taskId);
        TaskDeadline d = openDeadline(taskId);
        if (d.paused()) {
            throw new InvalidInputException("taskId", "该任务已暂停计时");
        }
        if (!ExtensionService.askable(d)) {
            throw new InvalidInputException("taskId", "「" + d.taskName() + "」是核验、审批或确认类任务，不能暂停计时");
        }
        String why = TextInput.required("reason", "暂停原因", reason, 1000);
        Instant now = clock.now();
        jdbc.update("insert into task_pause (task_id, project_code, paused_by, paused_at, reason) values (?, ?, ?, ?, ?)",
                taskId, d.projectCode(), held.userId(), Timestamp.from(now), why);
        system.asSystem(() -> {
            mover.suspendTimers(held.task());
            tasks.createComment(taskId, held.task().getProcessInstanceId(), "暂停计时（" + org.displayName(held.userId()) + "）：" + why);
        });
        tracker.paused(taskId, d.projectCode());
        return tracker.get(taskId);
    }

    @Transactional
    public TaskDeadline resume(String taskId) {
        TaskAccess.Held held = access.requireHolder(taskId);
        TaskDeadline d = openDeadline(taskId);
        if (!d.paused()) {
            throw new InvalidInputException("taskId", "该任务没有暂停计时");
        }
        LocalDate pausedOn = day(d.pausedAt());
        LocalDate due = day(d.dueAt());
        int remaining = Math.max(0, calendar.workingDaysBetween(pausedOn, due));
        LocalDate today = clock.today();
        LocalDate counted = calendar.addWorkingDays(today, remaining);
        // A stopped clock only ever gives time: a deadline on a non-working day, paused and resumed before any working
        // day passed, keeps its date instead of moving to the working day before.
        LocalDate newDue = counted.isBefore(due) ? due : counted;
        int warnSpan = d.warnAt() == null ? 0 : Math.max(0, calendar.workingDaysBetween(day(d.warnAt()), due));
        Instant dueAt = WorkingDayCalendar.endOf(newDue).toInstant();
        Instant warnAt = WorkingDayCalendar.startOf(calendar.subtractWorkingDays(newDue, warnSpan)).toInstant();
        jdbc.update("update task_pause set resumed_by = ?, resumed_at = ?, remaining_days = ? where task_id = ? and resumed_at is null",
                held.userId(), Timestamp.from(clock.now()), remaining, taskId);
        system.asSystem(() -> {
            mover.move(held.task(), warnAt, dueAt);
            mover.activateTimers(held.task());
            tasks.createComment(taskId, held.task().getProcessInstanceId(),
                    "恢复计时（" + org.displayName(held.userId()) + "）：剩余 " + remaining + " 个工作日，新期限 " + DAY.format(newDue));
        });
        tracker.moved(taskId, d.projectCode(), warnAt, dueAt);
        return tracker.get(taskId);
    }

    /** The task's paused clock (who paused it, when, why), if it is paused now. */
    public java.util.Optional<Paused> current(String taskId) {
        return jdbc.query("select paused_by, paused_at, reason from task_pause where task_id = ? and resumed_at is null order by id desc",
                (rs, i) -> new Paused(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)), taskId).stream().findFirst();
    }

    /** A paused clock: who paused it, when and why. */
    public record Paused(String by, Instant at, String reason) {
    }

    private TaskDeadline openDeadline(String taskId) {
        TaskDeadline d = tracker.get(taskId);
        if (d == null || !d.open()) {
            throw new NotFoundException("taskId", "任务 " + TextInput.shown(taskId) + " 没有进行中的办理期限");
        }
        return d;
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, WorkingDayCalendar.ZONE);
    }
}
