package cn.tuijin;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * The rows that tests and benchmarks write straight into the application's tables, past the application: one insert
 * per table, naming every column, so that a column added to the table is added here once.
 */
public final class Rows {

    /** Every column of {@code project}, in the order of the application's own insert ({@code ProjectRepository}). */
    public static final String PROJECT = """
            insert into project (code, name, content, category, level, district_code, lead_unit_code, leader_id,
                total_investment, annual_plan_investment, planned_sign_date, planned_start_date, planned_completion_date,
                planned_operation_date, actual_sign_date, actual_start_date, actual_completion_date, actual_operation_date,
                stage, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Every column of {@code task_deadline}. */
    public static final String TASK_DEADLINE = """
            insert into task_deadline (task_id, project_code, process_instance_id, activity_id, task_name, kind,
                holder_unit_code, holder_user_id, created_at, warn_at, due_at, provisional, status, due_soon, overdue,
                paused_at, completed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Lead units of the demo city, with their districts ({unit, district}), that the benchmarks' projects take in turn. */
    public static final String[][] LEAD_UNITS = {{"ljq", "lj"}, {"bhq", "bh"}, {"gxq", "gx"}, {"hxjc", "gx"}};

    /**
     * Copies of a project in negotiation, on PostgreSQL: {@code count} of them, coded {@code prefix} and a five-digit
     * number from 00001, named after it with the number, their signing and start planned on the days given; returns
     * their codes in order.
     */
    public static List<String> negotiatingCopies(JdbcTemplate jdbc, String template, String prefix, int count, LocalDate sign,
                                                 LocalDate start) {
        jdbc.update("""
                insert into project (code, name, content, category, level, district_code, lead_unit_code, leader_id,
                    total_investment, annual_plan_investment, planned_sign_date, planned_start_date, planned_completion_date,
                    planned_operation_date, stage, created_at, updated_at)
                select ? || lpad(cast(n as varchar), 5, '0'), name || '（' || n || '）', content, category, level,
                    district_code, lead_unit_code, leader_id, total_investment, annual_plan_investment, ?, ?,
                    planned_completion_date, planned_operation_date, 'NEGOTIATING', created_at, updated_at
                from project, generate_series(1, ?) as n where code = ?""",
                prefix, Date.valueOf(sign), Date.valueOf(start), count, template);
        return jdbc.queryForList("select code from project where code like ? order by code", String.class, prefix + "%");
    }

    /** A null date, typed: JdbcTemplate would otherwise ask the driver for each null's type (on PostgreSQL a round trip). */
    private static final SqlParameterValue NO_DATE = new SqlParameterValue(Types.DATE, null);

    private Rows() {
    }

    /**
     * The {@link #PROJECT} row of a benchmark's project number {@code n} in negotiation, ready for its lifecycle: industrial,
     * of the city, led by the n-th of {@link #LEAD_UNITS} with 马志远 (mazy) as its leader, 50,000 (10,000 this year)
     * in investment, signing planned on the day given, start 100 days later, completion 500 and operation 560.
     */
    public static Object[] negotiatingProject(String code, int n, LocalDate sign, Timestamp now) {
        String[] lead = LEAD_UNITS[n % LEAD_UNITS.length];
        return new Object[] {code, "压测项目" + n, "基准测试用项目", "INDUSTRIAL", "CITY", lead[1], lead[0], "mazy",
                new BigDecimal("50000"), new BigDecimal("10000"), Date.valueOf(sign), Date.valueOf(sign.plusDays(100)),
                Date.valueOf(sign.plusDays(500)), Date.valueOf(sign.plusDays(560)), NO_DATE, NO_DATE, NO_DATE, NO_DATE,
                "NEGOTIATING", now, now};
    }

    /**
     * The {@link #PROJECT} row of a benchmark's project number {@code n} under construction (在建), ready for its
     * lifecycle (which then starts at 在建, waiting for its completion claim and opening a monthly report each month):
     * as {@link #negotiatingProject} but signed and started on the days given (planned and actual alike), completion
     * planned on the day given, operation 60 days later.
     */
    public static Object[] underConstructionProject(String code, int n, LocalDate signed, LocalDate started, LocalDate completion,
                                                    Timestamp now) {
        String[] lead = LEAD_UNITS[n % LEAD_UNITS.length];
        return new Object[] {code, "压测在建项目" + n, "基准测试用项目", "INDUSTRIAL", "CITY", lead[1], lead[0], "mazy",
                new BigDecimal("50000"), new BigDecimal("10000"), Date.valueOf(signed), Date.valueOf(started),
                Date.valueOf(completion), Date.valueOf(completion.plusDays(60)), Date.valueOf(signed), Date.valueOf(started),
                NO_DATE, NO_DATE, "UNDER_CONSTRUCTION", now, now};
    }
}
