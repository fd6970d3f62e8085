package cn.tuijin.deadline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.project.ProjectLifecycle.Element;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;

/**
 * Glue on a user task's deadline timers (boundary events): finds the task the timer is attached to and who holds it,
 * then hands over to {@link AccountabilityService}.
 */
abstract class DeadlineTimerListener implements ExecutionListener {

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
            Map.entry(Element.MONTHLY_REPORT, DeadlineKind.MONTHLY_REPORT));

    protected final AccountabilityService accountability;
    private final OrgDirectory org;

    DeadlineTimerListener(AccountabilityService accountability, OrgDirectory org) {
        this.accountability = accountability;
        this.org = org;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String activityId = ((BoundaryEvent) execution.getBpmnModelElementInstance()).getAttachedTo().getId();
        TaskEntity task = attachedTask(execution, activityId);
        if (task == null) {
            return; // the task ended in the same instant as the timer fired
        }
        String assignee = task.getAssignee();
        String unit = assignee == null ? null : org.person(assignee).map(Person::unitCode).orElse(null);
        if (unit == null) {
            unit = task.getCandidates().stream()
                    .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                    .map(IdentityLink::getGroupId)
                    .map(group -> org.unitOfGroup(group).orElse(group))
                    .findFirst().orElse("");
        }
        handle(new LateTask(execution.getProcessBusinessKey(), execution.getProcessInstanceId(), task.getId(), activityId,
                task.getName(), KINDS.getOrDefault(activityId, DeadlineKind.MILESTONE), unit,
                assignee == null ? "" : assignee, task.getDueDate() == null ? null : task.getDueDate().toInstant()));
    }

    protected abstract void handle(LateTask task);

    /**
     * The task the timer belongs to: in a multi-instance sub-process several tasks share the activity id, one per
     * instance; the right one is the task whose execution shares the nearest ancestor with the timer's execution.
     */
    private static TaskEntity attachedTask(DelegateExecution execution, String activityId) {
        List<Task> candidates = execution.getProcessEngineServices().getTaskService().createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(activityId).list();
        if (candidates.size() <= 1) {
            return candidates.isEmpty() ? null : (TaskEntity) candidates.get(0);
        }
        Map<String, Integer> depth = new HashMap<>();
        int d = 0;
        for (ExecutionEntity e = (ExecutionEntity) execution; e != null; e = e.getParent()) {
            depth.put(e.getId(), d++);
        }
        TaskEntity nearest = null;
        int best = Integer.MAX_VALUE;
        for (Task candidate : candidates) {
            for (ExecutionEntity e = ((TaskEntity) candidate).getExecution(); e != null; e = e.getParent()) {
                Integer shared = depth.get(e.getId());
                if (shared != null) {
                    if (shared < best) {
                        best = shared;
                        nearest = (TaskEntity) candidate;
                    }
                    break;
                }
            }
        }
        return nearest;
    }
}
