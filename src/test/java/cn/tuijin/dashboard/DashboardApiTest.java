package cn.tuijin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.system.WebappBrowser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard's data as supervisors read it: counts that match the overdue list, filters, drill-down, access.
 */
@TuijinTest
class DashboardApiTest {

    @LocalServerPort int port;
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> get(String path, String user) throws Exception {
        return new ApiCalls(port).call("GET", path, user, null);
    }

    private JsonNode read(String path, String user) throws Exception {
        HttpResponse<String> answer = get(path, user);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    @Test
    void overdueCountOfTheSummaryIsTheLengthOfTheOverdueList() throws Exception {
        JsonNode summary = read("/api/dashboard/summary", "huangzh");
        JsonNode list = read("/api/dashboard/overdue?size=500", "huangzh");
        assertThat(summary.get("overdue").asInt()).isPositive().isEqualTo(list.get("total").asInt()).isEqualTo(list.get("items").size());
        int byDistrict = 0;
        for (JsonNode d : summary.get("districts")) {
            byDistrict += d.get("overdue").asInt();
        }
        assertThat(byDistrict).isEqualTo(summary.get("overdue").asInt());
        assertThat(summary.get("lights").get("RED").asInt()).isPositive();
        JsonNode first = list.get("items").get(0);
        assertThat(first.get("workingDaysLate").asInt()).isPositive();
        assertThat(first.get("tasklistLink").asText()).startsWith("/camunda/app/tasklist/");
        // Most late first.
        assertThat(first.get("dueAt").asText()).isLessThanOrEqualTo(list.get("items").get(1).get("dueAt").asText());
    }

    @Test
    void filtersNarrowTheListAndTheCount() throws Exception {
        JsonNode zjj = read("/api/dashboard/overdue?unit=zjj&size=500", "zhengwt");
        assertThat(zjj.get("total").asInt()).isPositive().isEqualTo(zjj.get("items").size());
        assertThat(zjj.get("items").findValuesAsText("unitCode")).containsOnly("zjj");
        JsonNode reports = read("/api/dashboard/overdue?kind=MONTHLY_REPORT", "mazy");
        assertThat(reports.get("items").findValuesAsText("kindLabel")).containsOnly("月度调度");
        assertThat(get("/api/dashboard/overdue?sort=colour", "huangzh").statusCode()).isEqualTo(400);
    }

    @Test
    void drillDownShowsTheTimelineAndTheDiagramWithTheCurrentActivity() throws Exception {
        JsonNode timeline = read("/api/dashboard/projects/XM-2026-010/timeline", "huangzh");
        assertThat(timeline.findValuesAsText("text")).anyMatch(t -> t.startsWith("计划开工"));
        JsonNode diagram = read("/api/dashboard/projects/XM-2026-010/diagram", "huangzh");
        assertThat(diagram.get("xml").asText()).contains("Task_ClaimStart", "bpmndi:BPMNDiagram");
        assertThat(diagram.get("activeActivityIds").toString()).contains("Task_ClaimStart");
        assertThat(get("/api/dashboard/projects/XM-9999-999/timeline", "huangzh").statusCode()).isEqualTo(404);
    }

    @Test
    void onlySupervisorsTheProjectOfficeAndLeadersGetIn() throws Exception {
        assertThat(get("/api/dashboard/summary", null).statusCode()).isEqualTo(401);
        HttpResponse<String> officer = get("/api/dashboard/summary", "wangjg");
        assertThat(officer.statusCode()).isEqualTo(403);
        assertThat(officer.body()).contains("督查看板仅供督查室、重点项目办和分包领导查看");
    }

    @Test
    void supervisorLoggedIntoTasklistReadsTheDashboardWithTheSameSession() throws Exception {
        WebappBrowser browser = new WebappBrowser("http://localhost:" + port);
        browser.logIn("huangzh", "demo");
        HttpResponse<String> summary = browser.get("/api/dashboard/summary");
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        assertThat(json.readTree(summary.body()).get("projects").asInt()).isGreaterThanOrEqualTo(31);
    }
}
