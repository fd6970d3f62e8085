package cn.tuijin.issue;

import java.util.List;

import cn.tuijin.system.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Glue on the issue process's start: records the reported issue, names the process instance after it (its code is
 * the business key) and keeps only the project code as a variable.
 */
@Component("issueReportListener")
class IssueReportListener implements ExecutionListener {

    static final String REPORTED_BY = "reportedBy";
    private static final List<String> FORM_FIELDS = List.of("category", "description", "supportNeeded", "severity", REPORTED_BY);

    private final IssueService issues;

    IssueReportListener(IssueService issues) {
        this.issues = issues;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        // Someone logged in (Tasklist's start form) reports in their own name; the API passes who reported.
        Object user = auth != null && auth.getUserId() != null ? auth.getUserId() : execution.getVariable(REPORTED_BY);
        if (user == null) {
            throw new FormFieldValidationException(REPORTED_BY, "无法确定上报人，请登录后上报");
        }
        String code;
        try {
            code = issues.report(user.toString(), execution.getVariables());
        } catch (InvalidInputException e) {
            throw new FormFieldValidationException(e.field(), e.getMessage());
        }
        execution.setProcessBusinessKey(code);
        execution.removeVariables(FORM_FIELDS);
        execution.setVariable(IssueEscalation.Var.PROJECT_CODE, issues.get(code).projectCode());
    }
}
