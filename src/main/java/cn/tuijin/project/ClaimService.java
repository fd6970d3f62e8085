package cn.tuijin.project;

import static cn.tuijin.project.ProjectLifecycle.Field;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import cn.tuijin.org.OrgDirectory;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.FormValues;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Milestone claims by the lead unit and their verification by the project office.
 * Validates the evidence; an approved claim updates the ledger.
 */
@Service
public class ClaimService {

    private final ProjectRepository projects;
    private final ClaimRepository claims;
    private final EngineClock clock;
    private final ClaimEvidence evidence;
    private final OrgDirectory org;

    ClaimService(ProjectRepository projects, ClaimRepository claims, EngineClock clock, ClaimEvidence evidence, OrgDirectory org) {
        this.projects = projects;
        this.claims = claims;
        this.clock = clock;
        this.evidence = evidence;
        this.org = org;
    }

    /**
     * Records a claim with its evidence after checking it (the form's values and the files the milestone requires, see
     * {@link ClaimEvidence}); the task's files then belong to the claim. Returns the evidence as a line of text for the
     * verifier.
     */
    public String claim(String projectCode, Milestone milestone, String taskId, String user, Map<String, Object> values) {
        Project project = project(projectCode);
        FormValues form = new FormValues(values);
        LocalDate today = clock.today();
        String contractNo = null;
        String permitNo = null;
        BigDecimal amount = null;
        LocalDate date;
        switch (milestone) {
            case SIGNING -> {
                contractNo = form.text(Field.CONTRACT_NO, "合同编号", 64);
                date = notInFuture(form.date(Field.SIGN_DATE, "签约日期"), Field.SIGN_DATE, "签约日期", today);
                amount = form.amount(Field.CONTRACT_AMOUNT, "合同金额（万元）");
            }
            case START -> {
                permitNo = form.text(Field.PERMIT_NO, "施工许可证编号", 64);
                date = notInFuture(form.date(Field.START_DATE, "实际开工日期"), Field.START_DATE, "实际开工日期", today);
                notBefore(date, project.actualSignDate(), Field.START_DATE, "实际开工日期", "签约日期");
            }
            case COMPLETION -> {
                date = notInFuture(form.date(Field.ACCEPTANCE_DATE, "竣工验收日期"), Field.ACCEPTANCE_DATE, "竣工验收日期", today);
                notBefore(date, project.actualStartDate(), Field.ACCEPTANCE_DATE, "竣工验收日期", "实际开工日期");
            }
            case OPERATION -> {
                String label = milestone.label(project.category()) + "日期";
                date = notInFuture(form.date(Field.OPERATION_DATE, label), Field.OPERATION_DATE, label, today);
                notBefore(date, project.actualCompletionDate(), Field.OPERATION_DATE, label, "竣工验收日期");
            }
            default -> throw new IllegalStateException(milestone.name());
        }
        evidence.requireFor(taskId, milestone, project.category());
        StageClaim claim = new StageClaim(null, projectCode, milestone, taskId, user, clock.now(), contractNo,
                milestone == Milestone.SIGNING ? date : null, amount, permitNo,
                milestone == Milestone.START ? date : null, milestone == Milestone.COMPLETION ? date : null,
                milestone == Milestone.OPERATION ? date : null, StageClaim.Decision.PENDING, null, null, null);
        evidence.submitted(taskId, claims.insert(claim));
        return summary(project, claim);
    }

    /** The claim of the milestone waiting for the project office's verification, if any. */
    public java.util.Optional<StageClaim> pending(String projectCode, Milestone milestone) {
        return claims.latest(projectCode, milestone, StageClaim.Decision.PENDING);
    }

    /** Records the project office's decision on the pending claim; returns whether it was approved. */
    public boolean verify(String projectCode, Milestone milestone, String user, Map<String, Object> values) {
        FormValues form = new FormValues(values);
        boolean approved = form.bool(ProjectLifecycle.Var.APPROVED, "核验结论");
        String reason = form.optionalText(ProjectLifecycle.Var.RETURN_REASON, "退回原因", 1000);
        if (!approved && reason == null) {
            throw new InvalidInputException(ProjectLifecycle.Var.RETURN_REASON, "退回时请填写「退回原因」，经办人将在退回的任务中看到它");
        }
        StageClaim claim = claims.latest(projectCode, milestone, StageClaim.Decision.PENDING)
                .orElseThrow(() -> new NotFoundException("项目 " + projectCode + " 没有待核验的申报"));
        claims.decide(claim.id(), approved ? StageClaim.Decision.APPROVED : StageClaim.Decision.RETURNED, user,
                clock.now(), approved ? null : reason);
        return approved;
    }

    /** The claims made by these tasks, with their verification (待核验, 已通过, 已退回 and why). */
    public java.util.List<StageClaim> byTasks(java.util.List<String> taskIds) {
        return claims.byTasks(taskIds);
    }

    /** Writes the latest approved claim into the ledger: actual date, stage, evidence. */
    public void apply(String projectCode, Milestone milestone) {
        StageClaim claim = claims.latest(projectCode, milestone, StageClaim.Decision.APPROVED)
                .orElseThrow(() -> {
                    String label = milestone.label(project(projectCode).category());
                    return new NotFoundException("项目 " + projectCode + " 没有核验通过的" + label + "申报，不能记录" + label);
                });
        projects.recordMilestone(projectCode, milestone, claim, clock.now());
    }

    private Project project(String code) {
        return projects.find(code).orElseThrow(() -> new NotFoundException("项目 " + code + " 不存在"));
    }

    private static LocalDate notInFuture(LocalDate date, String field, String label, LocalDate today) {
        if (date.isAfter(today)) {
            throw new InvalidInputException(field, "「" + label + "」不能晚于今天（" + today + "）");
        }
        return date;
    }

    private static void notBefore(LocalDate date, LocalDate earlier, String field, String label, String earlierLabel) {
        if (earlier != null && date.isBefore(earlier)) {
            throw new InvalidInputException(field, "「" + label + "」不能早于" + earlierLabel + "（" + earlier + "）");
        }
    }

    private String summary(Project project, StageClaim c) {
        return switch (c.milestone()) {
            case SIGNING -> "合同编号 " + c.contractNo() + "；签约日期 " + c.signDate() + "；合同金额 " + c.contractAmount().toPlainString() + " 万元";
            case START -> "施工许可证 " + c.permitNo() + "；实际开工日期 " + c.startDate();
            case COMPLETION -> "竣工验收日期 " + c.acceptanceDate();
            case OPERATION -> c.milestone().label(project.category()) + "日期 " + c.operationDate();
        } + "（申报人 " + org.displayName(c.claimedBy()) + "）";
    }
}
