package cn.tuijin.deadline;

import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Who holds a task: its assignee and the unit answering for it (the assignee's unit, or the unit of its candidate
 * group), and what kind of deadline it carries (its diagram says: {@link DeadlineKinds}).
 */
@Component
public class TaskHolders {

    private final OrgDirectory org;
    private final DeadlineKinds kinds;

    TaskHolders(OrgDirectory org, DeadlineKinds kinds) {
        this.org = org;
        this.kinds = kinds;
    }

    /**
     * The task as the deadline engine sees it. A task whose owner is not its assignee is held by its owner, away, and
     * worked by the assignee on his behalf (a delegation, cn.tuijin.delegation): the owner answers for it.
     */
    public HeldTask describe(DelegateTask task, String projectCode) {
        String assignee = task.getAssignee();
        String acting = "";
        if (assignee != null && task.getOwner() != null && !task.getOwner().equals(assignee)) {
            acting = assignee;
            assignee = task.getOwner();
        }
        String unit = assignee == null ? null : org.person(assignee).map(Person::unitCode).orElse(null);
        if (unit == null) {
            unit = task.getCandidates().stream()
                    .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                    .map(IdentityLink::getGroupId)
                    .map(group -> org.unitOfGroup(group).orElse(group))
                    .findFirst().orElse(null);
        }
        if (unit == null) {
            // A task offered to one person (a leader, a reporter): their unit, or their role's group.
            String candidate = task.getCandidates().stream()
                    .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getUserId() != null)
                    .map(IdentityLink::getUserId).findFirst().orElse(null);
            unit = candidate == null ? "" : org.person(candidate)
                    .map(p -> p.unitCode() != null ? p.unitCode() : p.role().group()).orElse("");
            if (assignee == null && candidate != null) {
                assignee = candidate;
            }
        }
        return new HeldTask(projectCode, task.getProcessInstanceId(), task.getId(), task.getTaskDefinitionKey(),
                task.getName(), kinds.of(task), unit,
                assignee == null ? "" : assignee,
                task.getFollowUpDate() == null ? null : task.getFollowUpDate().toInstant(),
                task.getDueDate().toInstant(), acting);
    }
}
