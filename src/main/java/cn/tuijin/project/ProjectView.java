package cn.tuijin.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A project as the API shows it: codes with their Chinese labels, planned and actual dates, and what happened.
 */
public record ProjectView(
        String code,
        String name,
        String category,
        String categoryLabel,
        String level,
        String levelLabel,
        String districtCode,
        String leadUnitCode,
        List<String> cooperatingUnitCodes,
        String leaderId,
        BigDecimal totalInvestment,
        BigDecimal annualPlanInvestment,
        String stage,
        String stageLabel,
        Dates planned,
        Dates actual,
        List<Approval> approvals,
        List<Claim> claims,
        List<Report> monthlyReports) {

    /** Dates of the four milestones. */
    public record Dates(LocalDate signing, LocalDate start, LocalDate completion, LocalDate operation) {
    }

    /** A pre-construction approval. */
    public record Approval(String item, String itemLabel, String unitCode, int promisedWorkingDays, String status,
                           String statusLabel, String approvalNo, String missingDocuments) {
    }

    /** A milestone claim and its verification. */
    public record Claim(String milestone, String claimedBy, String claimedAt, String decision, String decidedBy,
                        String returnReason) {
    }

    /** A monthly dispatch report, with its year-to-date investment against the time-proportional schedule. */
    public record Report(String period, BigDecimal monthInvestment, BigDecimal cumulativeInvestment,
                         BigDecimal yearToDate, BigDecimal scheduleExpected, int progressPercent, String problems) {
    }

    static ProjectView summary(Project p, List<String> cooperating) {
        return of(p, cooperating, null, null, null);
    }

    static ProjectView of(Project p, List<String> cooperating, List<ProjectApproval> approvals, List<StageClaim> claims,
                          List<MonthlyReport> reports) {
        return new ProjectView(p.code(), p.name(), p.category().name(), p.category().label(), p.level().name(),
                p.level().label(), p.districtCode(), p.leadUnitCode(), cooperating, p.leaderId(), p.totalInvestment(),
                p.annualPlanInvestment(), p.stage().name(), p.stageLabel(),
                new Dates(p.plannedSignDate(), p.plannedStartDate(), p.plannedCompletionDate(), p.plannedOperationDate()),
                new Dates(p.actualSignDate(), p.actualStartDate(), p.actualCompletionDate(), p.actualOperationDate()),
                approvals == null ? null : approvals.stream().map(a -> new Approval(a.item().name(), a.item().label(),
                        a.unitCode(), a.promisedDays(), a.status().name(), a.status().label(), a.approvalNo(),
                        a.missingDocuments())).toList(),
                claims == null ? null : claims.stream().map(c -> new Claim(c.milestone().name(), c.claimedBy(),
                        c.claimedAt().toString(), c.decision().name(), c.decidedBy(), c.returnReason())).toList(),
                reports == null ? null : reports.stream().map(r -> new Report(r.period().toString(), r.monthInvestment(),
                        r.cumulativeInvestment(), r.yearToDate(), r.scheduleExpected(), r.progressPercent(),
                        r.problems())).toList());
    }
}
