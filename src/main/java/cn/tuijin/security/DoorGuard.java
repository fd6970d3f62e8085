package cn.tuijin.security;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import cn.tuijin.delegation.DelegationService;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Unit;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The rules of {@link EngineOperation}, applied inside the command's transaction to the outermost command of a call
 * through a door ({@link DoorCall}):
 * <ul>
 * <li>a task is claimed by its holder for himself, and only by someone of the unit (or the person) the process gave it
 * to; it is completed by whoever claimed it, or by someone of that unit; a task held for an officer away (its owner)
 * by his delegate only while the delegation is in force; its form carries only the fields the form declares, its
 * read-only fields unchanged;</li>
 * <li>a process starts through a door only if it has a start form (an issue report), with that form's fields, and
 * never skipping its listeners (which apply the same checks as {@code /api});</li>
 * <li>a deadline timer is not run before it is due;</li>
 * <li>an administrator's operation never skips the process's listeners nor sets process data, and leaves an audit
 * line in the same transaction.</li>
 * </ul>
 */
final class DoorGuard extends CommandInterceptor {

    private static final Set<String> SKIPPING = Set.of("skipCustomListeners", "skipIoMappings");

    private final java.util.function.Supplier<FormFields> forms;
    private final ObjectProvider<EngineAudit> audit;
    private final ObjectProvider<OrgDirectory> org;
    private final ObjectProvider<DelegationService> delegations;

    DoorGuard(java.util.function.Supplier<FormFields> forms, ObjectProvider<EngineAudit> audit, ObjectProvider<OrgDirectory> org,
              ObjectProvider<DelegationService> delegations) {
        this.forms = forms;
        this.audit = audit;
        this.org = org;
        this.delegations = delegations;
    }

    @Override
    public <T> T execute(Command<T> command) {
        DoorCall call = DoorCall.current();
        if (call == null || call.command() != command) {
            return next.execute(command);
        }
        CommandContext context = Context.getCommandContext();
        switch (call.operation()) {
            case READ -> {
                return next.execute(command);
            }
            case NEVER -> throw new DoorRefusal(DoorRefusal.FORBIDDEN, EngineOperation.NEVER_REASONS.get(EngineOperation.name(command)));
            case WORK -> {
                context.runWithoutAuthorization(() -> {
                    work(call, command, context);
                    return null;
                });
                return next.execute(command);
            }
            default -> {
                if (!call.admin()) {
                    throw new DoorRefusal(DoorRefusal.FORBIDDEN, "该操作仅限系统管理员");
                }
                context.runWithoutAuthorization(() -> {
                    administration(command, context);
                    return null;
                });
                T result = next.execute(command);
                audit.getObject().record(call.userId(), EngineOperation.name(command), EngineAudit.describe(command));
                return result;
            }
        }
    }

    private void work(DoorCall call, Command<?> command, CommandContext context) {
        switch (EngineOperation.name(command)) {
            case "ClaimTaskCmd" -> claim(call, task(context, field(command, "taskId")), field(command, "userId"), false, context);
            case "AssignTaskCmd" -> claim(call, task(context, field(command, "taskId")), field(command, "userId"), true, context);
            case "CompleteTaskCmd" -> complete(call, task(context, field(command, "taskId")), field(command, "variables"), context);
            case "SubmitTaskFormCmd" -> complete(call, task(context, field(command, "taskId")), field(command, "properties"), context);
            case "StartProcessInstanceCmd" -> {
                ProcessInstantiationBuilderImpl builder = field(command, "instantiationBuilder");
                requireListeners(builder.getModificationBuilder());
                start(processKey(context, builder.getProcessDefinitionKey(), builder.getProcessDefinitionId()), builder.getVariables());
            }
            case "SubmitStartFormCmd" -> start(processKey(context, null, field(command, "processDefinitionId")), field(command, "variables"));
            default -> {
                // a comment: the engine's authorizations decide who may comment on what
            }
        }
    }

