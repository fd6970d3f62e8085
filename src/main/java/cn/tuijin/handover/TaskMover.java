package cn.tuijin.handover;

import java.util.List;

import cn.tuijin.org.OrgDirectory;
import cn.tuijin.system.SystemActions;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Moves an open task from one unit to another with the engine's API, as the application (never through the engine's
 * doors, which do not let anyone change a task's candidates): the new unit's group becomes its candidate instead of
 * the old one's, the old group's grants on the task go (its history stays readable to it), and a claim is released with its
 * holder's grants.
 * Its due date and timers stay as they are.
 */
@Component
class TaskMover {

    private final TaskService tasks;
    private final AuthorizationService authorizations;
    private final OrgDirectory org;
    private final SystemActions system;

    TaskMover(TaskService tasks, AuthorizationService authorizations, OrgDirectory org, SystemActions system) {
        this.tasks = tasks;
        this.authorizations = authorizations;
        this.org = org;
        this.system = system;
    }

    /** The units the task is offered to: its candidate groups that are units. */
    List<String> unitGroups(String taskId) {
        return system.asSystem(() -> tasks.getIdentityLinksForTask(taskId)).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .filter(group -> org.unit(group).isPresent())
                .toList();
    }

    /**
     * Revokes grants, whoever's command this runs in (the project office's decision): the grants are the
     * application's to manage, not something the deciding user may read or delete.
     */
    private void revoke(String taskId, String groupId, String userId) {
        Runnable work = () -> {
            var query = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId);
            List<Authorization> grants = groupId != null ? query.groupIdIn(groupId).list() : query.userIdIn(userId).list();
            grants.forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
        };
        CommandContext context = Context.getCommandContext();
        if (context == null) {
            work.run();
        } else {
            context.runWithoutAuthorization(() -> {
                work.run();
                return null;
            });
        }
    }

    void move(Task task, String fromUnit, String toUnit) {
        system.asSystem(() -> {
            tasks.addCandidateGroup(task.getId(), toUnit);
            tasks.deleteCandidateGroup(task.getId(), fromUnit);
            revoke(task.getId(), fromUnit, null);
            String assignee = task.getAssignee();   // read first: the task may be the entity the engine changes
            if (assignee != null) {
                tasks.setAssignee(task.getId(), null);
                revoke(task.getId(), null, assignee);
            }
        });
    }
}
