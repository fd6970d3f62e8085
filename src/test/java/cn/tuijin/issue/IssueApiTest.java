package cn.tuijin.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reporting an issue and following it over the application's REST API, as an enterprise's contact or an officer would.
 */
@TuijinTest
class IssueApiTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return new ApiCalls(port).call(method, path, user, body);
    }

    private int issues() {
        return jdbc.queryForObject("select count(*) from issue", Integer.class);
    }

    @Test
    void enterpriseContactReportsAnIssueAndFindsItOnTheProjectWithItsTimeline() throws Exception {
        HttpResponse<String> reported = call("POST", "/api/issues", "wuh",
                "{\"projectCode\":\"XM-2026-006\",\"category\":\"配套\",\"description\":\"厂区110千伏专线尚未接入\",\"severity\":\"较大\"}");
        assertThat(reported.statusCode()).isEqualTo(201);
        JsonNode issue = json.readTree(reported.body());
        String code = issue.get("code").asText();
        assertThat(code).matches("WT-\\d{4}-\\d{4}");
        assertThat(issue.get("categoryLabel").asText()).isEqualTo("配套");
        assertThat(issue.get("reportedBy").asText()).isEqualTo("wuh");
        assertThat(issue.get("statusLabel").asText()).isEqualTo("待分派");

        JsonNode list = json.readTree(call("GET", "/api/projects/XM-2026-006/issues", "zhengwt", null).body());
        assertThat(list.findValuesAsText("code")).contains(code);
        JsonNode timeline = json.readTree(call("GET", "/api/issues/" + code + "/timeline", "zhengwt", null).body());
        assertThat(timeline.get("steps").get(0).get("kindLabel").asText()).isEqualTo("上报");
        assertThat(timeline.get("steps").get(0).get("text").asText()).contains("厂区110千伏专线尚未接入");
        assertThat(call("GET", "/api/issues/stats", "huangzh", null).body()).contains("\"unitCode\":\"hxjc\"");
    }

    @Nested
    class Refused {

        private void refused(String body, String field, String message) throws Exception {
            int before = issues();
            HttpResponse<String> answer = call("POST", "/api/issues", "wangjg", body);
            assertThat(answer.statusCode()).isEqualTo(400);
            JsonNode problem = json.readTree(answer.body());
            assertThat(problem.get("field").asText()).isEqualTo(field);
            assertThat(problem.get("detail").asText()).contains(message);
            assertThat(issues()).isEqualTo(before);
        }

        @Test
        void unknownProject() throws Exception {
            refused("{\"projectCode\":\"XM-1999-999\",\"category\":\"LAND\",\"description\":\"x\"}", "projectCode", "项目 XM-1999-999 不存在");
        }

        @Test
        void emptyDescription() throws Exception {
            refused("{\"projectCode\":\"XM-2026-010\",\"category\":\"LAND\",\"description\":\"\"}", "description", "请填写「问题描述」");
        }

        @Test
        void categoryOutsideTheList() throws Exception {
            refused("{\"projectCode\":\"XM-2026-010\",\"category\":\"天气\",\"description\":\"连续降雨\"}", "category", "未知的问题类别「天气」");
        }

        @Test
        void unknownIssueIsNotFoundAndNobodyAnonymousGetsIn() throws Exception {
            assertThat(call("GET", "/api/issues/WT-1999-0001", "zhengwt", null).statusCode()).isEqualTo(404);
            assertThat(call("GET", "/api/issues/stats", null, null).statusCode()).isEqualTo(401);
            assertThat(call("POST", "/api/issues", null, "{}").statusCode()).isEqualTo(401);
        }
    }
}
