package cn.tuijin.issue;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Glue on the start of each level: the issue is now at that level, with that level's deadline. The level is the
 * scope's own input parameter, set by the diagram as the scope starts. Where a rejected resolution is worked again is
 * asked of the issue's table ({@code issues.level}); the variable issueLevel is still set for instances of the
 * diagram's version 1.0.0, which read it.
 */
@Component("issueLevelListener")
class IssueLevelListener implements ExecutionListener {

    private final IssueWork work;

    IssueLevelListener(IssueWork work) {
        this.work = work;
    }

    @Override
    public void notify(DelegateExecution execution) {
        int level = Integer.parseInt(execution.getVariableLocal(IssueEscalation.Var.ENTERED_LEVEL).toString());
        work.enterLevel(execution.getProcessBusinessKey(), level);
        execution.getProcessInstance().setVariable(IssueEscalation.Var.ISSUE_LEVEL, level);
    }
}
