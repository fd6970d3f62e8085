package cn.tuijin.deadline;

import java.util.Map;

import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.project.ProjectLifecycle.Element;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Who holds a task: its assignee and the unit answering for it (the assignee's unit, or the unit of its candidate
 * group), and what kind of deadline it carries.
 */
@Component
public class TaskHolders {

    private static final Map<String, DeadlineKind> KINDS = Map.ofEntries(
            Map.entry(Element.CLAIM_SIGNING, DeadlineKind.MILESTONE),
            Map.entry(Element.CLAIM_START, DeadlineKind.MILESTONE),
            Map.entry(Element.CLAIM_COMPLETION, DeadlineKind.MILESTONE),
            Map.entry(Element.CLAIM_OPERATION, DeadlineKind.MILESTONE),
            Map.entry(Element.VERIFY_SIGNING, DeadlineKind.VERIFICATION),
            Map.entry(Element.VERIFY_START, DeadlineKind.VERIFICATION),
            Map.entry(Element.VERIFY_COMPLETION, DeadlineKind.VERIFICATION),
            Map.entry(Element.VERIFY_OPERATION, DeadlineKind.VERIFICATION),
            Map.entry(Element.HANDLE_APPROVAL, DeadlineKind.APPROVAL),
            Map.entry(Element.SUPPLEMENT_DOCUMENTS, DeadlineKind.SUPPLEMENT),
            Map.entry(Element.MONTHLY_REPORT, DeadlineKind.MONTHLY_REPORT),
            Map.entry("Task_TriageIssue", DeadlineKind.ISSUE_TRIAGE),
            Map.entry("Task_ResolveLevel1", DeadlineKind.ISSUE_LEVEL),
            Map.entry("Task_ApproveTransfer", DeadlineKind.ISSUE_TRIAGE),
            Map.entry("Task_GiveOpinion", DeadlineKind.ISSUE_OPINION),
            Map.entry("Task_CoordinateLevel2", DeadlineKind.ISSUE_LEVEL),
            Map.entry("Task_HoldMeeting", DeadlineKind.ISSUE_LEVEL),
            Map.entry("Task_CompleteAssignment", DeadlineKind.MEETING_ASSIGNMENT),
            Map.entry("Task_DecideLevel3", DeadlineKind.ISSUE_LEVEL),
            Map.entry("Task_ConfirmResolution", DeadlineKind.ISSUE_CONFIRMATION),
            Map.entry("Task_DecideExtension", DeadlineKind.VERIFICATION),
            Map.entry("Task_DecideLateExtension", DeadlineKind.VERIFICATION),
            Map.entry("Task_AnswerNotice", DeadlineKind.NOTICE),
            Map.entry("Task_ReviewAnswer", DeadlineKind.VERIFICATION),
            Map.entry("Task_FollowUpNotice", DeadlineKind.NOTICE));

    private final OrgDirectory org;

    TaskHolders(OrgDirectory org) {
        this.org = org;
    }

    /** The task as the deadline engine sees it. */
    public HeldTask describe(DelegateTask task, String projectCode) {
        String assignee = task.getAssignee();
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
                task.getName(), KINDS.getOrDefault(task.getTaskDefinitionKey(), DeadlineKind.MILESTONE), unit,
                assignee == null ? "" : assignee,
                task.getFollowUpDate() == null ? null : task.getFollowUpDate().toInstant(),
                task.getDueDate().toInstant());
    }
}
