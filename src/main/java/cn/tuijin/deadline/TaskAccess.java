package cn.tuijin.deadline;

import java.util.Set;
import java.util.stream.Collectors;

import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.SystemActions;
import cn.tuijin.system.TextInput;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Who may act on a task's deadline (ask for an extension, pause its clock): whoever holds it — its assignee, or,
 * while nobody has claimed it, an officer of its candidate group (the rule the engine's doors apply to completing it).
 * Public for the features that act on a task for its holder (e.g. its evidence files).
 */
@Component
public class TaskAccess {

    private final TaskService tasks;
    private final IdentityService identity;
    private final SystemActions system;

    TaskAccess(TaskService tasks, IdentityService identity, SystemActions system) {
        this.tasks = tasks;
        this.identity = identity;
        this.system = system;
    }

    /** The open task, if the current user holds it; otherwise a Chinese refusal. Returns the user id too. */
    Held requireHolder(String taskId) {
        return requireHolder(taskId, "只有办理该任务的单位经办人可以申请延期或暂停计时");
    }

    /** The open task, if the current user holds it; otherwise {@code refusal} (Chinese). Returns the user id too. */
    public Held requireHolder(String taskId, String refusal) {
        Authentication user = system.currentUser();
        if (user == null) {
            throw new ForbiddenException("请先登录");
        }
        Task task = system.asSystem(() -> tasks.createTaskQuery().taskId(taskId).singleResult());
        if (task == null) {
            throw new NotFoundException("taskId", "任务 " + TextInput.shown(taskId) + " 不存在或已办结");
        }
        boolean holds;
        if (task.getAssignee() != null) {
            holds = task.getAssignee().equals(user.getUserId());
        } else {
            Set<String> groups = system.asSystem(() -> identity.createGroupQuery().groupMember(user.getUserId()).list())
                    .stream().map(Group::getId).collect(Collectors.toSet());
            holds = system.asSystem(() -> tasks.getIdentityLinksForTask(taskId)).stream()
                    .anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null
                            && groups.contains(l.getGroupId()));
        }
        if (!holds) {
            throw new ForbiddenException(refusal);
        }
        return new Held(task, user.getUserId());
    }

    /** An open task and the user holding it. */
    public record Held(Task task, String userId) {
    }
}
