package cn.tuijin.bulletin;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import cn.tuijin.Rows;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.project.Category;
import cn.tuijin.project.Level;
import cn.tuijin.project.Project;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.project.Stage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A tiny city of its own for the bulletin's figures, beside whatever else the test database holds: district TZ
 * (TZ测试区), two lead units, seven projects, their 2026 reports, overdue records and deadlines, issues, extension
 * requests and lights around June 2026. Codes (TZ…, tz…) cannot collide with the demo city's.
 *
 * <pre>
 * project  unit  stage now            verified dates                         planned start  annual plan  reports (year to date)
 * TZ-001   tza   UNDER_CONSTRUCTION   signed 2025-12-01, started 2026-03-10  2026-03-01     1200         2025-12: 90, 04: 200, 05: 450, 06: 700, 07: 900
 * TZ-002   tza   SIGNED               signed 2026-02-01                      2026-05-15      600         —
 * TZ-003   tza   UNDER_CONSTRUCTION   signed 2026-01-10, started 2026-07-06  2026-06-20      300         07: 50
 * TZ-004   tzb   COMPLETED            started 2025-05-01, done 2026-05-20    2025-04-01      400         03: 150, 05: 400
 * TZ-005   tzb   RESERVE              —                                      —                 0         —
 * TZ-006   tzb   NEGOTIATING          —                                      2026-09-01      100         —
 * TZ-007   tzb   OPERATING            started 2024-03-01, operating 2026-01-15  2024-02-01     0         —
 * </pre>
 */
final class BulletinTestCity {

    static final String DISTRICT = "TZ";
    static final String UNIT_A = "tza";
    static final String UNIT_B = "tzb";

    private final JdbcTemplate jdbc;
    private final ProjectRepository projects;

    BulletinTestCity(JdbcTemplate jdbc, ProjectRepository projects) {
        this.jdbc = jdbc;
        this.projects = projects;
    }

    /** Adds the city if it is not there, and puts its lights back as the figures expect them. */
    void ensure() {
        Integer present = jdbc.queryForObject("select count(*) from district where code = ?", Integer.class, DISTRICT);
        if (present == null || present == 0) {
            create();
        }
        jdbc.update("delete from project_light where project_code like 'TZ-%'");
        light("TZ-002", "RED");
        light("TZ-004", "YELLOW");
    }

    private void create() {
        jdbc.update("insert into district (code, name) values (?, ?)", DISTRICT, "TZ测试区");
        jdbc.update("insert into unit (code, name, kind, district_code) values (?, ?, ?, ?)", UNIT_A, "TZ测试甲局", "DEPARTMENT", DISTRICT);
        jdbc.update("insert into unit (code, name, kind, district_code) values (?, ?, ?, ?)", UNIT_B, "TZ测试乙公司", "ENTERPRISE", DISTRICT);

        project("TZ-001", UNIT_A, Stage.UNDER_CONSTRUCTION, "1200", d(2026, 3, 1), d(2025, 12, 1), d(2026, 3, 10), null, null);
        project("TZ-002", UNIT_A, Stage.SIGNED, "600", d(2026, 5, 15), d(2026, 2, 1), null, null, null);
        project("TZ-003", UNIT_A, Stage.UNDER_CONSTRUCTION, "300", d(2026, 6, 20), d(2026, 1, 10), d(2026, 7, 6), null, null);
        project("TZ-004", UNIT_B, Stage.COMPLETED, "400", d(2025, 4, 1), d(2025, 3, 1), d(2025, 5, 1), d(2026, 5, 20), null);
        project("TZ-005", UNIT_B, Stage.RESERVE, "0", null, null, null, null, null);
        project("TZ-006", UNIT_B, Stage.NEGOTIATING, "100", d(2026, 9, 1), null, null, null, null);
        project("TZ-007", UNIT_B, Stage.OPERATING, "0", d(2024, 2, 1), d(2024, 1, 5), d(2024, 3, 1), d(2025, 10, 1), d(2026, 1, 15));

        report("TZ-001", "2025-12", "90");
        report("TZ-001", "2026-04", "200");
        report("TZ-001", "2026-05", "450");
        report("TZ-001", "2026-06", "700");
        report("TZ-001", "2026-07", "900");
        report("TZ-003", "2026-07", "50");
        report("TZ-004", "2026-03", "150");
        report("TZ-004", "2026-05", "400");

        // Accountability records: detected in June (2 of them, one 30 minutes before the month ends), in May, in July.
        accountability("tz-task-a", "TZ-002", UNIT_A, at(2026, 6, 10, 9, 0));
        accountability("tz-task-b", "TZ-002", UNIT_A, at(2026, 5, 28, 9, 0));
        accountability("tz-task-c", "TZ-004", UNIT_B, at(2026, 6, 30, 23, 30));
        accountability("tz-task-d", "TZ-001", UNIT_A, at(2026, 7, 1, 0, 10));

        // Deadlines: overdue and open at the month's end (d1, d2 — done only in July), done in time (d3), not yet due (d4).
        deadline("tz-d1", "TZ-002", UNIT_A, at(2026, 5, 1, 9, 0), at(2026, 6, 10, 18, 0), null);
        deadline("tz-d2", "TZ-003", UNIT_A, at(2026, 6, 1, 9, 0), at(2026, 6, 20, 18, 0), at(2026, 7, 3, 10, 0));
        deadline("tz-d3", "TZ-001", UNIT_A, at(2026, 6, 1, 9, 0), at(2026, 6, 15, 18, 0), at(2026, 6, 12, 10, 0));
        deadline("tz-d4", "TZ-004", UNIT_B, at(2026, 6, 1, 9, 0), at(2026, 7, 10, 18, 0), null);

        // Issues: solved on time in June; reported in May, escalated by a missed deadline and solved in June; reported in
        // June, escalation asked for, still open.
        issue("TZ-WT-1", 1, "TZ-001", UNIT_A, at(2026, 6, 3, 9, 0), at(2026, 6, 20, 9, 0));
        issue("TZ-WT-2", 2, "TZ-002", UNIT_A, at(2026, 5, 10, 9, 0), at(2026, 6, 28, 9, 0));
        event("TZ-WT-2", "DEADLINE_MISSED", UNIT_A, at(2026, 6, 5, 9, 0));
        issue("TZ-WT-3", 3, "TZ-004", UNIT_B, at(2026, 6, 15, 9, 0), null);
        event("TZ-WT-3", "ESCALATION_REQUESTED", UNIT_B, at(2026, 6, 18, 9, 0));

        // Extension requests: asked and approved in June; asked in June, pending; asked in May, approved in June.
        extension("tz-task-e1", "TZ-003", UNIT_A, at(2026, 6, 12, 9, 0), "APPROVED", at(2026, 6, 15, 9, 0));
        extension("tz-task-e2", "TZ-004", UNIT_B, at(2026, 6, 29, 9, 0), "PENDING", null);
        extension("tz-task-e3", "TZ-001", UNIT_A, at(2026, 5, 20, 9, 0), "APPROVED", at(2026, 6, 2, 9, 0));
    }

