package cn.tuijin.project;

import static cn.tuijin.project.ProjectLifecycle.Element;
import static cn.tuijin.project.ProjectLifecycle.Field;
import static cn.tuijin.project.ProjectLifecycle.Var;

import java.time.YearMonth;
import java.util.Collection;

import cn.tuijin.deadline.DeadlineTaskListener;
import cn.tuijin.deadline.DeadlineTracker;
import cn.tuijin.deadline.TaskHolders;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Unit;
import cn.tuijin.system.TaskSubjects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Glue on every user task of the lifecycle. On create: names the task after its project, shows the project on the
 * form, opens its deadline. On assignment: the new holder. On complete: hands the submitted form to the service of
 * the task (refused input keeps the task open with the service's Chinese message; the form's ledger values are not
 * kept as process variables) and closes the deadline. Which approval a task decides and which month a report covers
 * are recorded when the task is created and read back from that record, never from a process variable.
 */
@Component("lifecycleTaskListener")
class LifecycleTaskListener extends DeadlineTaskListener {

    private final LifecycleService projects;
    private final ClaimService claims;
    private final ApprovalService approvals;
    private final MonthlyReportService reports;
    private final OrgDirectory org;
    private final TaskSubjects subjects;
    private final ClaimEvidence evidence;

    LifecycleTaskListener(LifecycleService projects, ClaimService claims, ApprovalService approvals,
                          MonthlyReportService reports, OrgDirectory org, TaskSubjects subjects, DeadlineTracker deadlines,
                          TaskHolders holders, ClaimEvidence evidence) {
        super(deadlines, holders);
        this.projects = projects;
        this.claims = claims;
        this.approvals = approvals;
        this.reports = reports;
        this.org = org;
        this.subjects = subjects;
        this.evidence = evidence;
    }

    /** Tasks open from before their subjects were recorded (V14): recorded at start-up, once. */
    @EventListener(ApplicationReadyEvent.class)
    void recordOpenTasks() {
        subjects.recordOpen(Element.HANDLE_APPROVAL, Var.APPROVAL_ID);
        subjects.recordOpen(Element.SUPPLEMENT_DOCUMENTS, Var.APPROVAL_ID);
        subjects.recordOpen(Element.MONTHLY_REPORT, Var.REPORT_PERIOD);
    }

    @Override
    protected String processKey() {
        return ProjectLifecycle.KEY;
    }

    @Override
    protected String projectCode(DelegateTask task) {
        return task.getExecution().getProcessBusinessKey();
    }

    @Override
    protected Collection<String> formFields() {
        return Field.ALL;
    }

    @Override
    protected void created(DelegateTask task) {
        Project project = projects.project(task.getExecution().getProcessBusinessKey());
        String key = task.getTaskDefinitionKey();
        String title = task.getName();
        if (Element.HANDLE_APPROVAL.equals(key) || Element.SUPPLEMENT_DOCUMENTS.equals(key)) {
            // The approval is the multi-instance element the process has just set; the supplement's is its handling's.
            String id = subjects.record(task, Element.HANDLE_APPROVAL.equals(key) ? task.getVariable(Var.APPROVAL_ID) : subjects.inScope(task));
            ProjectApproval approval = approvals.get(Long.parseLong(id));
            title += "：" + approval.item().label() + "（" + org.unit(approval.unitCode()).map(Unit::name).orElse(approval.unitCode()) + "）";
        } else if (Element.MONTHLY_REPORT.equals(key)) {
            // The month is the task's input parameter, computed by the process as it created the task.
            YearMonth period = YearMonth.parse(subjects.record(task, task.getVariable(Var.REPORT_PERIOD)));
            title += "：" + period.getYear() + "年" + period.getMonthValue() + "月";
        } else if (ProjectLifecycle.CLAIMS.containsKey(key) || ProjectLifecycle.VERIFICATIONS.containsKey(key)) {
            Milestone m = ProjectLifecycle.CLAIMS.getOrDefault(key, ProjectLifecycle.VERIFICATIONS.get(key));
            title = title.replace("投产（投用）", m.label(project.category()));
        }
        task.setName(title + "｜" + project.name());
        String info = project.code() + " " + project.name() + "（" + project.category().label() + "，"
                + org.unit(project.leadUnitCode()).map(Unit::name).orElse(project.leadUnitCode()) + "牵头，当前阶段："
                + project.stageLabel() + "）";
        task.setVariableLocal(Var.PROJECT_INFO, info);
        Object reason = task.getVariable(Var.RETURN_REASON);
        task.setDescription(ProjectLifecycle.CLAIMS.containsKey(key) && reason != null ? info + "。退回原因：" + reason : info);
    }

    @Override
    protected void completed(DelegateTask task) {
        String key = task.getTaskDefinitionKey();
        String projectCode = task.getExecution().getProcessBusinessKey();
        String user = currentUser(task);
        if (ProjectLifecycle.CLAIMS.containsKey(key)) {
            String summary = claims.claim(projectCode, ProjectLifecycle.CLAIMS.get(key), task.getId(), user, task.getVariables());
            task.setVariable(Var.CLAIM_SUMMARY, summary);
        } else if (ProjectLifecycle.VERIFICATIONS.containsKey(key)) {
            boolean approved = claims.verify(projectCode, ProjectLifecycle.VERIFICATIONS.get(key), user, task.getVariables());
            task.setVariable(Var.APPROVED, approved);
            if (approved) {
                task.removeVariable(Var.RETURN_REASON);
            }
        } else if (Element.HANDLE_APPROVAL.equals(key)) {
            task.setVariable(Var.ACCEPTED_WITH_GAPS, approvals.decide(approvalId(task), user, task.getVariables()));
        } else if (Element.SUPPLEMENT_DOCUMENTS.equals(key)) {
            approvals.supplement(approvalId(task), user, task.getVariables());
        } else if (Element.MONTHLY_REPORT.equals(key)) {
            reports.submit(projectCode, YearMonth.parse(subjects.of(task)), user, task.getVariables());
            evidence.submitted(task.getId(), null);
        }
    }

    /** The approval the task decides or supplements, as recorded when it was created. */
    private long approvalId(DelegateTask task) {
        return Long.parseLong(subjects.of(task));
    }
}
