package cn.tuijin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.tuijin.TuijinTest;
import cn.tuijin.project.ProjectLifecycle;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.light.Light;
import cn.tuijin.light.LightService;
import cn.tuijin.system.EngineClock;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo city as a new user finds it after the first start, and after restarts.
 */
@TuijinTest
class DemoCityTest {

    @Autowired DemoCity demoCity;
    @Autowired JdbcTemplate jdbc;
    @Autowired RuntimeService runtime;
    @Autowired IdentityService identity;
    @Autowired TaskService tasks;
    @Autowired LightService lights;
    @Autowired WorkingDayCalendar calendar;
    @Autowired EngineClock clock;

    @Test
    void theApplicationRunsOnTheSuitesDay() {
        // The build sets the suite's day (pom.xml, -Dtuijin.today=…); the application and the engine count from it.
        String day = System.getProperty("tuijin.today");
        assertThat(day).as("the build sets tuijin.today").isNotBlank();
        assertThat(clock.today()).isEqualTo(LocalDate.parse(day));
        assertThat(LocalDate.ofInstant(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(), EngineClock.ZONE))
                .isEqualTo(LocalDate.parse(day));
    }

    @Test
    void seedingAgainAddsNothing() {
        int projects = count("project");
        int approvals = count("project_approval");
        int reports = count("monthly_report");
        long instances = runtime.createProcessInstanceQuery().processDefinitionKey(ProjectLifecycle.KEY).count();
        long users = identity.createUserQuery().count();
        long memberships = identity.createUserQuery().memberOfGroup("zjj").count();

        demoCity.seed();
        demoCity.seed();

        assertThat(count("project")).isEqualTo(projects);
        assertThat(count("project_approval")).isEqualTo(approvals);
        assertThat(count("monthly_report")).isEqualTo(reports);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ProjectLifecycle.KEY).count()).isEqualTo(instances);
        assertThat(identity.createUserQuery().count()).isEqualTo(users);
        assertThat(identity.createUserQuery().memberOfGroup("zjj").count()).isEqualTo(memberships);
    }

    @Test
    void cityHasThirtyOneProjectsInEveryStageWithARunningLifecycleWhereThereIsWorkToDo() {
        // The demo city's projects are numbered XM-2026-NNN; tests sharing this context add projects of their own.
        assertThat(jdbc.queryForObject("select count(*) from project where code like 'XM-2026-%'", Integer.class)).isEqualTo(31);
        assertThat(jdbc.queryForList("select distinct stage from project where code like 'XM-2026-%'", String.class))
                .containsExactlyInAnyOrder("RESERVE", "NEGOTIATING", "SIGNED", "UNDER_CONSTRUCTION", "COMPLETED", "OPERATING");
        assertThat(jdbc.queryForList("select distinct category from project where code like 'XM-2026-%'", String.class))
                .containsExactlyInAnyOrder("INDUSTRIAL", "INFRASTRUCTURE", "URBAN", "SOCIAL", "RENOVATION");
        List<String> withWork = jdbc.queryForList(
                "select code from project where code like 'XM-2026-%' and stage not in ('RESERVE', 'OPERATING')", String.class);
        assertThat(withWork).allSatisfy(code -> assertThat(runtime.createProcessInstanceQuery()
                .processDefinitionKey(ProjectLifecycle.KEY).processInstanceBusinessKey(code).count()).as(code).isPositive());
        assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isEqualTo(1);
    }

    @Test
    void underConstructionProjectsCarryTheirMonthlyReportsHeldAgainstTheSchedule() {
        Integer reported = jdbc.queryForObject("select count(distinct project_code) from monthly_report where project_code like 'XM-2026-%'", Integer.class);
        Integer building = jdbc.queryForObject("select count(*) from project where stage = 'UNDER_CONSTRUCTION' and code like 'XM-2026-%'", Integer.class);
        assertThat(reported).isEqualTo(building);
        Integer behind = jdbc.queryForObject("select count(*) from monthly_report where year_to_date < schedule_expected * 0.9", Integer.class);
        assertThat(behind).as("some projects lag the time-proportional schedule").isPositive();
    }

    @Test
    void landIssueOnTheRiversideRoadIsPastItsFirstLevelAndItsProjectIsRedWhateverTheDayOfTheFirstStart() {
        // Reported a fixed number of working days ago, so its first level has just run out on any day the city is seeded.
        Timestamp firstDeadline = jdbc.queryForObject("select min(first_deadline_at) from issue where project_code = ?", Timestamp.class,
                DemoCity.ISSUE_PROJECT);
        assertThat(firstDeadline.toInstant()).isBefore(clock.now());
        Timestamp reported = jdbc.queryForObject("select min(reported_at) from issue where project_code = ?", Timestamp.class,
                DemoCity.ISSUE_PROJECT);
        assertThat(LocalDate.ofInstant(reported.toInstant(), WorkingDayCalendar.ZONE))
                .isEqualTo(calendar.subtractWorkingDays(clock.today(), DemoCity.ISSUE_AGE));
        // The stored light is computed at today's time, not at the day the issue was reported.
        assertThat(lights.get("XM-2026-010").light()).isEqualTo(Light.RED);
        assertThat(lights.get("XM-2026-010").reason()).contains("「申报开工｜临江大道快速化改造」已逾期");
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
