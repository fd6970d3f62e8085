package cn.tuijin.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Supervision notices over the application's REST API: a supervisor issues one about an overdue item of the demo
 * city; anyone logged in follows it; everyone else is refused in Chinese.
 */
@TuijinTest
class NoticeApiTest {

    /** Demo start claims other tests rely on being untouched. */
    private static final String KEPT = "'XM-2026-010', 'XM-2026-012'";

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired TaskService tasks;
    @Autowired FilterService filters;
    @Autowired EngineClock clock;
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return new ApiCalls(port).call(method, path, user, body);
    }

    /** An open deadline of the demo city that has passed (or not) and has no open notice. */
    private String item(boolean overdue) {
        return jdbc.queryForObject("select task_id from task_deadline where status = 'OPEN' and paused_at is null and holder_unit_code <> ''"
                + " and due_at " + (overdue ? "<" : ">") + " ? and project_code not in (" + KEPT + ")"
                + " and activity_id not like '%Notice' and activity_id <> 'Task_ReviewAnswer'"
                + " and task_id not in (select open_task_id from notice where open_task_id is not null)"
                + " order by due_at fetch first 1 rows only", String.class, Timestamp.from(clock.now()));
    }

    private int notices() {
        return jdbc.queryForObject("select count(*) from notice", Integer.class);
    }

    @Test
    void supervisorIssuesANoticeAndOthersFollowIt() throws Exception {
        String taskId = item(true);
        HttpResponse<String> issued = call("POST", "/api/notices", "huangzh",
                "{\"taskId\":\"" + taskId + "\",\"workingDays\":7,\"requirement\":\"三日内说明逾期原因并提出整改措施\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode notice = json.readTree(issued.body());
        long id = notice.get("id").asLong();
        assertThat(notice.get("number").asText()).matches("督办〔\\d{4}〕第\\d+号");
        assertThat(notice.get("taskId").asText()).isEqualTo(taskId);
        assertThat(notice.get("workingDays").asInt()).isEqualTo(7);
        assertThat(notice.get("statusLabel").asText()).isEqualTo("待整改");
        assertThat(notice.get("raisedToLeader").asBoolean()).isFalse();
        assertThat(notice.get("timeline").get(0).get("kindLabel").asText()).isEqualTo("下发督办单");
        String unit = notice.get("unitCode").asText();
        String officer = jdbc.queryForObject("select id from person where unit_code = ? and role = 'OFFICER' order by id fetch first 1 rows only",
                String.class, unit);
        String leader = jdbc.queryForObject("select leader_id from project where code = ?", String.class, notice.get("projectCode").asText());

        // The unit's officer reads it; the project's contracting leader finds it among his projects' notices.
        JsonNode read = json.readTree(call("GET", "/api/notices/" + id, officer, null).body());
        assertThat(read.get("number").asText()).isEqualTo(notice.get("number").asText());
        assertThat(read.get("requirement").asText()).isEqualTo("三日内说明逾期原因并提出整改措施");
        JsonNode open = json.readTree(call("GET", "/api/notices?unit=" + unit + "&status=OPEN", "zhengwt", null).body());
        assertThat(open.findValuesAsText("number")).contains(notice.get("number").asText());
        JsonNode forProject = json.readTree(call("GET", "/api/notices?project=" + notice.get("projectCode").asText(), leader, null).body());
        assertThat(forProject.findValuesAsText("taskId")).contains(taskId);

        // The unit's officer opens the answer task's Camunda form as Tasklist does; leaders have a filter for missed notices.
        String answerTask = tasks.createTaskQuery().processInstanceBusinessKey(notice.get("number").asText())
                .taskDefinitionKey(NoticeProcess.Element.ANSWER).singleResult().getId();
        HttpResponse<String> form = call("GET", "/engine-rest/task/" + answerTask + "/deployed-form", officer, null);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("form-answer-notice", "整改情况");
        assertThat(filters.createFilterQuery().filterName("逾期督办").count()).isEqualTo(1);

        HttpResponse<String> again = call("POST", "/api/notices", "huangzh", "{\"taskId\":\"" + taskId + "\",\"requirement\":\"再次督办\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json.readTree(again.body()).get("detail").asText()).contains("已有督办单 " + notice.get("number").asText());
    }

    @Nested
    class Refused {

        private void refused(String user, String body, int status, String field, String message) throws Exception {
            int before = notices();
            HttpResponse<String> answer = call("POST", "/api/notices", user, body);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
            JsonNode problem = json.readTree(answer.body());
            if (field != null) {
                assertThat(problem.get("field").asText()).isEqualTo(field);
            }
            assertThat(problem.get("detail").asText()).contains(message);
            assertThat(notices()).isEqualTo(before);
        }

        @Test
        void nobodyAnonymous() throws Exception {
            assertThat(call("GET", "/api/notices", null, null).statusCode()).isEqualTo(401);
            refused(null, "{\"taskId\":\"" + item(true) + "\",\"requirement\":\"整改\"}", 401, null, "请先登录");
        }

        @Test
        void onlySupervisorsIssueNotices() throws Exception {
            refused("wangjg", "{\"taskId\":\"" + item(true) + "\",\"requirement\":\"整改\"}", 403, null, "只有督查室");
            refused("zhengwt", "{\"taskId\":\"" + item(true) + "\",\"requirement\":\"整改\"}", 403, null, "只有督查室");
        }

        @Test
        void itemNotOverdue() throws Exception {
            refused("huangzh", "{\"taskId\":\"" + item(false) + "\",\"requirement\":\"整改\"}", 400, "taskId", "尚未逾期");
        }

        @Test
        void unknownItem() throws Exception {
            refused("huangzh", "{\"taskId\":\"no-such-task\",\"requirement\":\"整改\"}", 400, "taskId", "不存在或已办结");
        }

        @Test
        void emptyRequirement() throws Exception {
            refused("huangzh", "{\"taskId\":\"" + item(true) + "\",\"requirement\":\"\"}", 400, "requirement", "请填写「整改要求」");
        }

        @Test
        void zeroWorkingDaysOrABadDate() throws Exception {
            refused("huangzh", "{\"taskId\":\"" + item(true) + "\",\"workingDays\":0,\"requirement\":\"整改\"}", 400,
                    "workingDays", "「整改期限」须为1到60个工作日");
            refused("huangzh", "{\"taskId\":\"" + item(true) + "\",\"dueDate\":\"2026-13-01\",\"requirement\":\"整改\"}", 400,
                    "dueDate", "「整改截止日期」不是有效日期");
        }

        @Test
        void unknownNoticeAndUnknownStatus() throws Exception {
            assertThat(call("GET", "/api/notices/999999", "huangzh", null).statusCode()).isEqualTo(404);
            HttpResponse<String> status = call("GET", "/api/notices?status=DONE", "huangzh", null);
            assertThat(status.statusCode()).isEqualTo(400);
            assertThat(json.readTree(status.body()).get("field").asText()).isEqualTo("status");
        }
    }
}