    /**
     * Claiming (or, for an administrator, assigning): for oneself only, and only by someone the process gave the task
     * to. Giving a task back: only its holder, and only a task offered to a unit (else nobody could take it again).
     */
    private void claim(DoorCall call, TaskEntity task, String userId, boolean assign, CommandContext context) {
        if (userId == null) {
            if (task.getAssignee() == null) {
                return;
            }
            if (!call.admin() && !task.getAssignee().equals(call.userId())) {
                throw new DoorRefusal(DoorRefusal.FORBIDDEN, "只能退回本人认领的任务");
            }
            if (candidates(task).isEmpty()) {
                throw new DoorRefusal(DoorRefusal.FORBIDDEN, "该任务由流程指定办理人，不能退回");
            }
            return;
        }
        if (!call.admin() && !userId.equals(call.userId())) {
            throw new DoorRefusal(DoorRefusal.FORBIDDEN, "只能由本人认领任务，不能把任务交给他人");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(userId) && !(assign && call.admin())) {
            throw new DoorRefusal(DoorRefusal.CONFLICT, "该任务已由 " + org.getObject().displayName(task.getAssignee()) + " 认领，请刷新");
        }
        List<String> groups = userId.equals(call.userId()) ? call.groups() : groupsOf(userId, context);
        if (!eligible(task, userId, groups)) {
            throw new DoorRefusal(DoorRefusal.FORBIDDEN, assign
                    ? "该任务由" + holderName(task) + "办理，不能交给其他单位或人员"
                    : "该任务由" + holderName(task) + "办理，您不能认领");
        }
    }

    /** Completing: the holder, or (unclaimed) someone it is offered to; the form's own fields only. */
    private void complete(DoorCall call, TaskEntity task, Map<String, Object> values, CommandContext context) {
        if (task.getAssignee() != null && !task.getAssignee().equals(call.userId())) {
            throw new DoorRefusal(DoorRefusal.FORBIDDEN, "该任务已由 " + org.getObject().displayName(task.getAssignee()) + " 认领，只能由认领人办理");
        }
        if (task.getAssignee() == null && !eligible(task, call.userId(), call.groups())) {
            throw new DoorRefusal(DoorRefusal.FORBIDDEN, "该任务由" + holderName(task) + "办理，您不能办理");
        }
        requireDelegationInForce(task);
        String processKey = processKey(context, null, task.getProcessDefinitionId());
        FormFields.Form form = forms.get().task(processKey, task.getTaskDefinitionKey());
        if (values == null) {
            return;
        }
        for (Map.Entry<String, Object> value : values.entrySet()) {
            String name = value.getKey();
            if (form.editable().contains(name)) {
                continue;
            }
            if (form.readOnly().contains(name) && sameValue(value.getValue(), task.getVariable(name))) {
                continue;
            }
            throw new DoorRefusal(DoorRefusal.BAD_REQUEST, form.readOnly().contains(name)
                    ? "表单字段「" + name + "」是只读的，不能修改"
                    : "表单中没有字段「" + name + "」，不能提交");
        }
    }

    /**
     * A task held for its owner (委托: the owner away, the assignee his delegate) is completed by the delegate only while
     * the delegation is in force: after its last day, or once ended early, it is the owner's again.
     */
    private void requireDelegationInForce(TaskEntity task) {
        String owner = task.getOwner();
        if (owner != null && task.getAssignee() != null && !owner.equals(task.getAssignee())
                && !delegations.getObject().actsFor(task.getAssignee(), owner)) {
            String name = org.getObject().person(owner).map(cn.tuijin.org.Person::name).orElse(owner);
            throw new DoorRefusal(DoorRefusal.FORBIDDEN, "委托代理已结束：该任务应由委托人 " + name + " 本人办理");
        }
    }

    private void start(String processKey, Map<String, Object> values) {
        FormFields.Form form = forms.get().start(processKey);
        if (form == null) {
            throw new DoorRefusal(DoorRefusal.FORBIDDEN, "该流程只能由推进系统按规则发起");
        }
        if (values != null) {
            for (String name : values.keySet()) {
                if (!form.editable().contains(name)) {
                    throw new DoorRefusal(DoorRefusal.BAD_REQUEST, "表单中没有字段「" + name + "」，不能提交");
                }
            }
        }
    }

    /**
     * An administrator's operation: never skipping the process's listeners, never setting process data, never moving
     * a job's due date (the retries of a job can carry one).
     */
    private static void administration(Command<?> command, CommandContext context) {
        requireListeners(command);
        requireNoVariables(command);
        requireNoDueDate(command);
        for (Object part : parts(command)) {
            requireListeners(part);
            requireNoVariables(part);
            if (part instanceof Collection<?> operations) {
                for (Object operation : operations) {
                    requireNoVariables(operation);
                }
            }
        }
        if ("ExecuteJobsCmd".equals(EngineOperation.name(command))) {
            JobEntity job = context.getJobManager().findJobById(field(command, "jobId"));
            if (job instanceof TimerEntity && job.getDuedate() != null && job.getDuedate().after(ClockUtil.getCurrentTime())) {
                throw new DoorRefusal(DoorRefusal.CONFLICT, "定时任务尚未到期，不能提前执行：期限到达时系统会自动执行");
            }
        }
    }

