package cn.tuijin.handover;

import java.util.Collection;
import java.util.List;

import cn.tuijin.deadline.DeadlineTaskListener;
import cn.tuijin.deadline.DeadlineTracker;
import cn.tuijin.deadline.TaskHolders;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Glue on the decision task of a transfer request: names the task after the work to hand over, hands the decision to
 * {@link TransferService}. The decision has its own deadline (the project office's verification window). The request is
 * the one bound to the instance: bound (once) as the instance's first step creates the task, from its start variable.
 */
@Component("transferTaskListener")
class TransferTaskListener extends DeadlineTaskListener {

    private final TransferService transfers;

    TransferTaskListener(TransferService transfers, DeadlineTracker deadlines, TaskHolders holders) {
        super(deadlines, holders);
        this.transfers = transfers;
    }

    @Override
    protected String processKey() {
        return TransferProcess.KEY;
    }

    @Override
    protected String projectCode(DelegateTask task) {
        return request(task).projectCode();
    }

    @Override
    protected void created(DelegateTask task) {
        TaskTransfer request = request(task);
        task.setName(task.getName() + "｜" + request.taskName() + " → " + transfers.unitName(request.toUnitCode()));
        task.setDescription((String) task.getVariable(TransferProcess.Var.REQUEST_SUMMARY));
    }

    @Override
    protected void completed(DelegateTask task) {
        long requestId = transfers.forInstance(task.getProcessInstanceId()).orElseThrow().id();
        task.setVariable(TransferProcess.Var.APPROVED, transfers.decide(requestId, currentUser(task), task.getVariables()));
    }

    @Override
    protected Collection<String> formFields() {
        return List.of(TransferProcess.Var.DECISION_NOTE);
    }

    private TaskTransfer request(DelegateTask task) {
        String instance = task.getProcessInstanceId();
        return transfers.forInstance(instance).orElseGet(() ->
                transfers.bind(((Number) task.getVariable(TransferProcess.Var.REQUEST_ID)).longValue(), instance));
    }
}
