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
 * 催办 and 抄送 in headless Chromium. 催办 in Tasklist only, as the "done when" tries it: on a working morning the
 * supervisor (黄振华) finds an overdue task of 住建局 in 已逾期, presses 催办 with a sentence; the card shows 「已催办 1 次」,
 * also for 王建国 in 本单位待办; 住建局's group robot gets one message. 抄送 from Tasklist, 抄送我的, and 催办 from the
 * dashboard's drill-down: below.
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
            assertThat(seen.path("supervisorMayClaim").asBoolean()).as("认领 offered to the supervisor").isFalse();
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

    /**
     * 抄送 in Tasklist and 催办 in the dashboard (tasklist-copies.mjs): 郑文涛 copies the project of an overdue task of
     * 住建局 to 王建国 from the task (himself refused next to the field); 王建国 sees it unread in 抄送我的, opens it and it
     * is read; he has no 抄送 on the task. 黄振华 urges the task from the project's drill-down and sees the
     * once-a-working-day refusal; the unit table counts 住建局's 被催办次数.
     */
    @Test
    void theProjectOfficeCopiesAProjectFromTasklistAndTheOfficerReadsItAndASupervisorUrgesFromTheDashboard() throws Exception {
        new DeskTestData(jdbc).cleanUp();
        LocalDate day = calendar.addWorkingDays(clock.today(), 1);
        clock.setTime(day.atTime(10, 0));
        String task = new DeskTestData(jdbc).overdueUnclaimedZjjTasks(clock.now()).get(0);
        String project = new DeskTestData(jdbc).projectOf(task);
        String projectName = jdbc.queryForObject("select name from project where code = ?", String.class, project);

        JsonNode seen = BrowserScript.run("tasklist-copies.mjs", port, Map.of("TASK", task, "PROJECT", project,
                "NOTE", "涉及配套道路，请知悉"), Duration.ofMinutes(3));

        assertThat(seen.path("loaded").path("tuijin-copies.js").asInt()).isEqualTo(200);
        assertThat(seen.get("pageErrors")).as("script errors").isEmpty();
        assertThat(seen.get("consoleErrors")).as("console errors").isEmpty();
        assertThat(seen.get("external")).as("requests outside the application").isEmpty();
        // 郑文涛, from the task: the project, 王建国 by name from the list; himself refused next to the field.
        assertThat(seen.path("linkText").asText()).isEqualTo("抄送");
        assertThat(seen.path("dialogTitle").asText()).isEqualTo("抄送");
        assertThat(seen.path("subject").asText()).contains("项目：" + projectName + "（" + project + "）");
        assertThat(seen.path("recipientGroups").toString()).contains("单位", "人员");
        assertThat(seen.path("wangjgOption").asText()).isEqualTo("王建国（市住房城乡建设局）");
        assertThat(seen.path("selfRefusal").asText()).isEqualTo("不能抄送给自己");
        assertThat(seen.path("sent").asText()).startsWith("已将项目「" + projectName + "」抄送给 王建国（");
        // 王建国: 抄送我的 with 1 unread; the copy; opened, read, the count gone; no 抄送 on the task for him.
        assertThat(seen.path("navText").asText()).startsWith("抄送我的");
        assertThat(seen.path("badgeBefore").asText()).isEqualTo("1");
        assertThat(seen.path("items").asInt()).isEqualTo(1);
        assertThat(seen.path("itemTitle").asText()).isEqualTo(projectName);
        assertThat(seen.path("itemCode").asText()).isEqualTo("项目 " + project);
        assertThat(seen.path("itemMeta").asText()).startsWith("郑文涛 抄送于 " + day);
        assertThat(seen.path("itemNote").asText()).isEqualTo("说明：涉及配套道路，请知悉");
        assertThat(seen.path("stateBefore").asText()).isEqualTo("未读");
        assertThat(seen.path("stateAfter").asText()).isEqualTo("已读");
        assertThat(seen.path("summary").asText()).contains("项目 " + project + "「" + projectName + "」", "牵头单位");
        assertThat(seen.path("dashboardLinks").asInt()).as("an officer does not open the dashboard").isZero();
        assertThat(seen.path("badgeHiddenAfter").asBoolean()).isTrue();
        assertThat(seen.path("officerCopyLinks").asInt()).as("an officer may not copy").isZero();
        assertThat(jdbc.queryForList("select recipient from desk_cc where sent_by = 'zhengwt' and project_code = ?"
                + " and subject_kind = 'PROJECT' and recipient_kind = 'PERSON'", String.class, project)).containsExactly("wangjg");
        assertThat(jdbc.queryForList("select user_id from desk_cc_read", String.class)).containsExactly("wangjg");
        // 黄振华, in the project's drill-down: 催办, then the refusal for the rest of the working day; 住建局's count.
        assertThat(seen.path("dashboardButton").asText()).isEqualTo("催办");
        assertThat(seen.path("dashboardMessage").asText()).isEqualTo("已催办，提醒已发出");
        assertThat(seen.path("dashboardCount").asText()).isEqualTo("已催办 1 次");
        assertThat(seen.path("dashboardButtonDisabled").asBoolean()).isTrue();
        assertThat(seen.path("dashboardRefusal").asText()).isEqualTo("本工作日已催办过，请下一个工作日再催办");
        assertThat(seen.path("timelineUrge").asText()).contains("黄振华 催办", "请本周内办结");
        assertThat(seen.path("unitHeader").toString()).contains("被催办次数");
        assertThat(seen.path("zjjUrges").asText()).isEqualTo("1");
        assertThat(jdbc.queryForList("select note from desk_urge where task_id = ? and urged_by = 'huangzh'", String.class, task))
                .containsExactly("请本周内办结");
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
