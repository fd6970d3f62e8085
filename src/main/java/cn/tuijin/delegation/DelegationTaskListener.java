package cn.tuijin.delegation;

import java.util.List;

import cn.tuijin.system.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Every user task's delegation hook ({@link DelegationWiring}), before its deadline listener:
 * <ul>
 * <li>created for, or assigned to, a person who is away (a claim, an assignee the process names, a task offered to him
 * alone): his delegate works it on his behalf (owner: him, assignee: the delegate);</li>
 * <li>given back by the delegate (no assignee): no longer held for anyone;</li>
 * <li>completed by the delegate: the work is recorded naming both, for the project's timeline.</li>
 * </ul>
 */
@Component
class DelegationTaskListener implements TaskListener {

    private final DelegationService delegations;
    private final DelegationRepository records;
    private final EngineClock clock;

    DelegationTaskListener(DelegationService delegations, DelegationRepository records, EngineClock clock) {
        this.delegations = delegations;
        this.records = records;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE, EVENTNAME_ASSIGNMENT -> {
                if (task.getAssignee() == null && task.getOwner() != null) {
                    task.setOwner(null);
                    return;
                }
                handOver(task);
            }
            case EVENTNAME_COMPLETE -> {
                String owner = task.getOwner();
                String worker = task.getAssignee();
                if (owner != null && worker != null && !owner.equals(worker)) {
                    String project = records.projectOfTask(task.getId())
                            .orElseGet(() -> ((TaskEntity) task).getProcessInstance().getBusinessKey());
                    records.workDone(task.getId(), task.getName() == null ? task.getTaskDefinitionKey() : task.getName(), project,
                            task.getProcessInstanceId(), owner, worker, clock.now());
                }
            }
            default -> {
            }
        }
    }

    private void handOver(DelegateTask task) {
        if (task.getOwner() != null) {
            return;   // held for someone already
        }
        String holder = task.getAssignee() != null ? task.getAssignee() : offeredToAlone(task);
        if (holder == null) {
            return;
        }
        delegations.inForce(holder).ifPresent(d -> {
            task.setOwner(holder);
            task.setAssignee(d.delegateId());
        });
    }

    /** The one person an unassigned task is offered to (candidateUsers, no candidate group), or null. */
    private static String offeredToAlone(DelegateTask task) {
        List<IdentityLink> candidates = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).toList();
        if (candidates.size() != 1 || candidates.get(0).getUserId() == null) {
            return null;
        }
        return candidates.get(0).getUserId();
    }
}
