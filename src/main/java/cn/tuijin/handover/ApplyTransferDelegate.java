package cn.tuijin.handover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Glue of 转交办理单位: moves the task of the request bound to the instance to the unit it names.
 */
@Component("applyTransferDelegate")
class ApplyTransferDelegate implements JavaDelegate {

    private final TransferService transfers;

    ApplyTransferDelegate(TransferService transfers) {
        this.transfers = transfers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        transfers.apply(transfers.forInstance(execution.getProcessInstanceId()).orElseThrow().id());
    }
}
