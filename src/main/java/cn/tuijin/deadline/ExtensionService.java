package cn.tuijin.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.notification.NotificationOutbox;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.FormValues;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.SystemActions;
import cn.tuijin.system.TextInput;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Extension requests (延期申请): the holder of a task asks for a later due date with a reason; the project office
 * decides, or a supervisor when the deadline had already passed; an approved extension moves the task's due date
 * and its timers. Every request is counted against the unit holding the task.
 */
@Service
public class ExtensionService {

    private static final Logger log = LoggerFactory.getLogger(ExtensionService.class);
    /** A day as the deadline module writes it to people (2026年12月17日). */
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    /** The longest one extension may add to a deadline. */
    private static final Period MAX_EXTENSION = Period.ofYears(1);

    private final ExtensionRepository requests;
    private final TaskAccess access;
    private final DeadlineTracker tracker;
    private final DeadlineMover mover;
    private final NotificationOutbox outbox;
    private final WorkingDayCalendar calendar;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final SystemActions system;
    private final EngineClock clock;
    private final OrgDirectory org;

    ExtensionService(ExtensionRepository requests, TaskAccess access, DeadlineTracker tracker, DeadlineMover mover,
                     NotificationOutbox outbox, WorkingDayCalendar calendar, RuntimeService runtime, TaskService tasks,
                     SystemActions system, EngineClock clock, OrgDirectory org) {
        this.requests = requests;
        this.access = access;
        this.tracker = tracker;
        this.mover = mover;
        this.outbox = outbox;
        this.calendar = calendar;
        this.runtime = runtime;
        this.tasks = tasks;
        this.system = system;
        this.clock = clock;
        this.org = org;
    }

    /** The current user, holding the task, asks for a new due date. */
    @Transactional
    public ExtensionRequest request(String taskId, LocalDate newDueDate, String reason) {
        TaskAccess.Held held = access.requireHolder(taskId);
        TaskDeadline deadline = tracker.get(taskId);
        if (deadline == null || !deadline.open()) {
            throw new NotFoundException("taskId", "任务 " + TextInput.shown(taskId) + " 没有办理期限，无需延期");
        }
        if (!askable(deadline)) {
            throw new InvalidInputException("taskId", "「" + deadline.taskName() + "」是核验、审批或确认类任务，不能申请延期");
        }
        String why = TextInput.required("reason", "延期理由", reason, 1000);
        LocalDate currentDue = day(deadline.dueAt());
        checkNewDate(currentDue, newDueDate);
        if (requests.pendingFor(taskId)) {
            throw new InvalidInputException("taskId", "该任务已有一份待审批的延期申请");
        }
        Instant now = clock.now();
        boolean late = deadline.dueAt().isBefore(now);
        long id = requests.insert(taskId, deadline.projectCode(), deadline.taskName(), deadline.holderUnitCode(),
                held.userId(), now, deadline.dueAt(), WorkingDayCalendar.endOf(newDueDate).toInstant(), why, late);
        String summary = "「" + deadline.taskName() + "」申请将期限由" + DAY.format(currentDue) + "延至" + DAY.format(newDueDate)
                + "（申请人 " + org.displayName(held.userId()) + "）" + (late ? "，申请时已逾期" : "") + "。理由：" + why;
        system.asSystem(() -> runtime.startProcessInstanceByKey(ExtensionProcess.KEY, deadline.projectCode(), Map.of(
                ExtensionProcess.Var.REQUEST_ID, id,
                ExtensionProcess.Var.AFTER_DEADLINE, late,
                ExtensionProcess.Var.REQUEST_SUMMARY, summary)));
        return get(id);
    }

    /**
     * What the holder would ask for: the task's current due date, the new one and the working days it adds (by the
     * working-day calendar), after the same checks as the request itself.
     */
    public Preview preview(String taskId, LocalDate newDueDate) {
        access.requireHolder(taskId);
        TaskDeadline deadline = tracker.get(taskId);
        if (deadline == null || !deadline.open()) {
            throw new NotFoundException("taskId", "任务 " + TextInput.shown(taskId) + " 没有办理期限，无需延期");
        }
        LocalDate currentDue = day(deadline.dueAt());
        checkNewDate(currentDue, newDueDate);
        return new Preview(currentDue, newDueDate, calendar.workingDaysBetween(currentDue, newDueDate));
    }

    /** A new due date as the holder would ask for it, and the working days it adds to the current one. */
    public record Preview(LocalDate currentDueDate, LocalDate newDueDate, int workingDaysAdded) {
    }

    /** The requests made for the task, newest first. */
    public List<ExtensionRequest> forTask(String taskId) {
        return requests.forTask(taskId);
    }

    private void checkNewDate(LocalDate currentDue, LocalDate newDueDate) {
        if (newDueDate == null) {
            throw new InvalidInputException("newDueDate", "请填写「新的期限」（格式：年-月-日）");
        }
        if (!newDueDate.isAfter(currentDue)) {
            throw new InvalidInputException("newDueDate", "「新的期限」须晚于现在的期限（" + currentDue + "）");
        }
        if (newDueDate.isBefore(clock.today())) {
            throw new InvalidInputException("newDueDate", "「新的期限」不能早于今天（" + clock.today() + "）");
        }
        LocalDate latest = currentDue.plus(MAX_EXTENSION);
        if (newDueDate.isAfter(latest)) {
            throw new InvalidInputException("newDueDate", "「新的期限」至多延长一年（不能晚于 " + latest + "）");
        }
    }

