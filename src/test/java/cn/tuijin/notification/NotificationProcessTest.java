package cn.tuijin.notification;

import static cn.tuijin.project.ProjectLifecycle.Element.CLAIM_SIGNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import cn.tuijin.TuijinProcessTest;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.notification.NotificationOutbox.Event;
import cn.tuijin.notification.NotificationSettings.OwnerKind;
import cn.tuijin.notification.NotificationSettings.WebhookFormat;
import cn.tuijin.notification.NotificationSettings.WebhookKind;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.project.LifecycleTestSupport;
import cn.tuijin.project.Stage;
import cn.tuijin.system.EngineClock;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Notices of the lifecycle's deadlines reaching people: the lead unit 住建局 through its group robot (a real HTTP
 * server on loopback, DingTalk's signed Markdown), the contracting leader 马志远 through a daily digest by mail (a real
 * SMTP server, GreenMail); working time across National Day; exactly once under retried jobs and two sending nodes;
 * a robot that is down for a while gets its backlog in order when it comes back.
 */
@TuijinProcessTest
class NotificationProcessTest extends LifecycleTestSupport {

    private static final String SECRET = "SECtest-robot-secret";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Autowired NotificationSender sender;
    @Autowired NotificationOutbox outbox;
    @Autowired JavaMailSender mailSender;
    @Autowired SettingsRepository settings;
    @Autowired DeliveryRepository deliveries;
    @Autowired DeliveryPlanner planner;
    @Autowired OrgDirectory org;
    @Autowired MailChannel mailChannel;
    @Autowired WebhookChannel webhookChannel;
    @Autowired NotificationMetrics metrics;
    @Autowired NotificationStatus status;
    @Autowired EngineClock clock;
    @Autowired NotificationProperties properties;

    private RobotReceiver robot;

    @BeforeEach
    void unitRobotAndMail() throws Exception {
        ((JavaMailSenderImpl) mailSender).setPort(mail.getSmtp().getPort());
        robot = new RobotReceiver();
        forgetEarlierNotices();
        settings.save(new NotificationSettings(OwnerKind.UNIT, OFFICER_UNIT, false, null, true, WebhookKind.DINGTALK,
                WebhookFormat.MARKDOWN, robot.url("/robot/send?access_token=zjj-token"), SECRET, EnumSet.allOf(Event.class),
                "zhengwt", clock.now()));
    }

    @AfterEach
    void closeRobot() {
        robot.close();
        forgetEarlierNotices();
    }

    /** Other tests' notices (the demo city's, other projects') are not these tests' business. */
    private void forgetEarlierNotices() {
        jdbc.update("update notification_delivery set status = 'SENT' where status = 'PENDING'");
        jdbc.update("delete from notification_setting");
    }

    /**
     * The sweep passes every deadline due by now, those other tests left open too: their notices are not these tests'
     * business either. Those of the given projects stay.
     */
    private void forgetOtherProjectsNotices(ProcessInstance... ours) {
        List<String> codes = Arrays.stream(ours).map(ProcessInstance::getBusinessKey).toList();
        jdbc.update("update notification_delivery set status = 'SENT' where status = 'PENDING' and (project_code is null or project_code not in ("
                + String.join(", ", java.util.Collections.nCopies(codes.size(), "?")) + "))", codes.toArray());
    }

    /** A project of 住建局 led by 马志远 whose signing claim is due on the given day. */
    private ProcessInstance signingDue(LocalDate day) {
        return lifecycle.start(newProject(Stage.NEGOTIATING, day, day.plusMonths(2)));
    }

    private List<RobotReceiver.Taken> robotSaid(String... words) {
        return robot.taken().stream().filter(t -> Arrays.stream(words).allMatch(t.text()::contains)).toList();
    }

