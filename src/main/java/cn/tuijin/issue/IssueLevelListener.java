package cn.tuijin.issue;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Glue on the start of each level: the issue is now at that level, with that level's deadline.
 */
@Component("issueLevelListener")
class IssueLevelListener implements ExecutionListener {

    private final IssueWork work;

    IssueLevelListener(IssueWork work) {
        this.work = work;
    }

    @Override
    public void notify(DelegateExecution execution) {
        int level = Integer.parseInt(execution.getVariable(IssueEscalation.Var.ENTERED_LEVEL).toString());
        work.enterLevel(execution.getProcessBusinessKey(), level);
        execution.getProcessInstance().setVariable(IssueEscalation.Var.ISSUE_LEVEL, level);
    }
}
