package cn.tuijin.handover;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.tuijin.deadline.DeadlineTracker;
import cn.tuijin.deadline.TaskDeadline;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.org.Role;
import cn.tuijin.org.Unit;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.FormValues;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.SystemActions;
import cn.tuijin.system.TextInput;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transfer requests (申请转办): the holder of a task offered to a unit names the unit that should do it, chosen from
 * the units of the ledger, and why; the project office decides ({@code task-transfer}); an approved request moves the
 * task ({@link TaskMover}) and its deadline's holder. Counted per requesting unit.
 */
@Service
public class TransferService {

    private final TransferRepository requests;
    private final TaskMover mover;
    private final DeadlineTracker deadlines;
    private final OrgDirectory org;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final SystemActions system;
    private final EngineClock clock;

    TransferService(TransferRepository requests, TaskMover mover, DeadlineTracker deadlines, OrgDirectory org,
                    RuntimeService runtime, TaskService tasks, SystemActions system, EngineClock clock) {
        this.requests = requests;
        this.mover = mover;
        this.deadlines = deadlines;
        this.org = org;
        this.runtime = runtime;
        this.tasks = tasks;
        this.system = system;
        this.clock = clock;
    }

    /** The current user, holding a task offered to his unit, asks to hand it over to another unit. */
    @Transactional
    public TaskTransfer request(String taskId, String toUnitCode, String reason) {
        Authentication user = system.currentUser();
        if (user == null) {
            throw new ForbiddenException("请先登录");
        }
        Task task = openTask(taskId);
        String fromUnit = heldUnit(task, user.getUserId());
        String to = TextInput.required("toUnitCode", "转办单位", toUnitCode, 32);
        Unit target = org.unit(to).orElseThrow(() ->
                new InvalidInputException("toUnitCode", "「转办单位」不存在：" + TextInput.shown(to) + "，请从单位列表中选择"));
        if (target.code().equals(fromUnit)) {
            throw new InvalidInputException("toUnitCode", "不能转办给本单位");
        }
        if (!hasOfficers(target)) {
            throw new InvalidInputException("toUnitCode", target.name() + "没有经办人，不承办任务，请选择应当办理的责任单位");
        }
        if (mover.unitGroups(taskId).contains(target.code())) {
            throw new InvalidInputException("toUnitCode", "该任务已交由" + target.name() + "办理，无需转办");
        }
        String why = TextInput.required("reason", "转办理由", reason, 1000);
        if (requests.pendingFor(taskId)) {
            throw new InvalidInputException("taskId", "该任务已有一份待审批的转办申请，请等待重点项目办审批");
        }
        TaskDeadline deadline = deadlines.get(taskId);
        String projectCode = deadline == null ? null : deadline.projectCode();
        long id = requests.insert(taskId, projectCode, task.getName(), fromUnit, target.code(), user.getUserId(), clock.now(), why);
        String summary = "「" + task.getName() + "」由" + unitName(fromUnit) + "申请转交" + target.name() + "办理（申请人 "
                + personName(user.getUserId()) + "）。理由：" + why;
        system.asSystem(() -> runtime.startProcessInstanceByKey(TransferProcess.KEY, projectCode, Map.of(
                TransferProcess.Var.REQUEST_ID, id,
                TransferProcess.Var.REQUEST_SUMMARY, summary)));
        return get(id);
    }

    /** Whether the user may ask to hand this task over now: he holds it, it is offered to a unit, nothing is pending. */
    public boolean mayRequest(String taskId, String userId) {
        Task task = system.asSystem(() -> tasks.createTaskQuery().taskId(taskId).singleResult());
        if (task == null || requests.pendingFor(taskId)) {
            return false;
        }
        try {
            heldUnit(task, userId);
            return true;
        } catch (InvalidInputException | ForbiddenException e) {
            return false;
        }
    }

    /** The units the open task is offered to (none for a task done or offered to a role or person). */
    public List<String> offeredTo(String taskId) {
        return mover.unitGroups(taskId);
    }

