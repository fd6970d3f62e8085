package cn.tuijin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.tuijin.TuijinTest;
import cn.tuijin.project.ProjectLifecycle;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
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
    void cityHasThirtyProjectsInEveryStageWithARunningLifecycleWhereThereIsWorkToDo() {
        assertThat(count("project")).isEqualTo(30);
        assertThat(jdbc.queryForList("select distinct stage from project", String.class))
                .containsExactlyInAnyOrder("RESERVE", "NEGOTIATING", "SIGNED", "UNDER_CONSTRUCTION", "COMPLETED", "OPERATING");
        assertThat(jdbc.queryForList("select distinct category from project", String.class))
                .containsExactlyInAnyOrder("INDUSTRIAL", "INFRASTRUCTURE", "URBAN", "SOCIAL", "RENOVATION");
        Integer withWork = jdbc.queryForObject("select count(*) from project where stage not in ('RESERVE', 'OPERATING')", Integer.class);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ProjectLifecycle.KEY).count())
                .isGreaterThanOrEqualTo(withWork);
        assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isEqualTo(1);
    }

    @Test
    void underConstructionProjectsCarryTheirMonthlyReportsHeldAgainstTheSchedule() {
        Integer reported = jdbc.queryForObject("select count(distinct project_code) from monthly_report", Integer.class);
        Integer building = jdbc.queryForObject("select count(*) from project where stage = 'UNDER_CONSTRUCTION'", Integer.class);
        assertThat(reported).isEqualTo(building);
        Integer behind = jdbc.queryForObject("select count(*) from monthly_report where year_to_date < schedule_expected * 0.9", Integer.class);
        assertThat(behind).as("some projects lag the time-proportional schedule").isPositive();
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
