package cn.tuijin.issue;

import java.util.List;

import cn.tuijin.org.Caller;
import cn.tuijin.org.Callers;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Glue on the issue process's start: records the reported issue and names the process instance after it (its code is
 * the business key); the report's fields, the project included, live in the issue's table, not in variables.
 */
@Component("issueReportListener")
class IssueReportListener implements ExecutionListener {

    static final String REPORTED_BY = "reportedBy";
    private static final List<String> FORM_FIELDS = List.of("projectCode", "category", "description", "supportNeeded", "severity",
            REPORTED_BY);

    private final IssueService issues;
    private final Callers callers;

    IssueReportListener(IssueService issues, Callers callers) {
        this.issues = issues;
        this.callers = callers;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        // Someone logged in (Tasklist's start form) reports in their own name; the API passes who reported.
        Object user = auth != null && auth.getUserId() != null ? auth.getUserId() : execution.getVariable(REPORTED_BY);
        if (user == null) {
            throw new FormFieldValidationException(REPORTED_BY, "无法确定上报人，请登录后上报");
        }
        // Tasklist's start form reports with the groups of the login; the API, run by the application, names the user.
        Caller reporter = auth != null && auth.getUserId() != null
                ? callers.of(auth.getUserId(), auth.getGroupIds() == null ? List.of() : auth.getGroupIds())
                : callers.of(user.toString(), callers.groupsOf(user.toString()));
        String code;
        try {
            code = issues.report(reporter, execution.getVariables());
        } catch (InvalidInputException e) {
            throw new FormFieldValidationException(e.field(), e.getMessage());
        } catch (ForbiddenException e) {
            throw new AuthorizationException(e.getMessage());
        }
        execution.setProcessBusinessKey(code);
        execution.removeVariables(FORM_FIELDS);
    }
}
