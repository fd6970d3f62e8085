package cn.tuijin.notice;

import static cn.tuijin.notice.NoticeProcess.Element;

import java.util.Collection;
import java.util.List;

import cn.tuijin.deadline.DeadlineTaskListener;
import cn.tuijin.deadline.DeadlineTracker;
import cn.tuijin.deadline.TaskHolders;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Unit;
import cn.tuijin.project.ProjectRepository;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Glue on every user task of a notice: names it after the notice, shows the notice (and the reason an answer was
 * sent back, or the answer to review) on its form, tracks the task's deadline, and hands each submitted form to
 * {@link NoticeWork}. Form values are recorded in the notice's tables; only the review's decision stays a variable.
 * The notice is the one whose number is the instance's business key, never a process variable.
 */
@Component("noticeTaskListener")
class NoticeTaskListener extends DeadlineTaskListener {

    private static final List<String> FORM_FIELDS = List.of(NoticeWork.RECTIFICATION, NoticeWork.REVIEW_NOTE, NoticeWork.FOLLOW_UP_NOTE);

    private final NoticeService notices;
    private final NoticeWork work;
    private final ProjectRepository projects;
    private final OrgDirectory org;

    NoticeTaskListener(NoticeService notices, NoticeWork work, ProjectRepository projects, OrgDirectory org,
                       DeadlineTracker deadlines, TaskHolders holders) {
        super(deadlines, holders);
        this.notices = notices;
        this.work = work;
        this.projects = projects;
        this.org = org;
    }

    @Override
    protected String processKey() {
        return NoticeProcess.KEY;
    }

    @Override
    protected String projectCode(DelegateTask task) {
        return notice(task).projectCode();
    }

    @Override
    protected Collection<String> formFields() {
        return FORM_FIELDS;
    }

    @Override
    protected void created(DelegateTask task) {
        created(task, notice(task));
    }

    @Override
    protected void completed(DelegateTask task) {
        completed(task, notice(task).id());
    }

    private Notice notice(DelegateTask task) {
        return notices.byNumber(task.getExecution().getProcessBusinessKey());
    }

    private void created(DelegateTask task, Notice notice) {
        String unit = org.unit(notice.unitCode()).map(Unit::name).orElse(notice.unitCode());
        String project = projects.find(notice.projectCode()).map(p -> p.code() + " " + p.name()).orElse(notice.projectCode());
        String info = notice.number() + "：「" + notice.itemName() + "」期限 " + NoticeService.day(notice.itemDueAt())
                + "，已逾期。责任单位：" + unit + "。整改要求：" + notice.requirement() + "。限 "
                + NoticeService.day(notice.dueAt()) + " 前报送整改情况。";
        String prefix = Element.FOLLOW_UP.equals(task.getTaskDefinitionKey()) ? "督办事项（已逾期）" : task.getName();
        task.setName(prefix + "｜" + notice.number() + " " + notice.itemName());
        task.setVariableLocal("projectInfo", project);
        task.setVariableLocal("noticeInfo", info);
        boolean returned = Element.ANSWER.equals(task.getTaskDefinitionKey()) && notice.status() == Notice.Status.RETURNED;
        task.setDescription(returned ? info + "退回理由：" + notice.reviewNote() : info);
        switch (task.getTaskDefinitionKey()) {
            case Element.ANSWER -> {
                if (returned) {
                    task.setVariableLocal("returnReason", notice.reviewNote());
                }
            }
            case Element.REVIEW -> task.setVariableLocal("answerInfo", notice.answer() + "（" + notice.answeredBy() + " 报送，第 "
                    + notice.answerCount() + " 次）");
            default -> {
            }
        }
    }

    private void completed(DelegateTask task, long id) {
        String user = currentUser(task);
        switch (task.getTaskDefinitionKey()) {
            case Element.ANSWER -> work.answer(id, user, task.getVariables());
            case Element.REVIEW -> task.setVariable(NoticeProcess.Var.ACCEPTED, work.review(id, user, task.getVariables()));
            case Element.FOLLOW_UP -> work.followUp(id, user, task.getVariables());
            default -> {
            }
        }
    }
}