    /** The project office's decision on a request, from its form; returns whether it was approved. */
    boolean decide(long requestId, String user, Map<String, Object> values) {
        FormValues form = new FormValues(values);
        boolean approved = form.bool(TransferProcess.Var.APPROVED, "审批结论");
        String note = form.optionalText(TransferProcess.Var.DECISION_NOTE, "理由", 1000);
        if (!approved && note == null) {
            throw new InvalidInputException(TransferProcess.Var.DECISION_NOTE, "不同意转办时请填写「理由」，申请人将在任务上看到它");
        }
        if (!requests.decide(requestId, approved ? TaskTransfer.Status.APPROVED : TaskTransfer.Status.REFUSED, user,
                clock.now(), note)) {
            throw new InvalidInputException(TransferProcess.Var.APPROVED, "该转办申请已审批");
        }
        return approved;
    }

    /** Moves the task of an approved request to the unit it names; a task done meanwhile stays as it was. */
    void apply(long requestId) {
        TaskTransfer r = get(requestId);
        Task task = system.asSystem(() -> tasks.createTaskQuery().taskId(r.taskId()).singleResult());
        if (task == null) {
            requests.status(requestId, TaskTransfer.Status.OBSOLETE);
            return;
        }
        mover.move(task, r.fromUnitCode(), r.toUnitCode());
        deadlines.handedOver(r.taskId(), r.toUnitCode(), r.decidedBy());
    }

    /** The request the process instance decides, if bound ({@link #bind}). */
    Optional<TaskTransfer> forInstance(String processInstanceId) {
        return requests.forInstance(processInstanceId);
    }

    /** Binds the request to the instance that decides it: once, as the instance's first step creates its task. */
    TaskTransfer bind(long requestId, String processInstanceId) {
        if (!requests.bind(requestId, processInstanceId)) {
            throw new IllegalStateException("转办申请 " + requestId + " 已由其他流程实例审批");
        }
        return get(requestId);
    }

    public TaskTransfer get(long id) {
        return requests.find(id).orElseThrow(() -> new NotFoundException("转办申请 " + id + " 不存在"));
    }

    /** The requests about a task, newest first: for whoever may see the task. */
    public List<TaskTransfer> forTask(String taskId) {
        return requests.forTask(taskId);
    }

    public List<TaskTransfer> find(ProjectScope.Condition scope, String unitCode, String projectCode, TaskTransfer.Status status,
                                   int offset, int limit) {
        return requests.find(scope, unitCode, projectCode, status, offset, limit);
    }

    /** The first {@code limit} requests the person made, newest first: his 已办. */
    public List<TaskTransfer> requestedBy(String userId, int limit) {
        return requests.requestedBy(userId, limit);
    }

    public long countRequestedBy(String userId) {
        return requests.countRequestedBy(userId);
    }

    public List<TransferCount> countsPerUnit(ProjectScope.Condition scope) {
        return requests.countsPerUnit(scope);
    }

    /**
     * The units a task may be handed over to, as a list to choose from: those with officers, who do the work (not the
     * project office, which decides, nor the supervisors, who complete nothing).
     */
    public List<Unit> units() {
        return org.units().stream().filter(this::hasOfficers).toList();
    }

    private boolean hasOfficers(Unit unit) {
        return org.peopleOfUnit(unit.code()).stream().anyMatch(p -> p.role() == Role.OFFICER);
    }

    String unitName(String code) {
        return org.unit(code).map(Unit::name).orElse(code);
    }

    private String personName(String id) {
        return org.person(id).map(Person::name).orElse(id);
    }

    private Task openTask(String taskId) {
        Task task = system.asSystem(() -> tasks.createTaskQuery().taskId(taskId).singleResult());
        if (task == null) {
            throw new NotFoundException("taskId", "任务 " + TextInput.shown(taskId) + " 不存在或已办结");
        }
        return task;
    }

    /**
     * The unit of the user that holds the task: it must be offered to a unit, and he must be an officer of that unit
     * who claimed it, or (unclaimed) any officer of it.
     */
    private String heldUnit(Task task, String userId) {
        List<String> units = mover.unitGroups(task.getId());
        if (units.isEmpty()) {
            throw new InvalidInputException("taskId", "该任务不是交由单位办理的任务，不能申请转办");
        }
        String unit = org.person(userId).map(Person::unitCode).orElse(null);
        boolean holds = unit != null && units.contains(unit)
                && (task.getAssignee() == null || task.getAssignee().equals(userId));
        if (!holds) {
            throw new ForbiddenException(task.getAssignee() != null && unit != null && units.contains(unit)
                    ? "该任务已由 " + personName(task.getAssignee()) + " 认领，只有认领人可以申请转办"
                    : "只有办理该任务的单位经办人可以申请转办");
        }
        return unit;
    }
}