    /**
     * Whether a deadline is one its holder may ask to move or pause: not that of a verification, a decision or a
     * confirmation (核验、审批、确认), which its holder makes himself: the work waits on him alone, and such a task of the
     * project office would otherwise be extended by the office itself.
     */
    static boolean askable(TaskDeadline deadline) {
        return deadline.kind() != DeadlineKind.VERIFICATION;
    }

    /** The decision on a request; returns whether it was approved. Nobody decides his own request. */
    public boolean decide(long requestId, String user, Map<String, Object> values) {
        if (user != null && user.equals(get(requestId).requestedBy())) {
            throw new ForbiddenException("不能审批本人提出的延期申请");
        }
        FormValues form = new FormValues(values);
        boolean approved = form.bool(ExtensionProcess.Var.APPROVED, "审批结论");
        String note = form.optionalText(ExtensionProcess.Var.DECISION_NOTE, "驳回理由", 1000);
        if (!approved && note == null) {
            throw new InvalidInputException(ExtensionProcess.Var.DECISION_NOTE, "驳回时请填写「驳回理由」");
        }
        ExtensionRequest r = get(requestId);
        requests.decide(requestId, approved ? ExtensionRequest.Status.APPROVED : ExtensionRequest.Status.REJECTED, user,
                clock.now(), approved ? null : note);
        if (!approved) {
            notifyRequester(r, "延期申请已驳回：" + r.taskName(), "「" + r.taskName() + "」的延期申请已被驳回，期限仍为"
                    + DAY.format(day(r.oldDueAt())) + "。理由：" + note);
        }
        return approved;
    }

    /** Moves the task's due date, follow-up date and timers to the approved date. */
    public void apply(long requestId) {
        ExtensionRequest r = get(requestId);
        Task task = tasks.createTaskQuery().taskId(r.taskId()).singleResult();
        TaskDeadline deadline = tracker.get(r.taskId());
        if (task == null || deadline == null || !deadline.open()) {
            requests.status(requestId, ExtensionRequest.Status.OBSOLETE);
            return;
        }
        LocalDate newDue = day(r.newDueAt());
        int warnSpan = deadline.warnAt() == null ? 0 : Math.max(0, calendar.workingDaysBetween(day(deadline.warnAt()), day(deadline.dueAt())));
        Instant warnAt = WorkingDayCalendar.startOf(calendar.subtractWorkingDays(newDue, warnSpan)).toInstant();
        mover.move(task, warnAt, r.newDueAt());
        tracker.moved(r.taskId(), r.projectCode(), warnAt, r.newDueAt());
        notifyRequester(r, "延期申请已同意：" + r.taskName(), "「" + r.taskName() + "」的期限已延至" + DAY.format(newDue) + "。");
    }

    /**
     * The request the process instance decides, if bound ({@link #bind}). Its decision and the moved deadline are
     * taken from this record, never from the instance's variables.
     */
    Optional<ExtensionRequest> forInstance(String processInstanceId) {
        return requests.forInstance(processInstanceId);
    }

    /**
     * Instances started before requests were bound to them (those running when V14 came): bound at start-up, once,
     * from their start variable.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void bindOpenInstances() {
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionKey(ExtensionProcess.KEY).list()) {
            if (requests.forInstance(instance.getId()).isEmpty()
                    && runtime.getVariable(instance.getId(), ExtensionProcess.Var.REQUEST_ID) instanceof Number id
                    && requests.bind(id.longValue(), instance.getId())) {
                log.info("延期申请：V14 之前发起的申请 {} 已关联流程实例 {}", id, instance.getId());
            }
        }
    }

    /** Binds the request to the instance that decides it: once, as the instance's first step creates its task. */
    ExtensionRequest bind(long requestId, String processInstanceId) {
        if (!requests.bind(requestId, processInstanceId)) {
            throw new IllegalStateException("延期申请 " + requestId + " 已由其他流程实例审批");
        }
        return get(requestId);
    }

    public ExtensionRequest get(long id) {
        return requests.find(id).orElseThrow(() -> new NotFoundException("延期申请 " + id + " 不存在"));
    }

    public List<ExtensionRequest> find(ProjectScope.Condition scope, String unitCode, String projectCode, ExtensionRequest.Status status,
                                       int offset, int limit) {
        return requests.find(scope, unitCode, projectCode, status, offset, limit);
    }

    /** The first {@code limit} requests the person made, newest first: his 已办. */
    public List<ExtensionRequest> requestedBy(String userId, int limit) {
        return requests.requestedBy(userId, limit);
    }

    public long countRequestedBy(String userId) {
        return requests.countRequestedBy(userId);
    }

    public List<ExtensionCount> countsPerUnit(ProjectScope.Condition scope) {
        return requests.countsPerUnit(scope);
    }

    private void notifyRequester(ExtensionRequest r, String subject, String body) {
        outbox.add("extension:" + r.id() + ":decided", NotificationOutbox.Event.EXTENSION_DECIDED, r.requestedBy(), null,
                r.projectCode(), r.taskId(), subject, body, clock.now());
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, WorkingDayCalendar.ZONE);
    }
}
