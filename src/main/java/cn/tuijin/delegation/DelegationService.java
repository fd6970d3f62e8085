package cn.tuijin.delegation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.Role;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.SystemActions;
import cn.tuijin.system.TextInput;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delegations: made by the officer going away, checked against the rules (a colleague of his unit, or a leader's
 * secretary; a period from today on; no overlap; no chains), ended early by him or after their last day by the nightly
 * run. While one is in force the delegator's claimed tasks are held by the delegate on his behalf: the engine's task
 * owner is the delegator, the assignee the delegate (set here through the engine's API, and for tasks reaching the
 * delegator meanwhile by {@link DelegationTaskListener}); when it ends, the tasks still held for him go back to him.
 * Camunda's own delegateTask is not used: it marks the task {@code DelegationState.PENDING}, which cannot be completed,
 * only resolved back to its owner. Here the assignee completes the task as usual, and the engine's doors let him only
 * while the delegation is in force ({@link #actsFor}); the end is exact at the door even before the nightly run.
 */
@Service
public class DelegationService {

    /** Who ends a delegation after its last day. */
    public static final String SYSTEM = "system";

    private static final Logger log = LoggerFactory.getLogger(DelegationService.class);
    /** Unassigned tasks offered to the person alone (by candidateUsers, with no candidate group). */
    private static final String OFFERED_TO_PERSON_ALONE = "select T.* from ACT_RU_TASK T where T.ASSIGNEE_ is null"
            + " and exists (select 1 from ACT_RU_IDENTITYLINK I where I.TASK_ID_ = T.ID_ and I.TYPE_ = 'candidate' and I.USER_ID_ = #{user})"
            + " and not exists (select 1 from ACT_RU_IDENTITYLINK G where G.TASK_ID_ = T.ID_ and G.TYPE_ = 'candidate' and G.GROUP_ID_ is not null)";

    private final DelegationRepository delegations;
    private final OrgDirectory org;
    private final EngineClock clock;
    private final TaskService tasks;
    private final SystemActions system;

    DelegationService(DelegationRepository delegations, OrgDirectory org, EngineClock clock, TaskService tasks, SystemActions system) {
        this.delegations = delegations;
        this.org = org;
        this.clock = clock;
        this.tasks = tasks;
        this.system = system;
    }

    /** The delegation of this person in force today, if he is away. */
    public Optional<Delegation> inForce(String delegatorId) {
        LocalDate today = clock.today();
        return delegations.currentOf(delegatorId, today).stream().filter(d -> d.inForceOn(today)).findFirst();
    }

    /** Whether {@code delegateId} works for {@code delegatorId} today, under a delegation in force. */
    public boolean actsFor(String delegateId, String delegatorId) {
        return inForce(delegatorId).filter(d -> d.delegateId().equals(delegateId)).isPresent();
    }

    /** What a person asks for: whom, from when to when (both days included), why. */
    public record Request(String delegate, String from, String to, String reason, String note) {
    }

    /** Names a delegate; his tasks go over at once if the period begins today. Refused in Chinese, nothing written. */
    @Transactional
    public Delegation delegate(String delegatorId, Request request) {
        if (request == null) {
            throw new InvalidInputException("body", "请提交委托内容（代理人、起止日期、事由）");
        }
        Person delegator = org.person(delegatorId).orElseThrow(() -> new ForbiddenException("只有登记在册的人员可以委托他人代理"));
        Person delegate = delegate(delegator, request.delegate());
        LocalDate from = day("from", "开始日期", request.from());
        LocalDate to = day("to", "结束日期", request.to());
        LocalDate today = clock.today();
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "结束日期（" + to + "）不能早于开始日期（" + from + "）");
        }
        if (from.isBefore(today)) {
            throw new InvalidInputException("from", "开始日期（" + from + "）已过去：委托只能从今天（" + today + "）或以后开始");
        }
        if (to.isAfter(from.plusDays(90))) {
            throw new InvalidInputException("to", "委托期限最长 90 天：请在结束后重新委托");
        }
        DelegationReason reason = reason(request.reason());
        String note = TextInput.optional("note", "说明", request.note(), 200);

        delegations.lockPerson(delegatorId);
        delegations.lockPerson(delegate.id());
        for (Delegation own : delegations.currentOf(delegatorId, today)) {
            if (own.overlaps(from, to)) {
                throw new InvalidInputException("from", "您已委托 " + name(own.delegateId()) + " 代理（" + own.startsOn() + " 至 "
                        + own.endsOn() + "），委托期间不能重叠：请先结束该委托");
            }
        }
        for (Delegation away : delegations.currentOf(delegate.id(), today)) {
            if (away.overlaps(from, to)) {
                throw new InvalidInputException("delegate", delegate.name() + " 在 " + away.startsOn() + " 至 " + away.endsOn()
                        + " 本人也已委托他人，不能代理：请选择其他人员");
            }
        }
        for (Delegation acting : delegations.currentFor(delegatorId, today)) {
            if (acting.overlaps(from, to)) {
                throw new InvalidInputException("delegate", "您正在代理 " + name(acting.delegatorId()) + " 的工作（至 " + acting.endsOn()
                        + "），期间不能再委托他人");
            }
        }
        long id = delegations.insert(delegatorId, delegate.id(), from, to, reason, note, clock.now());
        log.info("委托代理：{} 委托 {} 代理（{} 至 {}，{}）", delegatorId, delegate.id(), from, to, reason.label());
        Delegation made = delegations.find(id).orElseThrow();
        if (made.inForceOn(today)) {
            handOver(made);
        }
        return delegations.find(id).orElseThrow();
    }

    /** The delegator ends his delegation early: the tasks still held for him go back to him at once. */
    @Transactional
    public Delegation end(String userId, long id) {
        Delegation d = delegations.find(id).orElseThrow(() -> new NotFoundException("id", "委托 " + id + " 不存在"));
        if (!d.delegatorId().equals(userId)) {
            throw new ForbiddenException("只有委托人本人可以结束委托");
        }
        if (d.endedAt() != null) {
            throw new InvalidInputException("id", "该委托已于 " + d.endedAt() + " 结束");
        }
        end(d, userId);
        return delegations.find(id).orElseThrow();
    }

    /**
     * The nightly run (one job in the cluster; idempotent): delegations past their last day end and their tasks go
     * back; delegations begun since hand their delegator's tasks over. Returns how many it ended and began.
     */
    @Transactional
    public int[] nightly() {
        LocalDate today = clock.today();
        int ended = 0;
        for (Delegation d : delegations.pastTheirLastDay(today)) {
            if (end(d, SYSTEM)) {
                ended++;
            }
        }
        int begun = 0;
        for (Delegation d : delegations.begunNotHandedOver(today)) {
            if (handOver(d)) {
                begun++;
            }
        }
        if (ended + begun > 0) {
            log.info("委托代理每日核对：到期结束 {} 项，开始 {} 项", ended, begun);
        }
        return new int[] {ended, begun};
    }

    /** The delegations a person made that are current or to come, and those he acts under today. */
    List<Delegation> currentOf(String delegatorId) {
        return delegations.currentOf(delegatorId, clock.today());
    }

    List<Delegation> actingUnder(String delegateId) {
        LocalDate today = clock.today();
        return delegations.currentFor(delegateId, today).stream().filter(d -> d.inForceOn(today)).toList();
    }

    /** Whom the person may name: the colleagues of his unit, or a leader's secretary. */
    List<Person> choices(String userId) {
        Person me = org.person(userId).orElse(null);
        if (me == null) {
            return List.of();
        }
        if (me.role() == Role.LEADER) {
            return org.secretaryOf(me.id()).flatMap(org::person).stream().toList();
        }
        if (me.unitCode() == null) {
            return List.of();
        }
        return org.peopleOfUnit(me.unitCode()).stream().filter(p -> !p.id().equals(me.id())).toList();
    }

    /** The open tasks the person works today on someone else's behalf. */
    List<Task> tasksActingFor(String delegateId) {
        return system.asSystem(() -> tasks.createTaskQuery().taskAssignee(delegateId).list()).stream()
                .filter(t -> t.getOwner() != null && !t.getOwner().equals(delegateId) && actsFor(delegateId, t.getOwner()))
                .toList();
    }

    /** The first {@code limit} tasks delegates completed on the person's behalf, newest first: his 已办. */
    public List<DelegatedWork> workDoneFor(String delegatorId, int limit) {
        return delegations.workDoneFor(delegatorId, limit);
    }

    public long countWorkDoneFor(String delegatorId) {
        return delegations.countWorkDoneFor(delegatorId);
    }

    /** Which of these tasks the person completed on someone else's behalf: his 已办 names for whom. */
    public List<DelegatedWork> workDoneBy(String delegateId, List<String> taskIds) {
        return delegations.workDoneBy(delegateId, taskIds);
    }

    LocalDate today() {
        return clock.today();
    }

    String name(String personId) {
        return org.person(personId).map(Person::name).orElse(personId);
    }

    /** Hands the delegator's claimed tasks, and those offered to him alone, to the delegate; whether this call did. */
    private boolean handOver(Delegation d) {
        if (!delegations.activate(d.id(), clock.now())) {
            return false;
        }
        system.asSystem(() -> {
            List<Task> held = tasks.createTaskQuery().taskAssignee(d.delegatorId()).list();
            List<Task> offered = tasks.createNativeTaskQuery().sql(OFFERED_TO_PERSON_ALONE).parameter("user", d.delegatorId()).list();
            for (Task task : concat(held, offered)) {
                if (task.getOwner() == null || task.getOwner().equals(d.delegatorId())) {
                    tasks.setOwner(task.getId(), d.delegatorId());
                    tasks.setAssignee(task.getId(), d.delegateId());
                }
            }
        });
        return true;
    }

    /** Ends the delegation and gives the tasks still held for the delegator back to him; whether this call ended it. */
    private boolean end(Delegation d, String by) {
        if (!delegations.end(d.id(), by, clock.now())) {
            return false;
        }
        system.asSystem(() -> {
            for (Task task : tasks.createTaskQuery().taskOwner(d.delegatorId()).taskAssignee(d.delegateId()).list()) {
                // the engine clears an owner as an identity link of type owner (setOwner(null) is refused)
                tasks.deleteUserIdentityLink(task.getId(), d.delegatorId(), IdentityLinkType.OWNER);
                tasks.setAssignee(task.getId(), d.delegatorId());
            }
        });
        log.info("委托结束：{} 委托 {} 的代理（{} 至 {}）由 {} 结束", d.delegatorId(), d.delegateId(), d.startsOn(), d.endsOn(), by);
        return true;
    }

    private Person delegate(Person delegator, String delegateId) {
        if (delegateId == null || delegateId.isBlank()) {
            throw new InvalidInputException("delegate", "请选择代理人");
        }
        Person delegate = org.person(delegateId.strip())
                .orElseThrow(() -> new InvalidInputException("delegate", "代理人「" + TextInput.shown(delegateId) + "」不存在"));
        if (delegate.id().equals(delegator.id())) {
            throw new InvalidInputException("delegate", "不能委托给自己：请选择本单位的其他人员");
        }
        if (delegator.role() == Role.LEADER) {
            if (!org.secretaryOf(delegator.id()).filter(delegate.id()::equals).isPresent()) {
                throw new InvalidInputException("delegate", "分包领导只能委托本人的秘书代理");
            }
            return delegate;
        }
        if (delegator.unitCode() == null || !delegator.unitCode().equals(delegate.unitCode())) {
            throw new InvalidInputException("delegate", "只能委托本单位人员：" + delegate.name() + " 不是本单位人员");
        }
        return delegate;
    }

    private static LocalDate day(String field, String label, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "请填写" + label);
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, label + "「" + TextInput.shown(text) + "」不是有效日期（格式：2026-12-07）");
        }
    }

    private static DelegationReason reason(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("reason", "请选择委托事由（出差、休假、其他）");
        }
        for (DelegationReason r : DelegationReason.values()) {
            if (r.name().equalsIgnoreCase(text.strip()) || r.label().equals(text.strip())) {
                return r;
            }
        }
        throw new InvalidInputException("reason", "委托事由「" + TextInput.shown(text) + "」无效：只能是出差、休假或其他");
    }

    private static List<Task> concat(List<Task> a, List<Task> b) {
        List<Task> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
