package cn.tuijin.deadline;

import java.sql.Timestamp;
import java.time.Instant;

import cn.tuijin.notification.DeliveryPlanner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Notices waiting to be delivered (who, what, when), written in the transaction of the step that causes them.
 * One row per dedupe key: a retried job or a second node writes nothing more. In the same transaction the
 * {@link DeliveryPlanner} plans its deliveries: one per recipient and channel, at a working time.
 */
@Component
public class NotificationOutbox {

    /** What happened. */
    public enum Event {
        TASK_ASSIGNED("新任务"),
        DUE_SOON("即将到期"),
        OVERDUE("已逾期"),
        ISSUE_ESCALATED("问题升级"),
        NOTICE_ISSUED("督办单"),
        EXTENSION_DECIDED("延期审批结果"),
        BULLETIN_PUBLISHED("月度通报");

        private final String label;

        Event(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final JdbcTemplate jdbc;
    private final DeliveryPlanner planner;

    NotificationOutbox(JdbcTemplate jdbc, DeliveryPlanner planner) {
        this.jdbc = jdbc;
        this.planner = planner;
    }

    /** Adds a notice to a user, or to a group when nobody holds the task personally; its link is the task's. */
    public void add(String dedupeKey, Event event, String recipientUser, String recipientGroup, String projectCode,
                    String taskId, String subject, String body, Instant at) {
        add(dedupeKey, event, recipientUser, recipientGroup, projectCode, taskId, subject, body, at, null);
    }

    /**
     * Adds a notice; {@code linkPath} (a path of the application, such as {@code /bulletins/index.html}) is where it
     * leads when it concerns no task.
     */
    public void add(String dedupeKey, Event event, String recipientUser, String recipientGroup, String projectCode,
                    String taskId, String subject, String body, Instant at, String linkPath) {
        Integer present = jdbc.queryForObject("select count(*) from notification_outbox where dedupe_key = ?", Integer.class, dedupeKey);
        if (present != null && present > 0) {
            return;
        }
        jdbc.update("""
                insert into notification_outbox (dedupe_key, event, recipient_user, recipient_group, project_code, task_id,
                    subject, body, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                dedupeKey, event.name(), recipientUser, recipientGroup, projectCode, taskId, subject, body, Timestamp.from(at));
        Long id = jdbc.queryForObject("select id from notification_outbox where dedupe_key = ?", Long.class, dedupeKey);
        planner.plan(new DeliveryPlanner.Notice(id, dedupeKey, event, recipientUser, recipientGroup, projectCode, taskId,
                subject, body, at, linkPath));
    }
}
