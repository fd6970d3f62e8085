package cn.tuijin.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.notification.NotificationOutbox.Event;
import cn.tuijin.notification.NotificationSettings.OwnerKind;
import cn.tuijin.notification.NotificationSettings.WebhookFormat;
import cn.tuijin.notification.NotificationSettings.WebhookKind;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 14, point 4: the server calls out only where a group robot belongs. Only the project office and administrators
 * set a unit's robot; its address is checked when it is set and again before each call, so neither the cloud's
 * metadata service, this machine nor an internal network is ever called, however the address is written; a failed
 * call keeps a short reason, never the answer. The test rig allows plain http and the host name localhost (its robot
 * receivers); a listener on this machine's loopback counts every connection that reaches it.
 */
@TuijinTest
class OutboundCallsTest {

    private static final String PREFIX = "outbound-test|";

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired NotificationSender sender;
    @Autowired DeliveryRepository deliveries;
    @Autowired SettingsRepository settings;
    @Autowired WebhookAddresses addresses;
    @Autowired EngineClock clock;
    private final ObjectMapper json = new ObjectMapper();
    private ApiCalls api;

    @BeforeEach
    void api() {
        api = new ApiCalls(port);
    }

    @AfterEach
    void forgetSettingsAndTestDeliveries() {
        clock.reset();
        jdbc.update("delete from notification_setting");
        jdbc.update("delete from notification_delivery where dedupe_key like ?", PREFIX + "%");
    }

    /** A notice to a unit's group robot, due now, planned as the planner would plan it. */
    private long robotMessageTo(String unit, String name) {
        String key = PREFIX + unit + "|" + name;
        DeliveryPlanner.Notice notice = new DeliveryPlanner.Notice(0, key, Event.OVERDUE, null, unit, null, null,
                "【推进】外呼测试", "外呼测试", clock.now(), "/");
        deliveries.insert(notice, key, new DeliveryPlanner.Recipient(OwnerKind.UNIT, unit, false), Channel.WEBHOOK,
                new NotificationText.Text("【推进】外呼测试：" + name, "外呼测试", "http://localhost:8080/"), clock.now().minusSeconds(60));
        return jdbc.queryForObject("select id from notification_delivery where dedupe_key = ?", Long.class, key);
    }

    private Map<String, Object> delivery(long id) {
        return jdbc.queryForMap("select status, attempts, last_error from notification_delivery where id = ?", id);
    }

    /** A unit's robot stored as it could be before the addresses were checked. */
    private void storedBeforeTheCheck(String unit, String url) {
        settings.save(new NotificationSettings(OwnerKind.UNIT, unit, false, null, true, WebhookKind.DINGTALK, WebhookFormat.TEXT,
                url, null, EnumSet.allOf(Event.class), "legacy", clock.now()));
    }

    private String storedUrl(String unit) {
        return settings.find(OwnerKind.UNIT, unit).map(NotificationSettings::webhookUrl).orElse(null);
    }

    @Test
    void theCloudsMetadataServiceAsARobotIsRefusedStoredNowhereAndNeverCalled() throws Exception {
        try (LoopbackListener listener = new LoopbackListener()) {
            String metadata = "{\"webhookEnabled\":true,\"webhookUrl\":\"http://169.254.169.254/latest/meta-data/\"}";
            api.refused(api.call("PUT", "/api/notifications/settings/units/zjj", "wangjg", metadata), 403, null);
            assertThat(api.refused(api.call("PUT", "/api/notifications/settings/units/zjj", "zhengwt", metadata), 400, "webhookUrl"))
                    .isEqualTo("「群机器人地址」不允许：链路本地地址");
            String here = "{\"webhookEnabled\":true,\"webhookUrl\":\"http://127.0.0.1:" + listener.port() + "/latest/meta-data/\"}";
            assertThat(api.refused(api.call("PUT", "/api/notifications/settings/units/zjj", "admin", here), 400, "webhookUrl"))
                    .isEqualTo("「群机器人地址」不允许：本机地址");
            assertThat(storedUrl("zjj")).isNull();
            assertThat(api.ok(api.call("GET", "/api/notifications/settings/units/zjj", "wangjg", null)).path("webhookEnabled").asBoolean())
                    .isFalse();

            sender.deliverDue();
            assertThat(listener.accepted()).isZero();
            JsonNode failing = api.ok(api.call("GET", "/api/notifications?status=FAILING&size=500", "huangzh", null));
            assertThat(failing.path("items").findValuesAsText("lastError")).noneMatch(e -> e.contains("meta-data") || e.contains("169.254"));
        }
    }