    private static LocalDate d(int y, int m, int day) {
        return LocalDate.of(y, m, day);
    }

    static Timestamp at(int y, int m, int day, int hour, int minute) {
        return Timestamp.from(LocalDateTime.of(y, m, day, hour, minute).atZone(WorkingDayCalendar.ZONE).toInstant());
    }

    private void project(String code, String unit, Stage stage, String plan, LocalDate plannedStart, LocalDate signed,
                         LocalDate started, LocalDate completed, LocalDate operating) {
        projects.insert(new Project(code, "项目" + code, "测试", Category.INDUSTRIAL, Level.DISTRICT, DISTRICT, unit, null,
                new BigDecimal("5000"), new BigDecimal(plan), null, plannedStart, null, null, signed, started, completed,
                operating, stage), List.of(), at(2024, 1, 2, 9, 0).toInstant());
    }

    void report(String project, String period, String yearToDate) {
        jdbc.update("""
                insert into monthly_report (project_code, period, month_investment, cumulative_investment, year_to_date,
                    schedule_expected, progress_percent, reported_by, reported_at)
                values (?, ?, 0, ?, ?, 0, 50, 'tzuser', ?)""", project, period, new BigDecimal(yearToDate),
                new BigDecimal(yearToDate), at(2026, 7, 1, 9, 0));
    }

    void accountability(String taskId, String project, String unit, Timestamp detected) {
        jdbc.update("""
                insert into accountability_record (project_code, process_instance_id, task_id, activity_id, task_name, kind,
                    holder_unit_code, holder_user_id, due_at, detected_at)
                values (?, 'tz-pi', ?, 'Task_ClaimStart', '申报开工', 'MILESTONE', ?, '', ?, ?)""",
                project, taskId, unit, detected, detected);
    }

    private void deadline(String taskId, String project, String unit, Timestamp created, Timestamp due, Timestamp completed) {
        jdbc.update(Rows.TASK_DEADLINE, taskId, project, "tz-pi", "Task_ClaimStart", "申报开工", "MILESTONE", unit, "", created,
                null, due, false, completed == null ? "OPEN" : "DONE", false, false, null, completed);
    }

    private void issue(String code, int seq, String project, String unit, Timestamp reported, Timestamp closed) {
        jdbc.update("""
                insert into issue (code, issue_year, issue_seq, project_code, category, description, severity, reported_by,
                    reported_at, lead_unit_code, major, current_level, status, holder_user_id, closed_at, reopen_count)
                values (?, 9001, ?, ?, 'OTHER', '测试问题', 'NORMAL', 'tzuser', ?, ?, false, 1, ?, '', ?, 0)""",
                code, seq, project, reported, unit, closed == null ? "OPEN" : "CLOSED", closed);
    }

    private void event(String issue, String kind, String unit, Timestamp at) {
        jdbc.update("insert into issue_event (issue_code, occurred_at, at_level, kind, actor, unit_code, text) values (?, ?, 1, ?, 'tzuser', ?, '测试')",
                issue, at, kind, unit);
    }

    private void extension(String taskId, String project, String unit, Timestamp requested, String status, Timestamp decided) {
        jdbc.update("""
                insert into extension_request (task_id, project_code, task_name, unit_code, requested_by, requested_at, old_due_at,
                    new_due_at, reason, after_deadline, status, decided_by, decided_at)
                values (?, ?, '申报开工', ?, 'tzuser', ?, ?, ?, '测试', false, ?, ?, ?)""",
                taskId, project, unit, requested, requested, requested, status, decided == null ? null : "huangzh", decided);
    }

    void light(String project, String light) {
        jdbc.update("delete from project_light where project_code = ?", project);
        jdbc.update("insert into project_light (project_code, light, reason, provisional, updated_at) values (?, ?, '测试', false, ?)",
                project, light, at(2026, 7, 1, 9, 0));
    }
}