    private List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                found.add(m);
            }
        }
        return found;
    }

    @Test
    void overdueOnTheEveOfNationalDayReachesTheUnitAndOneDigestOfTheLeaderOnTheFirstWorkingDayAfterIt() throws Exception {
        clockAt(LocalDateTime.of(2026, 9, 21, 9, 0));
        ProcessInstance first = signingDue(LocalDate.of(2026, 9, 30));
        ProcessInstance second = signingDue(LocalDate.of(2026, 9, 30));
        Task task = taskAt(first, CLAIM_SIGNING);
        assertThat(sender.deliverDue()).as("the two new tasks, within working hours").isEqualTo(2);
        assertThat(robotSaid("新任务", first.getBusinessKey())).hasSize(1);

        // The deadline passes on Wednesday 30 September at midnight; 1–7 October are National Day.
        fireTaskTimersBy(first, CLAIM_SIGNING, LocalDateTime.of(2026, 10, 1, 0, 0, 30));
        fireTaskTimersBy(second, CLAIM_SIGNING, LocalDateTime.of(2026, 10, 1, 0, 0, 30));
        forgetOtherProjectsNotices(first, second);
        for (LocalDateTime holiday : List.of(LocalDateTime.of(2026, 10, 1, 0, 1), LocalDateTime.of(2026, 10, 5, 10, 0),
                LocalDateTime.of(2026, 10, 8, 8, 59))) {
            clockAt(holiday);
            assertThat(sender.deliverDue()).as("nothing is sent at %s", holiday).isZero();
        }
        assertThat(status.backlog().pending()).as("overdue to the unit, two digest lines (due soon would come too late)")
                .isEqualTo(4);

        clockAt(LocalDateTime.of(2026, 10, 8, 9, 0));
        assertThat(sender.deliverDue()).as("two robot messages and one digest").isEqualTo(3);

        List<RobotReceiver.Taken> overdue = robotSaid("已逾期：", first.getBusinessKey());
        assertThat(overdue).hasSize(1);
        String text = overdue.get(0).text();
        assertThat(text).contains("#### 【推进】已逾期：" + task.getName(), "项目：" + first.getBusinessKey(),
                "期限：2026年9月30日（已逾期 1 个工作日）",
                "[在任务列表中办理](http://localhost:8080/camunda/app/tasklist/default/#/?task=" + task.getId() + ")");
        assertThat(overdue.get(0).json().path("msgtype").asText()).isEqualTo("markdown");
        String timestamp = overdue.get(0).queryParam("timestamp");
        assertThat(timestamp).as("signed with the engine clock").isEqualTo(String.valueOf(clock.now().toEpochMilli()));
        assertThat(robot.url(overdue.get(0).path() + "?" + overdue.get(0).query()))
                .isEqualTo(WebhookChannel.signed(robot.url("/robot/send?access_token=zjj-token"), SECRET, Long.parseLong(timestamp)));

        List<MimeMessage> digests = mailTo("ma@gov.example.cn");
        assertThat(digests).as("one digest for the leader").hasSize(1);
        MimeMessage digest = digests.get(0);
        assertThat(digest.getSubject()).isEqualTo("【推进】逾期事项日报（2026年10月8日）：2 项已逾期");
        String body = GreenMailUtil.getBody(digest);
        assertThat((String) digest.getContent()).contains("马志远同志：", "1. " + first.getBusinessKey(), "2. " + second.getBusinessKey(),
                "已逾期 1 个工作日", "责任单位 市住房城乡建设局", "http://localhost:8080/camunda/app/tasklist/default/#/?task=" + task.getId());
        assertThat(body).isNotBlank();

        clockAt(LocalDateTime.of(2026, 10, 9, 9, 0));
        assertThat(sender.deliverDue()).as("nothing is sent twice").isZero();
        assertThat(mailTo("ma@gov.example.cn")).hasSize(1);
    }

    @Test
    void anOverdueDeadlineSweptOnTwoThreadsAndTwoSendersDeliverEachNoticeOnce() throws Exception {
        clockAt(LocalDateTime.of(2026, 10, 12, 9, 0));
        ProcessInstance instance = signingDue(LocalDate.of(2026, 10, 13));
        Task task = taskAt(instance, CLAIM_SIGNING);
        clockAt(LocalDateTime.of(2026, 10, 14, 10, 0));
        // Two sweeps at once (two nodes sharing a storm: DeadlineSweepTest).
        ExecutorService sweeps = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(sweeps.submit(() -> {
                    go.await();
                    return sweep.sweep();
                }));
            }
            go.countDown();
            for (Future<Integer> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            sweeps.shutdown();
        }
        forgetOtherProjectsNotices(instance);
        assertThat(jdbc.queryForObject("""
                select count(*) from notification_delivery d join notification_outbox o on o.id = d.outbox_id
                where o.task_id = ? and o.event = 'OVERDUE'""", Integer.class, task.getId()))
                .as("the unit's robot and the leader's digest").isEqualTo(2);

        NotificationSender otherNode = new NotificationSender(deliveries, settings, planner, org, mailChannel, webhookChannel,
                metrics, clock, properties, "node-2");
        clockAt(LocalDateTime.of(2026, 10, 15, 9, 0));
        int sent = 0;
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            java.util.Date now = ClockUtil.getCurrentTime();
            List<Future<Integer>> runs = new ArrayList<>();
            for (NotificationSender node : List.of(sender, otherNode)) {
                runs.add(nodes.submit(() -> {
                    go.await();
                    ClockUtil.setCurrentTime(now);
                    return node.deliverDue();
                }));
            }
            go.countDown();
            for (Future<Integer> run : runs) {
                sent += run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            nodes.shutdown();
        }
        assertThat(robotSaid("已逾期：", instance.getBusinessKey())).hasSize(1);
        assertThat(robotSaid("新任务", instance.getBusinessKey())).hasSize(1);
        assertThat(mailTo("ma@gov.example.cn")).hasSize(1);
        assertThat(sent).as("task assigned, overdue, digest (due soon would have come after the deadline)").isEqualTo(3);
        assertThat(robot.taken()).hasSize(2);
    }

    @Test
    void aRobotDownForThreeAttemptsGetsItsBacklogInOrderWhenItComesBack() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        metrics.bindTo(meters);
        clockAt(LocalDateTime.of(2026, 10, 12, 9, 0));
        robot.failNext(3);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            codes.add(signingDue(LocalDate.of(2026, 11, 30)).getBusinessKey());
        }

        assertThat(sender.deliverDue()).isZero();
        assertThat(robot.calls()).as("the first message was tried; the others wait behind it").isEqualTo(1);
        NotificationBacklog backlog = status.backlog();
        assertThat(backlog.pending()).isEqualTo(3);
        assertThat(backlog.failing()).isEqualTo(1);
        assertThat(meters.get("tuijin.notifications.failing").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("tuijin.notifications.backlog").gauge().value()).isEqualTo(3.0);
        assertThat(meters.get("tuijin.notifications.errors").tag("channel", "WEBHOOK").counter().count()).isEqualTo(1.0);

        // Back-off: 30 s, then 60 s, then 120 s.
        LocalDateTime t = LocalDateTime.of(2026, 10, 12, 9, 0);
        for (Duration wait : List.of(Duration.ofSeconds(30), Duration.ofSeconds(60))) {
            clockAt(t.plus(wait).minusSeconds(1));
            assertThat(sender.deliverDue()).isZero();
            assertThat(robot.calls()).as("not before its time").isEqualTo(wait.getSeconds() == 30 ? 1 : 2);
            t = t.plus(wait);
            clockAt(t);
            assertThat(sender.deliverDue()).isZero();
        }
        assertThat(robot.calls()).isEqualTo(3);
        var first = jdbc.queryForMap("select attempts, last_error, next_attempt_at from notification_delivery where status = 'PENDING' order by id fetch first 1 rows only");
        assertThat(first.get("attempts")).isEqualTo(3);
        assertThat((String) first.get("last_error")).contains("HTTP 500");
        assertThat(((java.sql.Timestamp) first.get("next_attempt_at")).toInstant())
                .isEqualTo(t.plusSeconds(120).atZone(WorkingDayCalendar.ZONE).toInstant());

        clockAt(t.plusSeconds(120));
        assertThat(sender.deliverDue()).as("the whole backlog").isEqualTo(3);
        assertThat(robot.taken()).extracting(taken -> codes.stream().filter(taken.text()::contains).findFirst().orElse("?"))
                .as("in the order the notices were written").containsExactlyElementsOf(codes);
        assertThat(status.backlog().pending()).isZero();
        assertThat(meters.get("tuijin.notifications.sent").tag("channel", "WEBHOOK").counter().count()).isEqualTo(3.0);
    }

    @Test
    void aDigestLinePlannedForLaterHoldsUpNoLineDueNowWrittenAfterIt() throws Exception {
        // Rows of one destination are not always written in the order they fall due (the digest time or the clock was
        // corrected): a line planned for Wednesday's digest must not hold up one due on Monday.
        clockAt(LocalDateTime.of(2026, 10, 13, 10, 0));
        ProcessInstance later = signingDue(LocalDate.of(2026, 11, 30));
        outbox.add("order-test:later", Event.OVERDUE, "mazy", null, later.getBusinessKey(), taskAt(later, CLAIM_SIGNING).getId(),
                "已逾期", "逾期", clock.now());
        clockAt(LocalDateTime.of(2026, 10, 12, 8, 0));
        ProcessInstance now = signingDue(LocalDate.of(2026, 11, 30));
        outbox.add("order-test:now", Event.OVERDUE, "mazy", null, now.getBusinessKey(), taskAt(now, CLAIM_SIGNING).getId(),
                "已逾期", "逾期", clock.now());

        clockAt(LocalDateTime.of(2026, 10, 12, 9, 0));
        sender.deliverDue();
        List<MimeMessage> digests = mailTo("ma@gov.example.cn");
        assertThat(digests).as("Monday's digest").hasSize(1);
        assertThat((String) digests.get(0).getContent()).contains(now.getBusinessKey()).doesNotContain(later.getBusinessKey());
    }

    @Test
    void aPersonWithoutAnAddressIsGivenUpAndShownAsFailed() {
        settings.save(new NotificationSettings(OwnerKind.UNIT, OFFICER_UNIT, false, null, false, null, null, null, null,
                EnumSet.allOf(Event.class), "zhengwt", clock.now()));
        jdbc.update("insert into person (id, name, role, unit_code, phone, email) values ('nomail', '无邮箱', 'OFFICER', 'zjj', '', '')");
        try {
            clockAt(LocalDateTime.of(2026, 10, 12, 9, 0));
            String code = signingDue(LocalDate.of(2026, 11, 30)).getBusinessKey();
            assertThat(jdbc.queryForList("select recipient from notification_delivery where project_code = ? order by recipient",
                    String.class, code)).as("the unit has no channel: its people with an address are told")
                    .containsExactly("lina", "wangjg");
            settings.save(new NotificationSettings(OwnerKind.PERSON, "lina", true, null, false, null, null, null, null,
                    EnumSet.allOf(Event.class), "lina", clock.now()));
            jdbc.update("update person set email = '' where id = 'lina'");
            sender.deliverDue();
            assertThat(jdbc.queryForObject("select status || ' ' || last_error from notification_delivery where project_code = ? and recipient = 'lina'",
                    String.class, code)).isEqualTo("FAILED 收件人没有邮箱地址");
            assertThat(status.backlog().failed()).isGreaterThanOrEqualTo(1);
        } finally {
            jdbc.update("update person set email = 'li@zjj.example.cn' where id = 'lina'");
            jdbc.update("delete from person where id = 'nomail'");
        }
    }
}
