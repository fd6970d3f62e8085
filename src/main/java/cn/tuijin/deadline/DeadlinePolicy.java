package cn.tuijin.deadline;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each kind of work may take, in working days, and how early its warning window opens.
 * Read from {@code tuijin.deadlines}; a change affects deadlines computed after it only. (The promised days of each
 * approval, {@code tuijin.deadlines.approvals}, are the project module's: {@code ApprovalPromises}; the issue and notice
 * deadlines under the same prefix are those modules' own, declared as {@link DeadlineWindows}.)
 *
 * @param verification     the project office's verification of a claim
 * @param supplement       supplying the documents missing at a 容缺 acceptance
 * @param milestoneWarn    working days before a planned milestone date that its warning window opens
 * @param approvalWarn     working days before an approval's promised date that its warning window opens
 * @param monthlyReport    the monthly dispatch report: due by the n-th working day of the month
 */
@ConfigurationProperties("tuijin.deadlines")
public record DeadlinePolicy(
        @DefaultValue Window verification,
        @DefaultValue Window supplement,
        @DefaultValue("5") int milestoneWarn,
        @DefaultValue("2") int approvalWarn,
        @DefaultValue MonthlyReport monthlyReport) implements DeadlineWindows {

    @Override
    public Map<String, Window> windows() {
        return Map.of("VERIFICATION", verification, "SUPPLEMENT", supplement);
    }

    /** A deadline of {@code days} working days whose warning window opens {@code warn} working days before it. */
    public record Window(@DefaultValue("3") int days, @DefaultValue("1") int warn) {
    }

    /** The monthly report is due by the {@code dayOfMonth}-th working day; warning {@code warn} working days before. */
    public record MonthlyReport(@DefaultValue("5") int dayOfMonth, @DefaultValue("2") int warn) {
    }
}
