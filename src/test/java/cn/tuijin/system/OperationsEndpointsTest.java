package cn.tuijin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.deadline.DeadlineKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What operators read: /actuator/health (open; the database and the job executor in detail for administrators) and
 * /actuator/prometheus (administrators only) with the application's own figures.
 */
@TuijinTest
class OperationsEndpointsTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anyoneSeesThatTheApplicationIsUpButOnlyAdministratorsSeeTheDetails() throws Exception {
        HttpResponse<String> anonymous = get("/actuator/health", null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        JsonNode status = json.readTree(anonymous.body());
        assertThat(status.path("status").asText()).isEqualTo("UP");
        assertThat(status.has("components")).as(anonymous.body()).isFalse();

        HttpResponse<String> officer = get("/actuator/health", "wangjg");
        assertThat(json.readTree(officer.body()).has("components")).as(officer.body()).isFalse();

        JsonNode admin = json.readTree(get("/actuator/health", "admin").body());
        assertThat(admin.at("/components/db/status").asText()).isEqualTo("UP");
        JsonNode jobs = admin.at("/components/jobExecutor");
        // The tests run without a job executor, on purpose: that node is healthy.
        assertThat(jobs.path("status").asText()).isEqualTo("UP");
        assertThat(jobs.at("/details/enabled").asBoolean()).isFalse();
        assertThat(jobs.at("/details/active").asBoolean()).isFalse();
        assertThat(jobs.at("/details/dueJobs").asLong()).isEqualTo(management.createJobQuery().executable().count());
        assertThat(jobs.at("/details/failedJobsWithoutRetries").isNumber()).isTrue();
    }

    @Test
    void metricsAreForAdministratorsOnly() throws Exception {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        HttpResponse<String> officer = get("/actuator/prometheus", "wangjg");
        assertThat(officer.statusCode()).isEqualTo(403);
        assertThat(officer.body()).contains("运行监控指标仅供系统管理员查看").doesNotContain("tuijin_");
        assertThat(get("/actuator/prometheus", "huangzh").statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", "admin").statusCode()).isEqualTo(200);
        // Nothing else of the actuator is published.
        assertThat(get("/actuator/env", "admin").statusCode()).isEqualTo(404);
    }

    @Test
    void overdueItemsByKindAreTheDashboardsOverdueList() throws Exception {
        JsonNode list = json.readTree(get("/api/dashboard/overdue?size=500", "huangzh").body());
        Map<String, Double> dashboard = new HashMap<>();
        for (JsonNode item : list.get("items")) {
            dashboard.merge(item.get("kind").asText(), 1.0, Double::sum);
        }
        assertThat(dashboard).as("the demo city has overdue items").isNotEmpty();

        String metrics = scrape();
        for (DeadlineKind kind : DeadlineKind.values()) {
            assertThat(value(metrics, "tuijin_overdue", "kind=\"" + kind.name() + "\""))
                    .as("tuijin_overdue{kind=%s}", kind).isEqualTo(dashboard.getOrDefault(kind.name(), 0.0));
        }
    }

    @Test
    void notificationBacklogCountsTheRemindersNotYetSent() throws Exception {
        Long unsent = jdbc.queryForObject("select count(*) from notification_delivery where status = 'PENDING'", Long.class);
        assertThat(value(scrape(), "tuijin_notifications_backlog", "")).isEqualTo(unsent.doubleValue());
    }

    @Test
    void jobsThatRunAndFailAreCountedAndAFailedJobOutOfRetriesIsAnIncident() throws Exception {
        BpmnModelInstance probe = Bpmn.createExecutableProcess("metrics-probe").camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("work").camundaAsyncBefore().camundaExpression("${fail ? noSuchBean.call() : true}")
                .endEvent().done();
        Deployment deployment = repository.createDeployment().name("metrics-probe")
                .addModelInstance("metrics-probe.bpmn", probe).deploy();
        try {
            String before = scrape();
            double executed = value(before, "tuijin_jobs_executed_total", "");
            double failed = value(before, "tuijin_jobs_failed_total", "");
            double incidents = value(before, "tuijin_incidents", "");

            String ok = runtime.startProcessInstanceByKey("metrics-probe", Map.of("fail", false)).getId();
            management.executeJob(job(ok).getId());
            String bad = runtime.startProcessInstanceByKey("metrics-probe", Map.of("fail", true)).getId();
            Job failing = job(bad);
            assertThatThrownBy(() -> management.executeJob(failing.getId())).hasMessageContaining("noSuchBean");

            String after = scrape();
            assertThat(value(after, "tuijin_jobs_executed_total", "")).isEqualTo(executed + 1);
            assertThat(value(after, "tuijin_jobs_failed_total", "")).isEqualTo(failed + 1);
            assertThat(value(after, "tuijin_incidents", "")).isEqualTo(incidents);

            management.setJobRetries(failing.getId(), 0);
            assertThat(value(scrape(), "tuijin_incidents", "")).isEqualTo(incidents + 1);
            JsonNode health = json.readTree(get("/actuator/health", "admin").body());
            assertThat(health.at("/components/jobExecutor/details/failedJobsWithoutRetries").asLong()).isPositive();
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    private Job job(String processInstanceId) {
        return management.createJobQuery().processInstanceId(processInstanceId).singleResult();
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus", "admin");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of a sample of the Prometheus text, the one whose labels contain the given label. */
    private static double value(String metrics, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample " + name + "{" + label + "} in\n" + metrics);
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return new ApiCalls(port).call("GET", path, user, null);
    }
}
