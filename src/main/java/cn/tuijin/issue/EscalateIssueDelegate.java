package cn.tuijin.issue;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Glue of 记录问责并升级: a level's deadline passed; write it down against the holder before the issue goes up. The level
 * is the task's own input parameter, set by the diagram as the task starts (after its asynchronous save point).
 */
@Component("escalateIssueDelegate")
class EscalateIssueDelegate implements JavaDelegate {

    private final IssueWork work;

    EscalateIssueDelegate(IssueWork work) {
        this.work = work;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int level = Integer.parseInt(execution.getVariableLocal(IssueEscalation.Var.EXPIRED_LEVEL).toString());
        work.expire(execution.getProcessBusinessKey(), level, execution.getProcessInstanceId());
    }
}