    private static void requireListeners(Object target) {
        if (target == null) {
            return;
        }
        for (String name : SKIPPING) {
            Object skip = fieldOrNull(target, name);
            if (Boolean.TRUE.equals(skip)) {
                throw new DoorRefusal(DoorRefusal.FORBIDDEN, "不能跳过流程规则（" + name + "）执行此操作");
            }
        }
    }

    private static void requireNoVariables(Object target) {
        for (Class<?> type = target.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field f : type.getDeclaredFields()) {
                if (Map.class.isAssignableFrom(f.getType()) && f.getName().toLowerCase().contains("variables")) {
                    Object value = read(f, target);
                    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                        throw new DoorRefusal(DoorRefusal.FORBIDDEN, EngineOperation.Reasons.VARIABLES);
                    }
                }
            }
        }
    }

    /** A due date set by the operation ({@code dueDate}, or {@code isDueDateSet} for one cleared). */
    private static void requireNoDueDate(Object target) {
        for (Class<?> type = target.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field f : type.getDeclaredFields()) {
                String name = f.getName().toLowerCase();
                Object value = name.contains("duedate") ? read(f, target) : null;
                if (value instanceof java.util.Date || Boolean.TRUE.equals(value)) {
                    throw new DoorRefusal(DoorRefusal.FORBIDDEN, EngineOperation.Reasons.DEADLINE);
                }
            }
        }
    }

    /** The builders and operation lists an administrator's command carries (a modification, a migration, a deletion). */
    private static List<Object> parts(Command<?> command) {
        List<Object> parts = new java.util.ArrayList<>();
        for (Class<?> type = command.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field f : type.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                Object value = read(f, command);
                if (value == null) {
                    continue;
                }
                if (value.getClass().getName().endsWith("BuilderImpl")) {
                    parts.add(value);
                    Object operations = fieldOrNull(value, "operations");
                    if (operations instanceof Collection<?>) {
                        parts.add(operations);
                    }
                    Object instructions = fieldOrNull(value, "modificationOperations");
                    if (instructions instanceof Collection<?>) {
                        parts.add(instructions);
                    }
                }
            }
        }
        return parts;
    }

    private static TaskEntity task(CommandContext context, String taskId) {
        TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
        if (task == null) {
            throw new DoorRefusal(DoorRefusal.CONFLICT, DoorRefusal.LOST_RACE);
        }
        return task;
    }

    private static List<IdentityLinkEntity> candidates(TaskEntity task) {
        return task.getIdentityLinks().stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).toList();
    }

    /** Offered to the user by name, or to a group the user belongs to. */
    private static boolean eligible(TaskEntity task, String userId, List<String> groups) {
        return candidates(task).stream().anyMatch(link -> userId.equals(link.getUserId())
                || (link.getGroupId() != null && groups.contains(link.getGroupId())));
    }

    private static List<String> groupsOf(String userId, CommandContext context) {
        return context.getReadOnlyIdentityProvider().createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
    }

    /** Whom the process gave the task to, as users read it: the unit's name, or the person. */
    private String holderName(TaskEntity task) {
        for (IdentityLinkEntity link : candidates(task)) {
            if (link.getGroupId() != null) {
                Optional<String> name = org.getObject().unitOfGroup(link.getGroupId())
                        .flatMap(code -> org.getObject().unit(code)).map(Unit::name);
                return "「" + name.orElse(link.getGroupId()) + "」";
            }
            if (link.getUserId() != null) {
                return " " + org.getObject().displayName(link.getUserId()) + " ";
            }
        }
        return "流程指定的人员";
    }

    private static String processKey(CommandContext context, String key, String definitionId) {
        if (key != null) {
            return key;
        }
        ProcessDefinitionEntity definition = definitionId == null ? null
                : context.getProcessEngineConfiguration().getDeploymentCache().findDeployedProcessDefinitionById(definitionId);
        if (definition == null) {
            throw new DoorRefusal(DoorRefusal.NOT_FOUND, "流程定义不存在");
        }
        return definition.getKey();
    }

    private static boolean sameValue(Object submitted, Object current) {
        Object value = submitted instanceof TypedValue typed ? typed.getValue() : submitted;
        return Objects.equals(value == null ? null : value.toString(), current == null ? null : current.toString());
    }

    @SuppressWarnings("unchecked")
    static <V> V field(Object target, String name) {
        Object value = fieldOrNull(target, name);
        return (V) value;
    }

    static Object fieldOrNull(Object target, String name) {
        for (Class<?> type = target.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                return read(type.getDeclaredField(name), target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    private static Object read(Field field, Object target) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
