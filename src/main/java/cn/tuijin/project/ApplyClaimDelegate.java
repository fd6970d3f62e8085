package cn.tuijin.project;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Glue of the record tasks (登记签约/开工/竣工/投产): writes the verified claim into the ledger. The milestone is the
 * task's own input parameter, set by the diagram as the task starts, read on the task's execution only.
 */
@Component("applyClaimDelegate")
class ApplyClaimDelegate implements JavaDelegate {

    private final ClaimService claims;

    ApplyClaimDelegate(ClaimService claims) {
        this.claims = claims;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Milestone milestone = Milestone.valueOf((String) execution.getVariableLocal(ProjectLifecycle.Var.MILESTONE));
        claims.apply(execution.getProcessBusinessKey(), milestone);
    }
}