    @Test
    void aThousandMalformedRobotAndMailSettingsAreRefusedWithoutA5xxAndNothingReachesTheListener() throws Exception {
        try (LoopbackListener listener = new LoopbackListener()) {
            List<MalformedRobotSettings.Attempt> attempts = MalformedRobotSettings.all(listener.port());
            assertThat(attempts).hasSizeGreaterThanOrEqualTo(1000);
            List<String> wrong = new ArrayList<>();
            for (MalformedRobotSettings.Attempt attempt : attempts) {
                HttpResponse<String> answer = api.call("PUT", attempt.path(), "zhengwt", attempt.body());
                JsonNode problem = answer.statusCode() == 400 ? json.readTree(answer.body()) : null;
                if (problem == null || !attempt.field().equals(problem.path("field").asText())
                        || !problem.path("detail").asText().matches(".*\\p{IsHan}.*")) {
                    wrong.add(answer.statusCode() + " " + attempt.value().substring(0, Math.min(80, attempt.value().length()))
                            + " → " + answer.body().substring(0, Math.min(200, answer.body().length())));
                }
            }
            assertThat(wrong).as("each refused with 400 naming its field in Chinese").isEmpty();
            assertThat(jdbc.queryForObject("select count(*) from notification_setting", Integer.class)).as("nothing stored").isZero();
            assertThat(listener.accepted()).as("no call while settings were refused").isZero();

            // Robots stored before the check, at this machine in the ways the attempts wrote it: refused before each call.
            List<Long> planned = new ArrayList<>();
            List<String> units = List.of("zjj", "fgw", "zrj", "sthj", "gxj", "ljq", "bhq", "gxq", "hxjc");
            List<String> legacy = List.of("http://127.0.0.1:%d/", "http://[::1]:%d/", "http://2130706433:%d/", "http://0.0.0.0:%d/",
                    "http://[::ffff:127.0.0.1]:%d/", "http://user:pass@localhost:%d/", "http://127.1:%d/", "ftp://localhost:%d/",
                    "http://169.254.169.254/latest/meta-data/");
            for (int i = 0; i < units.size(); i++) {
                storedBeforeTheCheck(units.get(i), legacy.get(i).formatted(listener.port()));
                planned.add(robotMessageTo(units.get(i), "legacy"));
            }
            sender.deliverDue();
            assertThat(listener.accepted()).as("no call after the delivery job ran").isZero();
            for (long id : planned) {
                Map<String, Object> d = delivery(id);
                assertThat(d.get("STATUS")).as("given up: %s", d).isEqualTo("FAILED");
                assertThat((String) d.get("LAST_ERROR")).startsWith("地址不允许：");
            }
            for (String unit : units) {
                jdbc.update("delete from notification_setting where owner_kind = 'UNIT' and owner_id = ?", unit);
            }
        }
    }

    @Test
    void anOfficerMayNotSetHisUnitsRobotButHisUnitsMailboxAndHisOwnMail() throws Exception {
        try (RobotReceiver robot = new RobotReceiver()) {
            String allowed = "{\"webhookUrl\":\"" + robot.url("/robot/send?access_token=zjj") + "\"}";
            assertThat(api.refused(api.call("PUT", "/api/notifications/settings/units/zjj", "wangjg", allowed), 403, null))
                    .contains("群机器人", "重点项目办");
            for (String field : List.of("{\"webhookEnabled\":false}", "{\"webhookSecret\":\"SEC\"}", "{\"webhookKind\":\"WECOM\"}")) {
                api.refused(api.call("PUT", "/api/notifications/settings/units/zjj", "lina", field), 403, null);
            }
            api.refused(api.call("PUT", "/api/notifications/settings/me", "wangjg", allowed), 400, "webhookUrl");
            assertThat(storedUrl("zjj")).isNull();

            JsonNode unit = api.ok(api.call("PUT", "/api/notifications/settings/units/zjj", "wangjg",
                    "{\"mailEnabled\":true,\"mailAddress\":\"office@zjj.example.cn\",\"events\":[\"OVERDUE\"]}"));
            assertThat(unit.path("mailAddress").asText()).isEqualTo("office@zjj.example.cn");
            api.ok(api.call("PUT", "/api/notifications/settings/me", "wangjg", "{\"mailAddress\":\"wjg@zjj.example.cn\"}"));
            api.refused(api.call("PUT", "/api/notifications/settings/units/zjj", "wangjg", "{\"mailAddress\":\"a@[10.0.0.1]\"}"),
                    400, "mailAddress");
            assertThat(robot.calls()).isZero();
        }
    }

    @Test
    void theAllowedHostGetsItsMessagesAndOnlyUnderItsName() throws Exception {
        try (RobotReceiver robot = new RobotReceiver()) {
            String url = robot.url("/robot/send?access_token=bhq");
            JsonNode unit = api.ok(api.call("PUT", "/api/notifications/settings/units/bhq", "zhengwt",
                    "{\"webhookEnabled\":true,\"webhookFormat\":\"TEXT\",\"webhookUrl\":\"" + url + "\"}"));
            assertThat(unit.path("webhookUrl").asText()).isEqualTo(url.replace("access_token=bhq", "access_token=***"));
            String sameMachine = url.replace("localhost", "127.0.0.1");
            assertThat(api.refused(api.call("PUT", "/api/notifications/settings/units/gxq", "zhengwt",
                    "{\"webhookUrl\":\"" + sameMachine + "\"}"), 400, "webhookUrl")).endsWith("本机地址");
            assertThat(addresses.check(url).addresses()).allMatch(a -> a.isLoopbackAddress());

            long id = robotMessageTo("bhq", "allowed");
            sender.deliverDue();
            assertThat(delivery(id).get("STATUS")).isEqualTo("SENT");
            assertThat(robot.taken()).extracting(RobotReceiver.Taken::text).anyMatch(t -> t.contains("外呼测试：allowed"));

            robot.failNext(1);
            long failed = robotMessageTo("bhq", "robot-down");
            sender.deliverDue();
            assertThat(delivery(failed)).containsEntry("STATUS", "PENDING").containsEntry("LAST_ERROR", "群机器人返回 HTTP 500");
        }
    }
}
