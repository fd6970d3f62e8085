package cn.tuijin.deadline;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reminders waiting to be delivered (who, what, when), written in the transaction of the step that causes them.
 * One row per dedupe key: a retried job or a second node writes nothing more.
 */
@Component
public class NotificationOutbox {

    /** What happened. */
    public enum Event { DUE_SOON, OVERDUE, EXTENSION_DECIDED }

    private final JdbcTemplate jdbc;

    NotificationOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a reminder to a user, or to a group when nobody holds the task personally. */
    public void add(String dedupeKey, Event event, String recipientUser, String recipientGroup, String projectCode,
                    String taskId, String subject, String body, Instant at) {
        // One statement: the dedupe check is part of the insert.
        jdbc.update("""
                insert into notification_outbox (dedupe_key, event, recipient_user, recipient_group, project_code, task_id,
                    subject, body, created_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, cast(? as timestamp)
                where not exists (select 1 from notification_outbox where dedupe_key = ?)""",
                dedupeKey, event.name(), recipientUser, recipientGroup, projectCode, taskId, subject, body, Timestamp.from(at),
                dedupeKey);
    }
}
