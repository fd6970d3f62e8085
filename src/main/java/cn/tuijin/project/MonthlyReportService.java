package cn.tuijin.project;

import static cn.tuijin.project.ProjectLifecycle.Field;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import cn.tuijin.system.EngineClock;
import cn.tuijin.system.FormValues;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Monthly dispatch reports: this month's and cumulative investment, physical progress, problems,
 * compared with the time-proportional share of the year's planned investment.
 */
@Service
public class MonthlyReportService {

    private final JdbcTemplate jdbc;
    private final ProjectRepository projects;
    private final EngineClock clock;

    MonthlyReportService(JdbcTemplate jdbc, ProjectRepository projects, EngineClock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.clock = clock;
    }

    public MonthlyReport submit(String projectCode, YearMonth period, String user, Map<String, Object> values) {
        Project project = projects.find(projectCode).orElseThrow(() -> new NotFoundException("项目 " + projectCode + " 不存在"));
        FormValues form = new FormValues(values);
        BigDecimal month = form.amount(Field.MONTH_INVESTMENT, "本月完成投资（万元）");
        BigDecimal cumulative = form.amount(Field.CUMULATIVE_INVESTMENT, "累计完成投资（万元）");
        int progress = form.integer(Field.PROGRESS_PERCENT, "形象进度（%）", 0, 100);
        String problems = form.optionalText(Field.PROBLEMS, "存在问题", 2000);
        if (cumulative.compareTo(month) < 0) {
            throw new InvalidInputException(Field.CUMULATIVE_INVESTMENT, "「累计完成投资」不能小于「本月完成投资」");
        }
        Integer existing = jdbc.queryForObject("select count(*) from monthly_report where project_code = ? and period = ?",
                Integer.class, projectCode, period.toString());
        if (existing != null && existing > 0) {
            throw new InvalidInputException("period", period + " 的月度调度已经填报过");
        }
        BigDecimal previous = jdbc.queryForObject("select coalesce(max(cumulative_investment), 0) from monthly_report where project_code = ? and period < ?",
                BigDecimal.class, projectCode, period.toString());
        if (previous != null && cumulative.compareTo(previous) < 0) {
            throw new InvalidInputException(Field.CUMULATIVE_INVESTMENT, "「累计完成投资」不能小于上月已报的累计数（" + previous.toPlainString() + " 万元）");
        }
        BigDecimal earlierThisYear = jdbc.queryForObject("select coalesce(sum(month_investment), 0) from monthly_report where project_code = ? and period >= ? and period < ?",
                BigDecimal.class, projectCode, period.getYear() + "-01", period.toString());
        BigDecimal yearToDate = earlierThisYear.add(month);
        BigDecimal expected = project.annualPlanInvestment().multiply(BigDecimal.valueOf(period.getMonthValue()))
                .divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
        MonthlyReport report = new MonthlyReport(projectCode, period, month, cumulative, yearToDate, expected, progress,
                problems, user, clock.now());
        jdbc.update("""
                insert into monthly_report (project_code, period, month_investment, cumulative_investment, year_to_date,
                    schedule_expected, progress_percent, problems, reported_by, reported_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                projectCode, period.toString(), month, cumulative, yearToDate, expected, progress, problems, user,
                Timestamp.from(report.reportedAt()));
        return report;
    }

    public List<MonthlyReport> forProject(String projectCode) {
        return jdbc.query("select * from monthly_report where project_code = ? order by period", (rs, i) -> new MonthlyReport(
                rs.getString("project_code"), YearMonth.parse(rs.getString("period")), rs.getBigDecimal("month_investment"),
                rs.getBigDecimal("cumulative_investment"), rs.getBigDecimal("year_to_date"), rs.getBigDecimal("schedule_expected"),
                rs.getInt("progress_percent"), rs.getString("problems"), rs.getString("reported_by"),
                rs.getTimestamp("reported_at").toInstant()), projectCode);
    }

    public YearMonth period(String text) {
        return YearMonth.parse(text);
    }

    /** The month a report opened now covers: the previous month. */
    public YearMonth currentPeriod() {
        return clock.thisMonth().minusMonths(1);
    }
}
