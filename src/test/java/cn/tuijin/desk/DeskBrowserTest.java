package cn.tuijin.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.notification.NotificationSender;
import cn.tuijin.notification.RobotReceiver;
import cn.tuijin.system.BrowserScript;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 催办 in Tasklist only, as the "done when" tries it: on a working morning the supervisor (黄振华) finds an
 * overdue task of 住建局 in 已逾期, presses 催办 with a sentence; the card shows 「已催办 1 次」, also for 王建国 in
 * 本单位待办; 住建局's group robot gets one message.
 */
@TuijinTest
class DeskBrowserTest {

    /** The tasks Tasklist shows on a list's first page. */
    private static final int FIRST_PAGE = 15;

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired EngineClock clock;
    @Autowired WorkingDayCalendar calendar;
    @Autowired NotificationSender sender;

    @AfterEach
    void cleanUp() {
        clock.reset();
        new DeskTestData(jdbc).cleanUp();
    }

    @Test
    void aSupervisorUrgesAnOverdueTaskFromTasklistAndTheUnitsRobotGetsOneMessage() throws Exception {
        new DeskTestData(jdbc).cleanUp();
        LocalDate day = calendar.addWorkingDays(clock.today(), 1);
        clock.setTime(day.atTime(10, 0));
        String task = firstPageOverdueTaskOfZjj();

        try (RobotReceiver robot = new RobotReceiver()) {
            new ApiCalls(port).ok(new ApiCalls(port).call("PUT", "/api/notifications/settings/units/zjj", "zhengwt", """
                    {"webhookEnabled": true, "webhookKind": "WECOM", "webhookFormat": "TEXT", "webhookUrl": "%s",
                     "mailEnabled": false}""".formatted(robot.url("/cgi-bin/webhook/send?key=zjj"))));

            JsonNode seen = BrowserScript.run("tasklist-urge.mjs", port, Map.of("TASK", task, "NOTE", "请本周内办结"),
                    Duration.ofMinutes(3));

            assertThat(seen.path("loaded").path("tuijin-urge.js").asInt()).isEqualTo(200);
            assertThat(seen.get("pageErrors")).as("script errors").isEmpty();
            assertThat(seen.get("consoleErrors")).as("console errors").isEmpty();
            assertThat(seen.get("external")).as("requests outside the application").isEmpty();
            assertThat(seen.path("buttonText").asText()).isEqualTo("催办");
            assertThat(seen.path("cardBefore").asText()).isEmpty();
            assertThat(seen.path("dialogTitle").asText()).isEqualTo("催办");
            assertThat(seen.path("message").asText()).startsWith("已催办");
            assertThat(seen.path("countInTask").asText()).isEqualTo("已催办 1 次");
            assertThat(seen.path("buttonDisabledAfter").asBoolean()).as("once a working day").isTrue();
            assertThat(seen.path("cardAfter").asText()).isEqualTo("已催办 1 次");
            assertThat(seen.path("cardAfterVisible").asBoolean()).as("the badge is seen on the card").isTrue();
            assertThat(seen.path("officerCardVisible").asBoolean()).isTrue();
            assertThat(seen.path("officerCard").asText()).as("王建国's card in 本单位待办").isEqualTo("已催办 1 次");
            assertThat(seen.path("officerCountInTask").asText()).isEqualTo("已催办 1 次");
            assertThat(seen.path("officerButtonVisible").asBoolean()).as("an officer may not urge").isFalse();

            Integer urges = jdbc.queryForObject("select count(*) from desk_urge where task_id = ? and urged_by = 'huangzh'",
                    Integer.class, task);
            assertThat(urges).isEqualTo(1);
            for (int run = 0; run < 20 && sender.deliverDue() > 0; run++) {
                // the demo city's earlier notices go out too
            }
            List<RobotReceiver.Taken> messages = robot.taken().stream().filter(t -> t.text().contains("催办")).toList();
            assertThat(messages).as("one message on 住建局's robot").hasSize(1);
            assertThat(messages.get(0).text()).contains("黄振华 催办此任务", "留言：请本周内办结");
        }
    }

    /** An overdue task of 住建局 nobody claimed, among the first page of 已逾期 (by due date, as the filter sorts). */
    private String firstPageOverdueTaskOfZjj() {
        List<Map<String, Object>> firstPage = jdbc.queryForList("""
                select t.id_ as id, t.assignee_ as assignee from act_ru_task t where t.due_date_ < ?
                order by t.due_date_ fetch first %d rows only""".formatted(FIRST_PAGE), Timestamp.from(clock.now()));
        List<String> zjj = new DeskTestData(jdbc).overdueUnclaimedZjjTasks(clock.now());
        return firstPage.stream().map(r -> (String) r.get("ID")).filter(zjj::contains).findFirst()
                .orElseThrow(() -> new AssertionError("no overdue task of 住建局 on the first page of 已逾期: " + firstPage));
    }
}
