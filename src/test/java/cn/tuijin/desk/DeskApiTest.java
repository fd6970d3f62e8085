package cn.tuijin.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.notification.NotificationSender;
import cn.tuijin.notification.RobotReceiver;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 催办 and 抄送 through the API of the demo city, each day set on the engine clock: a supervisor urges an overdue task of
 * 住建局 and the unit's robot gets one message; a second urge the same working day is refused and writes nothing; an
 * urge at night goes out the next working morning; officers may not urge or copy; a copy reaches a unit's people,
 * unread until each opens it; both are in the project's timeline.
 */
@TuijinTest
class DeskApiTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired EngineClock clock;
    @Autowired WorkingDayCalendar calendar;
    @Autowired NotificationSender sender;

    private DeskTestData data;
    /** A working day after the application's day, and the one after it. */
    private LocalDate day;
    private LocalDate nextDay;

    @BeforeEach
    void aWorkingDay() {
        data = new DeskTestData(jdbc);
        data.cleanUp();
        day = calendar.addWorkingDays(clock.today(), 1);
        nextDay = calendar.addWorkingDays(day, 1);
        clock.setTime(day.atTime(10, 0));
    }

    @AfterEach
    void cleanUp() {
        clock.reset();
        data.cleanUp();
    }

    private ApiCalls api() {
        return new ApiCalls(port);
    }

    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return api().call(method, path, user, body);
    }

    private JsonNode created(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
    }

    private static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(EngineClock.ZONE).toInstant();
    }

    @Nested
    class Urging {

        @Test
        void aSupervisorsUrgeReachesTheUnitsRobotOnceAndASecondUrgeThatWorkingDayIsRefused() throws Exception {
            String task = data.overdueUnclaimedZjjTasks(clock.now()).get(0);
            try (RobotReceiver robot = new RobotReceiver()) {
                api().ok(call("PUT", "/api/notifications/settings/units/zjj", "zhengwt", """
                        {"webhookEnabled": true, "webhookKind": "WECOM", "webhookFormat": "TEXT", "webhookUrl": "%s",
                         "mailEnabled": false}""".formatted(robot.url("/cgi-bin/webhook/send?key=zjj"))));

                JsonNode urge = created(call("POST", "/api/tasks/" + task + "/urges", "huangzh", "{\"note\": \"请本周内办结\"}"));
                assertThat(urge.path("urgedByName").asText()).isEqualTo("黄振华");
                assertThat(urge.path("unitName").asText()).isEqualTo("市住房城乡建设局");
                assertThat(Instant.parse(urge.path("sendAt").asText())).as("within working hours: at once").isEqualTo(clock.now());

                String refusal = api().refused(call("POST", "/api/tasks/" + task + "/urges", "zhengwt", "{}"), 400, "taskId");
                assertThat(refusal).contains("本工作日已催办过", "黄振华");
                assertThat(data.urges(task)).isEqualTo(1);
                assertThat(data.urgeNotices(task)).isEqualTo(1);

                for (int run = 0; run < 20 && sender.deliverDue() > 0; run++) {
                    // the demo city's earlier notices go out too
                }
                List<RobotReceiver.Taken> urges = robot.taken().stream().filter(t -> t.text().contains("催办")).toList();
                assertThat(urges).as("one message on 住建局's robot").hasSize(1);
                assertThat(urges.get(0).text()).contains("【推进】催办：", "督查室 黄振华 催办此任务", "留言：请本周内办结");
            }

            JsonNode seen = api().ok(call("GET", "/api/tasks/" + task + "/urges", "wangjg", null));
            assertThat(seen.path("count").asInt()).isEqualTo(1);
            assertThat(seen.path("mayUrge").asBoolean()).isFalse();
            assertThat(seen.path("urges").get(0).path("note").asText()).isEqualTo("请本周内办结");
            assertThat(api().ok(call("GET", "/api/tasks/" + task + "/urges", "huangzh", null)).path("refusal").asText())
                    .contains("本工作日已催办过");
            assertThat(api().ok(call("GET", "/api/urges/counts?tasks=" + task + ",no-such-task", "wangjg", null)).path(task).asInt())
                    .isEqualTo(1);
            assertThat(api().ok(call("GET", "/api/urges/counts?tasks=" + task, "liuy", null)).has(task))
                    .as("another unit's officer does not see the count").isFalse();

            // The next working day it may be urged again: counted per task and per unit.
            clock.setTime(nextDay.atTime(9, 5));
            assertThat(api().ok(call("GET", "/api/tasks/" + task + "/urges", "zhengwt", null)).path("mayUrge").asBoolean()).isTrue();
            created(call("POST", "/api/tasks/" + task + "/urges", "zhengwt", null));
            assertThat(api().ok(call("GET", "/api/tasks/" + task + "/urges", "lina", null)).path("count").asInt()).isEqualTo(2);
            JsonNode units = api().ok(call("GET", "/api/urges/units", "huangzh", null));
            assertThat(units).hasSize(1);
            assertThat(units.get(0).path("unitName").asText()).isEqualTo("市住房城乡建设局");
            assertThat(units.get(0).path("urges").asInt()).isEqualTo(2);
            assertThat(units.get(0).path("tasks").asInt()).isEqualTo(1);
            assertThat(api().ok(call("GET", "/api/urges/units", "liuy", null))).as("another unit's officer").isEmpty();

            JsonNode timeline = api().ok(call("GET", "/api/dashboard/projects/" + data.projectOf(task) + "/timeline", "huangzh", null));
            List<String> urgeLines = timeline.findParents("kind").stream().filter(e -> e.path("kind").asText().equals("URGE"))
                    .map(e -> e.path("text").asText()).toList();
            assertThat(urgeLines).hasSize(2);
            assertThat(urgeLines.get(0)).contains("黄振华 催办", "责任单位 市住房城乡建设局", "：请本周内办结");
            assertThat(urgeLines.get(1)).contains("郑文涛 催办");
        }

        @Test
        void theDashboardCountsTheUrgesOfEachUnitsWorkWithinWhatTheCallerSees() throws Exception {
            String task = data.overdueUnclaimedZjjTasks(clock.now()).get(0);
            String project = data.projectOf(task);
            String leader = jdbc.queryForObject("select leader_id from project where code = ?", String.class, project);
            String district = jdbc.queryForObject("select district_code from project where code = ?", String.class, project);
            assertThat(unitRow(api().ok(call("GET", "/api/dashboard/summary", "huangzh", null)), "units", "zjj").path("urges").asInt())
                    .isZero();

            created(call("POST", "/api/tasks/" + task + "/urges", "huangzh", null));
            clock.setTime(nextDay.atTime(10, 0));
            created(call("POST", "/api/tasks/" + task + "/urges", "zhengwt", "{\"note\": \"再催一次\"}"));

            JsonNode city = api().ok(call("GET", "/api/dashboard/summary", "huangzh", null));
            assertThat(unitRow(city, "units", "zjj").path("urges").asInt()).as("住建局's work, urged twice").isEqualTo(2);
            assertThat(unitRow(city, "units", "zrj").path("urges").asInt()).isZero();
            assertThat(unitRow(city, "districts", district).path("urges").asInt()).isEqualTo(2);
            if (leader != null) {
                assertThat(unitRow(api().ok(call("GET", "/api/dashboard/summary", leader, null)), "units", "zjj").path("urges").asInt())
                        .as("the project's leader").isEqualTo(2);
            }
            String otherLeader = "linxh".equals(leader) ? "mazy" : "linxh";
            assertThat(unitRow(api().ok(call("GET", "/api/dashboard/summary", otherLeader, null)), "units", "zjj").path("urges").asInt())
                    .as("a leader counts the urges of his projects only").isZero();
        }

        private JsonNode unitRow(JsonNode summary, String list, String code) {
            for (JsonNode row : summary.path(list)) {
                if (row.path("code").asText().equals(code)) {
                    return row;
                }
            }
            throw new AssertionError("no row " + code + " in " + list + ": " + summary.path(list));
        }

        @Test
        void anUrgeAtNightGoesOutTheNextWorkingMorningAndCountsForThatDay() throws Exception {
            String task = data.openTaskOfProjectLedBy("linxh");
            clock.setTime(day.atTime(22, 0));

            JsonNode urge = created(call("POST", "/api/tasks/" + task + "/urges", "linxh", "{\"note\": \"明早碰头\"}"));

            Instant morning = at(nextDay, LocalTime.of(9, 0));
            assertThat(Instant.parse(urge.path("sendAt").asText())).isEqualTo(morning);
            List<Timestamp> planned = jdbc.queryForList("""
                    select d.not_before from notification_delivery d join notification_outbox o on o.id = d.outbox_id
                    where o.event = 'URGED' and o.task_id = ?""", Timestamp.class, task);
            assertThat(planned).isNotEmpty().allSatisfy(t -> assertThat(t.toInstant()).isEqualTo(morning));
            assertThat(sender.deliverDue()).as("nothing of it goes out at night").isZero();

            clock.setTime(nextDay.atTime(10, 30));
            api().refused(call("POST", "/api/tasks/" + task + "/urges", "huangzh", null), 400, "taskId");
            assertThat(data.urges(task)).isEqualTo(1);
        }
    }

    @Nested
    class UrgingRefused {

        @Test
        void anOfficerMayNotUrge() throws Exception {
            String task = data.overdueUnclaimedZjjTasks(clock.now()).get(0);
            assertThat(api().refused(call("POST", "/api/tasks/" + task + "/urges", "wangjg", "{\"note\": \"快点\"}"), 403, null))
                    .contains("督查室、重点项目办和项目的分包领导");
            assertThat(api().refused(call("POST", "/api/tasks/" + task + "/urges", "liuy", null), 403, null)).isNotBlank();
            assertThat(data.urges(task)).isZero();
            assertThat(data.urgeNotices(task)).isZero();
            assertThat(api().ok(call("GET", "/api/tasks/" + task + "/urges", "wangjg", null)).path("refusal").asText())
                    .contains("督查室");
        }

        @Test
        void aLeaderUrgesOnlyTheTasksOfHisProjects() throws Exception {
            String linsTask = data.openTaskOfProjectLedBy("linxh");
            assertThat(api().refused(call("POST", "/api/tasks/" + linsTask + "/urges", "mazy", null), 403, null)).contains("分包");
            assertThat(data.urges(linsTask)).isZero();
        }

        @Test
        void anUnknownOrFinishedTaskOrALongNoteIsRefused() throws Exception {
            api().refused(call("POST", "/api/tasks/no-such-task/urges", "huangzh", null), 404, "taskId");
            String done = jdbc.queryForList("select task_id from task_deadline where status = 'DONE' order by task_id", String.class).get(0);
            assertThat(api().refused(call("POST", "/api/tasks/" + done + "/urges", "huangzh", null), 400, "taskId")).contains("已办结");
            String task = data.overdueUnclaimedZjjTasks(clock.now()).get(0);
            api().refused(call("POST", "/api/tasks/" + task + "/urges", "huangzh", "{\"note\": \"" + "催".repeat(201) + "\"}"), 400, "note");
            assertThat(data.count("select count(*) from desk_urge")).isZero();
        }
    }

    @Nested
    class Copying {

        @Test
        void aCopyToAUnitReachesEachOfItsPeopleUnreadUntilEachOpensIt() throws Exception {
            String project = jdbc.queryForObject("select code from project where lead_unit_code <> 'zjj' order by code fetch first 1 rows only", String.class);
            String projectName = jdbc.queryForObject("select name from project where code = ?", String.class, project);
            JsonNode copy = created(call("POST", "/api/copies", "zhengwt",
                    "{\"project\": \"" + project + "\", \"unit\": \"zjj\", \"note\": \"涉及配套道路，请知悉\"}"));
            assertThat(copy.path("recipientName").asText()).isEqualTo("市住房城乡建设局");
            String issue = jdbc.queryForObject("select code from issue order by code fetch first 1 rows only", String.class);
            created(call("POST", "/api/copies", "zhengwt", "{\"issue\": \"" + issue + "\", \"person\": \"lina\"}"));

            JsonNode wang = api().ok(call("GET", "/api/copies/mine", "wangjg", null));
            assertThat(wang.path("unread").asInt()).isEqualTo(1);
            JsonNode item = wang.path("items").get(0);
            assertThat(item.path("title").asText()).isEqualTo(projectName);
            assertThat(item.path("sentByName").asText()).isEqualTo("郑文涛");
            assertThat(item.path("note").asText()).isEqualTo("涉及配套道路，请知悉");
            assertThat(item.path("read").asBoolean()).isFalse();
            assertThat(api().ok(call("GET", "/api/copies/mine/unread", "lina", null)).path("unread").asInt()).isEqualTo(2);

            JsonNode opened = api().ok(call("POST", "/api/copies/" + item.path("id").asLong() + "/read", "wangjg", null));
            assertThat(opened.path("read").asBoolean()).isTrue();
            assertThat(opened.at("/summary/project/name").asText()).isEqualTo(projectName);
            assertThat(api().ok(call("GET", "/api/copies/mine", "wangjg", null)).path("unread").asInt()).isZero();
            assertThat(api().ok(call("GET", "/api/copies/mine", "wangjg", null)).path("items").get(0).path("read").asBoolean()).isTrue();
            assertThat(api().ok(call("GET", "/api/copies/mine/unread", "lina", null)).path("unread").asInt())
                    .as("lina has not opened hers").isEqualTo(2);
            assertThat(api().ok(call("GET", "/api/copies/mine/unread", "liuy", null)).path("unread").asInt()).isZero();

            JsonNode timeline = api().ok(call("GET", "/api/dashboard/projects/" + project + "/timeline", "huangzh", null));
            assertThat(timeline.findParents("kind").stream().filter(e -> e.path("kind").asText().equals("COPY"))
                    .map(e -> e.path("text").asText()).toList()).containsExactly("郑文涛 将本项目抄送给 市住房城乡建设局：涉及配套道路，请知悉");

            JsonNode recipients = api().ok(call("GET", "/api/copies/recipients", "zhengwt", null));
            assertThat(recipients.path("people").findValuesAsText("name")).contains("王建国", "李娜");
            assertThat(recipients.path("units").findValuesAsText("name")).contains("市住房城乡建设局");
        }

        @Test
        void aCopyLinksTheProjectsDashboardPageOnlyForThoseWhoMayOpenItThere() throws Exception {
            String project = data.projectLedBy("linxh");
            created(call("POST", "/api/copies", "zhengwt", "{\"project\": \"" + project + "\", \"person\": \"huangzh\"}"));
            created(call("POST", "/api/copies", "zhengwt", "{\"project\": \"" + project + "\", \"person\": \"mazy\"}"));
            created(call("POST", "/api/copies", "zhengwt", "{\"project\": \"" + project + "\", \"unit\": \"zjj\"}"));

            JsonNode supervisor = api().ok(call("GET", "/api/copies/mine", "huangzh", null)).path("items").get(0);
            assertThat(supervisor.path("dashboardLink").asText()).isEqualTo("/dashboard/#/project/" + project);
            JsonNode opened = api().ok(call("POST", "/api/copies/" + supervisor.path("id").asLong() + "/read", "huangzh", null));
            assertThat(opened.path("dashboardLink").asText()).isEqualTo("/dashboard/#/project/" + project);
            assertThat(api().ok(call("GET", "/api/copies/mine", "mazy", null)).path("items").get(0).path("dashboardLink").isNull())
                    .as("another leader's project").isTrue();
            assertThat(api().ok(call("GET", "/api/copies/mine", "wangjg", null)).path("items").get(0).path("dashboardLink").isNull())
                    .as("an officer").isTrue();
        }

        @Test
        void whoMayCopyFromATaskIsSaidByTheTask() throws Exception {
            // 临江大道 (XM-2026-010): 住建局 leads it, 林晓红 is its leader.
            String task = jdbc.queryForObject("""
                    select task_id from task_deadline where project_code = 'XM-2026-010' and status = 'OPEN'
                    order by due_at, task_id fetch first 1 rows only""", String.class);
            JsonNode office = api().ok(call("GET", "/api/tasks/" + task + "/copy-subject", "zhengwt", null));
            assertThat(office.path("mayCopy").asBoolean()).isTrue();
            assertThat(office.path("projectCode").asText()).isEqualTo("XM-2026-010");
            assertThat(office.path("projectName").asText()).isEqualTo("临江大道快速化改造");
            assertThat(api().ok(call("GET", "/api/tasks/" + task + "/copy-subject", "linxh", null)).path("mayCopy").asBoolean()).isTrue();
            JsonNode officer = api().ok(call("GET", "/api/tasks/" + task + "/copy-subject", "wangjg", null));
            assertThat(officer.path("mayCopy").asBoolean()).isFalse();
            assertThat(officer.path("refusal").asText()).isEqualTo("只有重点项目办和分包领导可以抄送项目或问题");
            assertThat(api().ok(call("GET", "/api/tasks/" + task + "/copy-subject", "huangzh", null)).path("mayCopy").asBoolean())
                    .as("supervisors urge, they do not copy").isFalse();
            api().refused(call("GET", "/api/tasks/" + task + "/copy-subject", "mazy", null), 403, null);
            api().refused(call("GET", "/api/tasks/no-such-task/copy-subject", "zhengwt", null), 404, "taskId");
        }

        @Test
        void aLeaderCopiesTheProjectsHeLeads() throws Exception {
            created(call("POST", "/api/copies", "linxh", "{\"project\": \"" + data.projectLedBy("linxh") + "\", \"person\": \"wangjg\"}"));
            assertThat(api().ok(call("GET", "/api/copies/mine/unread", "wangjg", null)).path("unread").asInt()).isEqualTo(1);
        }
    }

    @Nested
    class CopyingRefused {

        @Test
        void officersAndSupervisorsMayNotCopyNorALeaderAnotherLeadersProject() throws Exception {
            String project = data.projectLedBy("linxh");
            String body = "{\"project\": \"" + project + "\", \"unit\": \"zjj\"}";
            assertThat(api().refused(call("POST", "/api/copies", "wangjg", body), 403, null)).contains("重点项目办和分包领导");
            api().refused(call("POST", "/api/copies", "huangzh", body), 403, null);
            assertThat(api().refused(call("POST", "/api/copies", "mazy", body), 403, null)).contains("分包");
            assertThat(data.copies()).isZero();
        }

        @Test
        void unknownOrMissingChoicesNameTheirField() throws Exception {
            String project = data.projectLedBy("linxh");
            api().refused(call("POST", "/api/copies", "zhengwt", "{\"project\": \"" + project + "\", \"unit\": \"nosuchunit\"}"), 404, "unit");
            api().refused(call("POST", "/api/copies", "zhengwt", "{\"project\": \"" + project + "\", \"person\": \"nobody\"}"), 404, "person");
            api().refused(call("POST", "/api/copies", "zhengwt", "{\"project\": \"XM-1999-999\", \"unit\": \"zjj\"}"), 404, "project");
            api().refused(call("POST", "/api/copies", "zhengwt", "{\"issue\": \"WT-1999-9999\", \"unit\": \"zjj\"}"), 404, "issue");
            api().refused(call("POST", "/api/copies", "zhengwt", "{\"project\": \"" + project + "\"}"), 400, "unit");
            api().refused(call("POST", "/api/copies", "zhengwt", "{\"unit\": \"zjj\"}"), 400, "project");
            api().refused(call("POST", "/api/copies", "zhengwt",
                    "{\"project\": \"" + project + "\", \"unit\": \"zjj\", \"note\": \"" + "知".repeat(501) + "\"}"), 400, "note");
            assertThat(data.copies()).isZero();
        }

        @Test
        void aCopyIsOpenedOnlyByThoseItReached() throws Exception {
            JsonNode copy = created(call("POST", "/api/copies", "zhengwt", "{\"project\": \"" + data.projectLedBy("linxh") + "\", \"unit\": \"zjj\"}"));
            api().refused(call("POST", "/api/copies/" + copy.path("id").asLong() + "/read", "liuy", null), 403, null);
            api().refused(call("POST", "/api/copies/999999/read", "wangjg", null), 404, null);
            assertThat(data.count("select count(*) from desk_cc_read")).isZero();
        }
    }
}
