package cn.tuijin.delegation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The delegations' part of the nightly run (processes/deadline-reconciliation.bpmn, one job in the cluster): those
 * past their last day end, their tasks going back; those begun since hand their tasks over.
 */
@Component("delegationsDelegate")
class DelegationNightly implements JavaDelegate {

    private final DelegationService delegations;

    DelegationNightly(DelegationService delegations) {
        this.delegations = delegations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        delegations.nightly();
    }
}
