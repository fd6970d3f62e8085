package cn.tuijin.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.TextInput;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A task's clock as Tasklist shows it: the working days a card is overdue or has left (for the visible tasks at once),
 * the working days an extension would add, and the task's paused clock and extension requests with their decisions.
 * Only tasks the caller may see in Tasklist are answered for (Camunda's task authorizations decide).
 */
@RestController
class TaskDeskController {

    /** The most tasks one call answers for: a page of Tasklist's list. */
    static final int MAX_TASKS = 200;

    private final TaskService tasks;
    private final DeadlineTracker tracker;
    private final TaskDeadlineRepository deadlines;
    private final ExtensionService extensions;
    private final PauseService pauses;
    private final TaskAccess access;
    private final WorkingDayCalendar calendar;
    private final OrgDirectory org;
    private final EngineClock clock;

    TaskDeskController(TaskService tasks, DeadlineTracker tracker, TaskDeadlineRepository deadlines,
                       ExtensionService extensions, PauseService pauses, TaskAccess access, WorkingDayCalendar calendar,
                       OrgDirectory org, EngineClock clock) {
        this.tasks = tasks;
        this.tracker = tracker;
        this.deadlines = deadlines;
        this.extensions = extensions;
        this.pauses = pauses;
        this.access = access;
        this.calendar = calendar;
        this.org = org;
        this.clock = clock;
    }

    /** Where a task stands against its due date, for its card. */
    enum State { OVERDUE, DUE_SOON, ON_TIME, PAUSED, NONE }

    /**
     * A card's deadline: the due date, the state, the working days overdue (OVERDUE) or left (DUE_SOON, ON_TIME), and
     * the line the card shows.
     */
    record Badge(String taskId, LocalDate dueDate, State state, Integer workingDays, String label) {
    }

    /** The deadlines of the tasks (ids separated by commas) that the caller may see; the others are left out. */
    @GetMapping("/api/tasks/deadlines")
    List<Badge> badges(@RequestParam(required = false) String ids) {
        if (ids == null || ids.isBlank()) {
            throw new InvalidInputException("ids", "请提供任务编号（ids，以逗号分隔）");
        }
        Set<String> wanted = Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (wanted.size() > MAX_TASKS) {
            throw new InvalidInputException("ids", "一次至多查询 " + MAX_TASKS + " 个任务");
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        // Under the caller's own authorizations: a task he may not see is not answered for.
        Map<String, Task> visible = tasks.createTaskQuery().taskIdIn(wanted.toArray(String[]::new)).list().stream()
                .collect(Collectors.toMap(Task::getId, Function.identity()));
        Map<String, TaskDeadline> tracked = deadlines.find(List.copyOf(visible.keySet())).stream()
                .collect(Collectors.toMap(TaskDeadline::taskId, Function.identity(), (a, b) -> a));
        List<Badge> out = new ArrayList<>();
        for (String id : wanted) {
            Task task = visible.get(id);
            if (task != null) {
                out.add(badge(task, tracked.get(id)));
            }
        }
        return out;
    }

    private Badge badge(Task task, TaskDeadline d) {
        Instant dueAt = d != null && d.open() ? d.dueAt() : task.getDueDate() == null ? null : task.getDueDate().toInstant();
        Instant warnAt = d != null && d.open() ? d.warnAt() : task.getFollowUpDate() == null ? null : task.getFollowUpDate().toInstant();
        if (dueAt == null) {
            return new Badge(task.getId(), null, State.NONE, null, "");
        }
        LocalDate due = day(dueAt);
        if (d != null && d.paused()) {
            return new Badge(task.getId(), due, State.PAUSED, null, "暂停计时");
        }
        Instant now = clock.now();
        LocalDate today = clock.today();
        if (!now.isBefore(dueAt)) {
            int late = Math.max(0, calendar.workingDaysBetween(due, today));
            return new Badge(task.getId(), due, State.OVERDUE, late, late == 0 ? "已逾期" : "逾期 " + late + " 个工作日");
        }
        int left = Math.max(0, calendar.workingDaysBetween(today, due));
        String label = left == 0 ? "今日到期" : "剩 " + left + " 个工作日";
        boolean soon = warnAt != null && !now.isBefore(warnAt);
        return new Badge(task.getId(), due, soon ? State.DUE_SOON : State.ON_TIME, left, label);
    }

    /** What an extension to that date would add, checked as the request would be; for the holder of the task. */
    @GetMapping("/api/tasks/{taskId}/extension-preview")
    ExtensionService.Preview preview(@PathVariable String taskId, @RequestParam(required = false) String newDueDate) {
        LocalDate date;
        try {
            date = newDueDate == null || newDueDate.isBlank() ? null : LocalDate.parse(newDueDate.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("newDueDate", "「新的期限」不是有效日期（格式：年-月-日，如 2026-12-18）");
        }
        return extensions.preview(taskId, date);
    }

    /** An extension request as the task shows it. */
    record Extension(long id, String status, String statusLabel, LocalDate oldDueDate, LocalDate newDueDate,
                     int workingDaysAdded, String reason, String requestedBy, String requestedByName, Instant requestedAt,
                     String decidedBy, String decidedByName, Instant decidedAt, String decisionNote, String line) {
    }

    /**
     * The task's clock: due date, paused (by whom, since when, why), whether the caller holds it, whether its holder may
     * ask for an extension or pause it at all (not a verification or decision), its extension requests.
     */
    record Status(String taskId, LocalDate dueDate, boolean paused, String pausedBy, String pausedByName, Instant pausedAt,
                  String pauseReason, boolean holder, boolean askable, List<Extension> extensions) {
    }

    @GetMapping("/api/tasks/{taskId}/deadline-status")
    Status status(@PathVariable String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw new NotFoundException("taskId", "任务 " + TextInput.shown(taskId) + " 不存在、已办结或您无权查看");
        }
        TaskDeadline d = tracker.get(taskId);
        LocalDate due = d != null && d.open() ? day(d.dueAt()) : task.getDueDate() == null ? null : day(task.getDueDate().toInstant());
        boolean holder;
        try {
            access.requireHolder(taskId);
            holder = true;
        } catch (ForbiddenException e) {
            holder = false;
        }
        PauseService.Paused paused = pauses.current(taskId).orElse(null);
        List<Extension> requests = extensions.forTask(taskId).stream().map(this::extension).toList();
        return new Status(taskId, due, paused != null, paused == null ? null : paused.by(),
                paused == null ? null : org.displayName(paused.by()), paused == null ? null : paused.at(),
                paused == null ? null : paused.reason(), holder, d != null && ExtensionService.askable(d), requests);
    }

    private Extension extension(ExtensionRequest r) {
        LocalDate oldDue = day(r.oldDueAt());
        LocalDate newDue = day(r.newDueAt());
        String line = switch (r.status()) {
            case PENDING -> "延期申请 待审批：申请延至 " + ExtensionService.DAY.format(newDue);
            case APPROVED -> "延期申请 已批准：期限延至 " + ExtensionService.DAY.format(newDue);
            case REJECTED -> "延期申请 已驳回" + (r.decisionNote() == null ? "" : "，原因：" + r.decisionNote());
            case OBSOLETE -> "延期申请 未调整：任务已办结";
        };
        return new Extension(r.id(), r.status().name(), r.status().label(), oldDue, newDue,
                Math.max(0, calendar.workingDaysBetween(oldDue, newDue)), r.reason(), r.requestedBy(),
                org.displayName(r.requestedBy()), r.requestedAt(), r.decidedBy(),
                r.decidedBy() == null ? null : org.displayName(r.decidedBy()), r.decidedAt(), r.decisionNote(), line);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, WorkingDayCalendar.ZONE);
    }
}
