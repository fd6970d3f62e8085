package cn.tuijin.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.deadline.DeadlineSweep;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Notifications through the API of the demo city, as its users would meet them: the project office points a unit's
 * group robot at the test rig's receiver (the allowed host localhost), a deadline of the demo passes, the unit's group gets one overdue notice and the leader's digest
 * one line, in Chinese, with a link that opens Tasklist; settings refused with the field named; the backlog for
 * supervisors.
 */
@TuijinTest
class NotificationApiTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired TaskService tasks;
    @Autowired DeadlineSweep sweep;
    @Autowired NotificationSender sender;
    @Autowired JavaMailSender mailSender;
    @Autowired EngineClock clock;
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return new ApiCalls(port).call(method, path, user, body);
    }

    private JsonNode ok(HttpResponse<String> answer) throws Exception {
        return new ApiCalls(port).ok(answer);
    }

    private void refused(HttpResponse<String> answer, int status, String field) throws Exception {
        new ApiCalls(port).refused(answer, status, field);
    }

    @AfterEach
    void clock() {
        clock.reset();
        jdbc.update("delete from notification_setting");
    }

    @Test
    void aDemoDeadlinePassingReachesTheUnitsRobotOnceAndTheLeadersDigestOnce() throws Exception {
        ((JavaMailSenderImpl) mailSender).setPort(mail.getSmtp().getPort());
        try (RobotReceiver robot = new RobotReceiver()) {
            // The project office (郑文涛) points 北湖区人民政府's group robot (WeCom, text) at the test's receiver.
            JsonNode unit = ok(call("PUT", "/api/notifications/settings/units/bhq", "zhengwt", """
                    {"webhookEnabled": true, "webhookKind": "WECOM", "webhookFormat": "TEXT",
                     "webhookUrl": "%s", "mailEnabled": false}""".formatted(robot.url("/cgi-bin/webhook/send?key=bhq-secret-key"))));
            assertThat(unit.path("webhookUrl").asText()).endsWith("/cgi-bin/webhook/send?key=***");
            assertThat(unit.path("name").asText()).isEqualTo("北湖区人民政府");

            // The first deadline of 北湖区人民政府 the application has not yet seen pass (XM-2026-011 北湖污水处理厂扩建's
            // start claim, twelve days late, or an earlier one; a later one if an earlier test's sweep passed those).
            Map<String, Object> first = jdbc.queryForMap("""
                    select d.task_id, d.project_code, d.due_at, p.name, p.leader_id, l.email from task_deadline d
                    join project p on p.code = d.project_code join person l on l.id = p.leader_id
                    where d.holder_unit_code = 'bhq' and d.holder_user_id = '' and d.status = 'OPEN' and not d.overdue
                      and d.paused_at is null and not d.process_timer
                    order by d.due_at, d.task_id fetch first 1 rows only""");
            String code = (String) first.get("PROJECT_CODE");
            String leader = (String) first.get("LEADER_ID");
            Task claim = tasks.createTaskQuery().taskId((String) first.get("TASK_ID")).singleResult();
            Instant dueAt = ((Timestamp) first.get("DUE_AT")).toInstant();
            if (!dueAt.isBefore(clock.now())) {
                clock.setTime(dueAt.plusSeconds(60));
            }
            // Its deadline passes as every node sweeps them (the demo's other deadlines past by now with it).
            sweep.sweep();
            assertThat(jdbc.queryForObject("select overdue from task_deadline where task_id = ?", Boolean.class, claim.getId())).isTrue();

            Timestamp due = jdbc.queryForObject("""
                    select max(d.not_before) from notification_delivery d join notification_outbox o on o.id = d.outbox_id
                    where o.task_id = ? and o.event = 'OVERDUE'""", Timestamp.class, claim.getId());
            clock.setTime(due.toInstant());
            for (int run = 0; run < 20 && sender.deliverDue() > 0; run++) {
                // the demo city's earlier notices go out too
            }

            String link = "http://localhost:8080/camunda/app/tasklist/default/#/?task=" + claim.getId();
            List<RobotReceiver.Taken> notices = robot.taken().stream().filter(t -> t.text().contains("已逾期：") && t.text().contains(link)).toList();
            assertThat(notices).hasSize(1);
            String text = notices.get(0).text();
            assertThat(text).startsWith("【推进】已逾期：" + claim.getName()).contains("项目：" + code + " " + first.get("NAME"), "个工作日）");
            assertThat(text.substring(text.indexOf("办理链接：") + "办理链接：".length()).trim()).isEqualTo(link);
            HttpResponse<String> tasklist = call("GET", link.replace("http://localhost:8080", "").replaceAll("#.*", ""), null, null);
            assertThat(tasklist.statusCode()).as("the link opens Tasklist").isEqualTo(200);
            assertThat(tasklist.body()).containsIgnoringCase("tasklist");

            String taskName = claim.getName().replaceAll("｜" + java.util.regex.Pattern.quote((String) first.get("NAME")) + "$", "");
            List<String> lines = new ArrayList<>();
            for (MimeMessage m : mail.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(first.get("EMAIL")) && m.getSubject().contains("逾期事项日报")) {
                    ((String) m.getContent()).lines().filter(l -> l.contains(code) && l.contains("｜" + taskName + "｜")).forEach(lines::add);
                }
            }
            assertThat(lines).as("one line in the leader's digest").hasSize(1);
            assertThat(lines.get(0)).contains((String) first.get("NAME"), "已逾期", "责任单位 北湖区人民政府");

            JsonNode sent = ok(call("GET", "/api/notifications?status=SENT&size=500", "huangzh", null));
            assertThat(sent.path("items").findValuesAsText("recipient")).contains("bhq", leader);
            assertThat(ok(call("GET", "/api/dashboard/summary", "huangzh", null)).path("notifications").has("failing")).isTrue();
        }
    }

    @Test
    void aPersonReadsAndChangesHisOwnSettings() throws Exception {
        JsonNode mine = ok(call("GET", "/api/notifications/settings/me", "wangjg", null));
        assertThat(mine.path("ledgerMailAddress").asText()).isEqualTo("wang@zjj.example.cn");
        assertThat(mine.path("mailEnabled").asBoolean()).isTrue();
        assertThat(mine.path("events")).hasSize(8);
        assertThat(mine.path("eventOptions").findValuesAsText("label")).contains("即将到期", "已逾期");

        JsonNode changed = ok(call("PUT", "/api/notifications/settings/me", "wangjg",
                "{\"events\":[\"OVERDUE\",\"NOTICE_ISSUED\"],\"mailAddress\":\"wjg@zjj.example.cn\"}"));
        assertThat(json.convertValue(changed.path("events"), List.class)).containsExactly("OVERDUE", "NOTICE_ISSUED");
        assertThat(ok(call("GET", "/api/notifications/settings/me", "wangjg", null)).path("mailAddress").asText())
                .isEqualTo("wjg@zjj.example.cn");
    }

    @Test
    void aUnitsRobotSecretIsNeverShown() throws Exception {
        JsonNode unit = ok(call("PUT", "/api/notifications/settings/units/zjj", "zhengwt", """
                {"webhookEnabled": true, "webhookUrl": "https://203.0.113.10/robot/send?access_token=abc", "webhookSecret": "SECxyz"}"""));
        assertThat(unit.path("webhookSecretSet").asBoolean()).isTrue();
        assertThat(unit.path("webhookKind").asText()).isEqualTo("DINGTALK");
        assertThat(unit.toString()).doesNotContain("SECxyz", "abc");
        // Sending the shown (masked) address back keeps the real one.
        ok(call("PUT", "/api/notifications/settings/units/zjj", "zhengwt", "{\"webhookUrl\": \"" + unit.path("webhookUrl").asText() + "\"}"));
        assertThat(jdbc.queryForObject("select webhook_url from notification_setting where owner_id = 'zjj'", String.class))
                .endsWith("access_token=abc");
    }

    @Nested
    class Refused {

        @Test
        void aBadAddressNamesTheField() throws Exception {
            refused(call("PUT", "/api/notifications/settings/me", "wangjg", "{\"mailAddress\":\"不是邮箱\"}"), 400, "mailAddress");
            refused(call("PUT", "/api/notifications/settings/me", "wangjg", "{\"events\":[\"PARTY\"]}"), 400, "events");
            refused(call("PUT", "/api/notifications/settings/units/zjj", "zhengwt", "{\"webhookUrl\":\"ftp://robot\"}"), 400, "webhookUrl");
            refused(call("PUT", "/api/notifications/settings/units/zjj", "zhengwt", "{\"webhookEnabled\":true}"), 400, "webhookUrl");
            refused(call("PUT", "/api/notifications/settings/units/zjj", "admin", "{\"webhookKind\":\"QQ\"}"), 400, "webhookKind");
            refused(call("PUT", "/api/notifications/settings/units/zjj", "wangjg", "{\"mailEnabled\":true}"), 400, "mailAddress");
            refused(call("GET", "/api/notifications?status=LOST", "huangzh", null), 400, "status");
        }

        @Test
        void anotherUnitsSettingsAndTheBacklogAreNotForEveryone() throws Exception {
            refused(call("GET", "/api/notifications/settings/units/zjj", "liuy", null), 403, null);
            refused(call("PUT", "/api/notifications/settings/units/zjj", "linxh", "{}"), 403, null);
            refused(call("GET", "/api/notifications", "wangjg", null), 403, null);
            refused(call("GET", "/api/notifications/settings/units/nosuchunit", "admin", null), 404, null);
        }
    }
}
