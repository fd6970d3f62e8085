package cn.tuijin.issue;

import static cn.tuijin.issue.IssueEscalation.Element;
import static cn.tuijin.issue.IssueEscalation.Var;

import java.util.Collection;
import java.util.List;

import cn.tuijin.deadline.DeadlineTaskListener;
import cn.tuijin.deadline.DeadlineTracker;
import cn.tuijin.deadline.HeldTask;
import cn.tuijin.deadline.TaskHolders;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.system.TaskSubjects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Glue on every user task of the issue process: names it after the issue, tracks who holds the level's work and the
 * task's deadline, and hands each submitted form to {@link IssueService} / {@link IssueWork}. Form values are
 * recorded in the issue's tables, not kept as process variables; only the decisions gateways need are. Which meeting
 * assignment a task carries out and which cooperating unit gives an opinion are recorded when the task is created and
 * read back from that record, never from a process variable.
 */
@Component("issueTaskListener")
class IssueTaskListener extends DeadlineTaskListener {

    private static final List<String> LEVEL_TASKS = List.of(Element.RESOLVE, Element.COORDINATE, Element.DECIDE);
    private static final List<String> FORM_FIELDS = List.of("leadUnit", "cooperatingUnits", "deadline", "majorLevel",
            "resolution", "actionsTaken", "transferTo", "transferReason", "transferDecisionReason", "opinion", "minutes",
            "decisions", "result", "rejectReason");

    private final IssueService issues;
    private final IssueWork work;
    private final ProjectRepository projects;
    private final TaskSubjects subjects;

    IssueTaskListener(IssueService issues, IssueWork work, ProjectRepository projects, TaskSubjects subjects,
                      DeadlineTracker deadlines, TaskHolders holders) {
        super(deadlines, holders);
        this.issues = issues;
        this.work = work;
        this.projects = projects;
        this.subjects = subjects;
    }

    /** Tasks open from before their subjects were recorded (V14): recorded at start-up, once. */
    @EventListener(ApplicationReadyEvent.class)
    void recordOpenTasks() {
        subjects.recordOpen(Element.COMPLETE_ASSIGNMENT, Var.ASSIGNMENT_ID);
        subjects.recordOpen(Element.GIVE_OPINION, Var.OPINION_UNIT);
    }

    @Override
    protected String processKey() {
        return IssueEscalation.KEY;
    }

    @Override
    protected String projectCode(DelegateTask task) {
        return issues.get(task.getExecution().getProcessBusinessKey()).projectCode();
    }

    @Override
    protected Collection<String> formFields() {
        return FORM_FIELDS;
    }

    @Override
    protected void created(DelegateTask task) {
        // The multi-instance elements the process has just set for this task: its assignment, its cooperating unit.
        switch (task.getTaskDefinitionKey()) {
            case Element.COMPLETE_ASSIGNMENT -> subjects.record(task, task.getVariable(Var.ASSIGNMENT_ID));
            case Element.GIVE_OPINION -> subjects.record(task, task.getVariable(Var.OPINION_UNIT));
            default -> {
            }
        }
        String code = task.getExecution().getProcessBusinessKey();
        Issue issue = issues.get(code);
        String project = projects.find(issue.projectCode()).map(p -> p.name()).orElse(issue.projectCode());
        task.setName(task.getName() + "｜" + code + " " + issue.category().label() + "问题（" + project + "）");
        task.setDescription(issue.description());
        task.setVariableLocal("issueInfo", code + " " + issue.category().label() + "问题，" + issue.severity().label()
                + "：" + issue.description() + (issue.supportNeeded() == null ? "" : "。需要协调：" + issue.supportNeeded()));
        details(task, issue);
    }

    @Override
    protected void completed(DelegateTask task) {
        completed(task, task.getExecution().getProcessBusinessKey());
    }

    /** What a task's form shows besides the issue: the transfer asked for, the assignment, the resolution. */
    private void details(DelegateTask task, Issue issue) {
        switch (task.getTaskDefinitionKey()) {
            case Element.APPROVE_TRANSFER -> task.setVariableLocal("transferRequest", issues.events(issue.code()).stream()
                    .filter(e -> e.kind() == IssueEvent.Kind.TRANSFER_REQUESTED).reduce((a, b) -> b)
                    .map(e -> issues.unitName(e.unitCode()) + e.text().replaceAll("\\|[^|]*\\|", "")).orElse(""));
            case Element.COMPLETE_ASSIGNMENT -> {
                IssueRepository.Assignment a = issues.assignment(assignmentId(task));
                task.setName("落实会议交办事项：" + a.task() + "｜" + issue.code());
            }
            case Element.CONFIRM -> task.setVariableLocal("resolutionInfo", issue.resolution());
            default -> {
            }
        }
    }

    @Override
    protected void held(DelegateTask task, HeldTask held) {
        if (LEVEL_TASKS.contains(task.getTaskDefinitionKey())) {
            work.held(task.getExecution().getProcessBusinessKey(), held.holderUnitCode(),
                    held.holderUserId(), task.getId());
        }
    }

    private void completed(DelegateTask task, String code) {
        String user = currentUser(task);
        switch (task.getTaskDefinitionKey()) {
            case Element.TRIAGE -> task.setVariable(Var.START_LEVEL, issues.triage(code, user, task.getVariables()));
            case Element.RESOLVE -> task.setVariable(Var.OUTCOME, work.resolve(code, user, task.getVariables()));
            case Element.APPROVE_TRANSFER -> task.setVariable(Var.TRANSFER_APPROVED, work.decideTransfer(code, user, task.getVariables()));
            case Element.GIVE_OPINION -> work.opinion(code, subjects.of(task), user, task.getVariables());
            case Element.COORDINATE -> task.setVariable(Var.OUTCOME, work.coordinate(code, user, task.getVariables()));
            case Element.HOLD_MEETING -> work.meeting(code, user, task.getVariables());
            case Element.COMPLETE_ASSIGNMENT -> work.assignmentDone(assignmentId(task), user, task.getVariables());
            case Element.DECIDE -> work.decide(code, user, task.getVariables());
            case Element.CONFIRM -> task.setVariable(Var.CONFIRMED, work.confirm(code, user, task.getVariables()));
            default -> {
            }
        }
    }

    /** The meeting assignment the task carries out, as recorded when it was created. */
    private long assignmentId(DelegateTask task) {
        return Long.parseLong(subjects.of(task));
    }
}
