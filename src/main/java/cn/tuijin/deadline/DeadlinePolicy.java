package cn.tuijin.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each kind of work may take, in working days, and how early its warning window opens.
 * Read from {@code tuijin.deadlines}; a change affects deadlines computed after it only. (The promised days of each
 * approval, {@code tuijin.deadlines.approvals}, are the project module's: {@code ApprovalPromises}.)
 *
 * @param verification     the project office's verification of a claim
 * @param supplement       supplying the documents missing at a 容缺 acceptance
 * @param milestoneWarn    working days before a planned milestone date that its warning window opens
 * @param approvalWarn     working days before an approval's promised date that its warning window opens
 * @param monthlyReport    the monthly dispatch report: due by the n-th working day of the month
 * @param issueLevel1      an issue at level 1, with the lead unit
 * @param issueLevel2      an issue at level 2, with the contracting leader
 * @param issueLevel3      an issue at level 3, with the committee
 * @param notice           the answer to a supervision notice (限期整改)
 * @param issueOpinion     a cooperating unit's opinion on an issue at level 1
 */
@ConfigurationProperties("tuijin.deadlines")
public record DeadlinePolicy(
        @DefaultValue Window verification,
        @DefaultValue Window supplement,
        @DefaultValue("5") int milestoneWarn,
        @DefaultValue("2") int approvalWarn,
        @DefaultValue MonthlyReport monthlyReport,
        @DefaultValue Window issueLevel1,
        @DefaultValue Window issueLevel2,
        @DefaultValue Window issueLevel3,
        @DefaultValue Window notice,
        @DefaultValue Window issueOpinion) {

    /** A deadline of {@code days} working days whose warning window opens {@code warn} working days before it. */
    public record Window(@DefaultValue("3") int days, @DefaultValue("1") int warn) {
    }

    /** The monthly report is due by the {@code dayOfMonth}-th working day; warning {@code warn} working days before. */
    public record MonthlyReport(@DefaultValue("5") int dayOfMonth, @DefaultValue("2") int warn) {
    }
}
