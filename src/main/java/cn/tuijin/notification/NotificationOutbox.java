package cn.tuijin.notification;

import java.sql.Timestamp;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
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
        BULLETIN_PUBLISHED("月度通报"),
        URGED("催办");

        private final String label;

        Event(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The generated key's column, as the database names it (H2 upper-cases unquoted names, PostgreSQL lower-cases). */
    private static final String ID = "id";

    private final JdbcTemplate jdbc;
    private final DeliveryPlanner planner;

    NotificationOutbox(JdbcTemplate jdbc, DeliveryPlanner planner) {
        this.jdbc = jdbc;
        this.planner = planner;
    }

    /** A notice about a task, to its holder (a user, or a group when nobody holds the task personally). */
    public record Reminder(String dedupeKey, Event event, String recipientUser, String recipientGroup, String projectCode,
                           String taskId, String subject, String body, Instant at) {
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
        if (event == Event.TASK_ASSIGNED && taskId != null && NEW_TASKS_UNTOLD.get() != null) {
            return;
        }
        Long id = insert(new Reminder(dedupeKey, event, recipientUser, recipientGroup, projectCode, taskId, subject, body, at));
        if (id != null) {
            planner.plan(List.of(notice(id, dedupeKey, event, recipientUser, recipientGroup, projectCode, taskId, subject, body, at, linkPath)));
        }
    }

    private static final ThreadLocal<Boolean> NEW_TASKS_UNTOLD = new ThreadLocal<>();

    /**
     * Runs the work without notices of the new tasks it opens (新任务, one per task), on this thread: the caller tells
     * their holders itself, in fewer words (a ledger import tells each unit once how many tasks it brought, instead of
     * ten thousand messages to the units' robots). Other notices go as usual.
     */
    public <T> T withoutNewTaskNotices(java.util.function.Supplier<T> work) {
        if (NEW_TASKS_UNTOLD.get() != null) {
            return work.get();
        }
        NEW_TASKS_UNTOLD.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            NEW_TASKS_UNTOLD.remove();
        }
    }

    /**
     * The task's notices of new work, reminders and urges not sent yet are dropped (status DROPPED, with the reason):
     * the task was withdrawn or cancelled before their turn came, and they would point to work that is no longer there.
     */
    public void dropPending(String taskId, String reason) {
        jdbc.update("""
                update notification_delivery set status = 'DROPPED', last_error = ?
                where status = 'PENDING' and event in (?, ?, ?) and outbox_id in (select id from notification_outbox where task_id = ?)""",
                reason, Event.TASK_ASSIGNED.name(), Event.DUE_SOON.name(), Event.URGED.name(), taskId);
    }

    /** Adds several notices about tasks at once: their deliveries are planned together (one look-up per recipient). */
    public void addAll(List<Reminder> reminders) {
        List<DeliveryPlanner.Notice> added = new ArrayList<>();
        for (Reminder r : reminders) {
            Long id = insert(r);
            if (id != null) {
                added.add(notice(id, r.dedupeKey(), r.event(), r.recipientUser(), r.recipientGroup(), r.projectCode(), r.taskId(),
                        r.subject(), r.body(), r.at(), null));
            }
        }
        planner.plan(added);
    }

    /** Inserts the notice unless its key is present, in one statement; returns its id, or null if it was present. */
    private Long insert(Reminder r) {
        KeyHolder key = new GeneratedKeyHolder();
        int inserted = jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    insert into notification_outbox (dedupe_key, event, recipient_user, recipient_group, project_code, task_id,
                        subject, body, created_at)
                    select ?, ?, ?, ?, ?, ?, ?, ?, cast(? as timestamp)
                    where not exists (select 1 from notification_outbox where dedupe_key = ?)""", new String[] {ID});
            Object[] values = {r.dedupeKey(), r.event().name(), r.recipientUser(), r.recipientGroup(), r.projectCode(), r.taskId(),
                    r.subject(), r.body(), Timestamp.from(r.at()), r.dedupeKey()};
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps;
        }, key);
        if (inserted == 0) {
            return null;
        }
        Number id = key.getKeys() == null ? key.getKey() : (Number) key.getKeys().values().iterator().next();
        return id.longValue();
    }

    private static DeliveryPlanner.Notice notice(long id, String dedupeKey, Event event, String user, String group,
                                                 String projectCode, String taskId, String subject, String body, Instant at,
                                                 String linkPath) {
        return new DeliveryPlanner.Notice(id, dedupeKey, event, user, group, projectCode, taskId, subject, body, at, linkPath);
    }
}
