package cn.tuijin.demo;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.Deadlines;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.system.EngineClock;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the README and the tests promise of the demo city, checked on the day it was seeded (the application's today):
 * projects in every light, overdue deadlines of the kinds the dashboard shows first (monthly reports included), the
 * README's walks (the overdue start of 临江大道, the overdue permit of XM-2026-031, the land issue waiting for its
 * leader), an overdue supervision notice and last month's bulletin.
 */
final class DemoCityPromises {

    private final JdbcTemplate jdbc;
    private final TaskService tasks;
    private final WorkingDayCalendar calendar;
    private final EngineClock clock;

    DemoCityPromises(JdbcTemplate jdbc, TaskService tasks, WorkingDayCalendar calendar, EngineClock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Checks every promise, reporting all that fail at once, each named with the day. */
    void check() {
        LocalDate today = clock.today();
        Instant now = clock.now();
        SoftAssertions soft = new SoftAssertions();
        String on = "seeded on " + today + ": ";

        soft.assertThat(count("select count(*) from project")).as(on + "projects").isEqualTo(31);
        soft.assertThat(jdbc.queryForList("select distinct stage from project", String.class)).as(on + "stages")
                .containsExactlyInAnyOrder("RESERVE", "NEGOTIATING", "SIGNED", "UNDER_CONSTRUCTION", "COMPLETED", "OPERATING");
        soft.assertThat(jdbc.queryForList("select distinct light from project_light", String.class)).as(on + "lights")
                .contains("GREEN", "YELLOW", "RED");

        Map<String, Integer> overdue = new HashMap<>();
        jdbc.query("select kind, count(*) from task_deadline where status = 'OPEN' and paused_at is null and due_at < ? group by kind",
                rs -> {
                    overdue.put(rs.getString(1), rs.getInt(2));
                }, Timestamp.from(now));
        soft.assertThat(overdue).as(on + "overdue deadlines by kind").containsKeys("MILESTONE", "APPROVAL", "MONTHLY_REPORT", "NOTICE");

        // The README's first walk: 申报开工 of 临江大道, overdue, in 住建局's hands.
        Task start = tasks.createTaskQuery().processInstanceBusinessKey(DemoCity.ISSUE_PROJECT)
                .taskDefinitionKey(ProjectLifecycle.Element.CLAIM_START).singleResult();
        soft.assertThat(start).as(on + "the start claim of XM-2026-010").isNotNull();
        if (start != null) {
            soft.assertThat(start.getDueDate()).as(on + "its due date").isBefore(Date.from(now));
        }

        // The permit of XM-2026-031: seven working days from its acceptance, which passed two working days ago.
        Task permit = tasks.createTaskQuery().processInstanceBusinessKey("XM-2026-031").singleResult();
        soft.assertThat(permit).as(on + "the permit of XM-2026-031").isNotNull();
        if (permit != null) {
            LocalDate accepted = calendar.subtractWorkingDays(today, DemoCity.PERMIT_AGE);
            soft.assertThat(permit.getName()).as(on + "the permit's name").startsWith("办理审批：施工许可（市住房城乡建设局）");
            soft.assertThat(permit.getCreateTime()).as(on + "the permit's acceptance")
                    .isEqualTo(Date.from(accepted.atTime(9, 0).atZone(EngineClock.ZONE).toInstant()));
            soft.assertThat(permit.getDueDate()).as(on + "the permit's due date")
                    .isEqualTo(WorkingDayCalendar.endOf(calendar.addWorkingDays(accepted, 7)));
            // Two working days late on a working day; on a day off, the working days since the deadline up to it.
            soft.assertThat(calendar.workingDaysBetween(calendar.addWorkingDays(accepted, 7), today)).as(on + "working days late")
                    .isEqualTo(DemoCity.PERMIT_AGE - 7 - (calendar.isWorkingDay(today) ? 0 : 1));
        }

        // The start claims of 北湖区 and 高新区 carry a photo of their permit (申报开工 requires it); 临江大道's does not.
        for (String project : DemoEvidence.PERMITS.keySet()) {
            soft.assertThat(count("select count(*) from evidence_file where project_code = ? and kind = 'PERMIT' and task_key = ?"
                    + " and content_type = 'image/png'", project, ProjectLifecycle.Element.CLAIM_START)).as(on + "the permit photo of " + project)
                    .isEqualTo(1);
        }
        soft.assertThat(count("select count(*) from evidence_file where project_code = ?", DemoCity.ISSUE_PROJECT))
                .as(on + "no file on 临江大道's claim yet").isZero();

        // The land issue: reported ISSUE_AGE working days ago, its first level missed and recorded, now with its leader.
        Map<String, Object> issue = jdbc.queryForMap("select code, current_level, status, reported_at, level_due_at from issue where project_code = ?"
                + " order by reported_at fetch first 1 rows only", DemoCity.ISSUE_PROJECT);
        String code = (String) issue.get("code");
        soft.assertThat(LocalDate.ofInstant(((Timestamp) issue.get("reported_at")).toInstant(), EngineClock.ZONE)).as(on + "issue reported")
                .isEqualTo(calendar.subtractWorkingDays(today, DemoCity.ISSUE_AGE));
        soft.assertThat(code).as(on + "issue number").isEqualTo("WT-" + LocalDate.ofInstant(((Timestamp) issue.get("reported_at")).toInstant(),
                EngineClock.ZONE).getYear() + "-0001");
        soft.assertThat(((Number) issue.get("current_level")).intValue()).as(on + "issue level").isEqualTo(2);
        soft.assertThat(((Timestamp) issue.get("level_due_at")).toInstant()).as(on + "the leader's deadline").isAfter(now);
        soft.assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey("Task_CoordinateLevel2").count())
                .as(on + "the leader's task").isEqualTo(1);
        soft.assertThat(count("select count(*) from accountability_record where project_code = ? and activity_id = 'Task_ResolveLevel1'",
                DemoCity.ISSUE_PROJECT)).as(on + "level 1 missed and recorded").isEqualTo(1);

        // The supervision notice on the signing of XM-2026-001, past its answer date.
        soft.assertThat(count("select count(*) from notice where project_code = ? and status = 'OPEN' and due_at < ?",
                DemoCity.NOTICE_PROJECT, Timestamp.from(now))).as(on + "an open notice past its answer date").isEqualTo(1);

        // Last month's bulletin, published.
        soft.assertThat(count("select count(*) from bulletin where period = ? and status = 'PUBLISHED'",
                YearMonth.from(today).minusMonths(1).toString())).as(on + "last month's bulletin").isEqualTo(1);

        // Monthly reports: every project under construction has some, some lag the schedule, none in the future.
        soft.assertThat(count("select count(distinct project_code) from monthly_report"))
                .as(on + "projects with reports").isEqualTo(count("select count(*) from project where stage = 'UNDER_CONSTRUCTION'"));
        soft.assertThat(count("select count(*) from monthly_report where year_to_date < schedule_expected * 0.9"))
                .as(on + "reports lagging the schedule").isPositive();
        soft.assertThat(count("select count(*) from monthly_report where period >= ? or reported_at > ?",
                YearMonth.from(today).toString(), Timestamp.from(now))).as(on + "reports of this month or later").isZero();
        soft.assertAll();
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }
}
