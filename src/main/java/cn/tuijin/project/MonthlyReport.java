package cn.tuijin.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/**
 * A monthly dispatch report (月度调度) during construction, held against the time-proportional schedule (序时进度).
 * Amounts in 万元.
 */
public record MonthlyReport(
        String projectCode,
        YearMonth period,
        BigDecimal monthInvestment,
        BigDecimal cumulativeInvestment,
        BigDecimal yearToDate,
        BigDecimal scheduleExpected,
        int progressPercent,
        String problems,
        String reportedBy,
        Instant reportedAt) {

    /** Year-to-date investment as a share of what the schedule expects by the period's end (1 = on schedule). */
    public double scheduleRatio() {
        return scheduleExpected.signum() == 0 ? 1.0 : yearToDate.doubleValue() / scheduleExpected.doubleValue();
    }
}
