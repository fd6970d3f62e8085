package cn.tuijin.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import cn.tuijin.notification.NotificationOutbox.Event;
import cn.tuijin.notification.NotificationSettings.OwnerKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The deliveries table. Rows are claimed by a row update (claimed_by, claimed_until), portable to H2 and
 * PostgreSQL: of two nodes claiming the same row, one updates it and the other finds it taken.
 */
@Repository
class DeliveryRepository {

    private static final RowMapper<Delivery> ROW = DeliveryRepository::row;

    private final JdbcTemplate jdbc;

    DeliveryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Plans a delivery unless one with the key exists (the outbox already writes each event once), in one statement. */
    void insert(DeliveryPlanner.Notice n, String key, DeliveryPlanner.Recipient r, Channel channel, NotificationText.Text text,
                Instant notBefore) {
        String destination = channel + ":" + r.kind() + ":" + r.id() + (r.digest() ? ":DIGEST" : "");
        jdbc.update("""
                insert into notification_delivery (outbox_id, dedupe_key, event, project_code, recipient_kind, recipient, channel,
                    destination, digest, subject, body, link, created_at, not_before, status, attempts)
                select ?, ?, ?, ?, ?, ?, ?, ?, cast(? as boolean), ?, ?, ?, cast(? as timestamp), cast(? as timestamp), 'PENDING', 0
                where not exists (select 1 from notification_delivery where dedupe_key = ?)""",
                n.id(), key, n.event().name(), n.projectCode(), r.kind().name(), r.id(), channel.name(), destination,
                r.digest(), cut(text.subject(), 255), cut(text.body(), 4000), text.link(), Timestamp.from(n.at()),
                Timestamp.from(notBefore), key);
    }

    /**
     * The first unsent row of each destination among those due, if nobody holds it: later rows of a destination wait
     * for the earlier due ones, so that a channel coming back delivers its backlog in order; a row planned for later
     * (tonight's digest, tomorrow morning's notice) holds nothing up. The first due row of each destination is found
     * in one pass over the due rows (asking, for each due row, whether an earlier one waits took 1.8–2.0 s with 199,000
     * due rows on PostgreSQL after a deadline storm; this takes 75–95 ms).
     */
    List<Delivery> heads(Instant now, int limit) {
        Timestamp t = Timestamp.from(now);
        return jdbc.query("""
                select d.* from notification_delivery d
                where d.id in (select min(e.id) from notification_delivery e
                               where e.status = 'PENDING' and e.not_before <= ? group by e.destination)
                  and (d.next_attempt_at is null or d.next_attempt_at <= ?)
                  and (d.claimed_until is null or d.claimed_until < ?)
                order by d.id
                fetch first ? rows only""", ROW, t, t, t, limit);
    }

    /** Takes the row for this node until {@code until}; false if it was sent or another node holds it. */
    boolean claim(long id, String node, Instant until, Instant now) {
        return jdbc.update("""
                update notification_delivery set claimed_by = ?, claimed_until = ?
                where id = ? and status = 'PENDING' and (claimed_until is null or claimed_until < ?)""",
                node, Timestamp.from(until), id, Timestamp.from(now)) == 1;
    }

    /** Takes the due lines of a digest destination whose first line this node holds; returns them in order. */
    List<Delivery> claimDigest(String destination, String node, Instant until, Instant now) {
        Timestamp t = Timestamp.from(now);
        jdbc.update("""
                update notification_delivery set claimed_by = ?, claimed_until = ?
                where destination = ? and status = 'PENDING' and not_before <= ? and (claimed_until is null or claimed_until < ?)""",
                node, Timestamp.from(until), destination, t, t);
        return jdbc.query("select * from notification_delivery where destination = ? and status = 'PENDING' and claimed_by = ? order by id",
                ROW, destination, node);
    }

    void sent(List<Long> ids, String node, Instant at) {
        for (long id : ids) {
            jdbc.update("""
                    update notification_delivery set status = 'SENT', sent_at = ?, claimed_by = null, claimed_until = null,
                        next_attempt_at = null
                    where id = ? and claimed_by = ?""", Timestamp.from(at), id, node);
        }
    }

    /** The first row failed: it is tried again at {@code retryAt}; the rest are released (they wait behind it). */
    void retry(Delivery first, List<Long> ids, String node, Instant retryAt, String error) {
        jdbc.update("update notification_delivery set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ? and claimed_by = ?",
                Timestamp.from(retryAt), cut(error, 1000), first.id(), node);
        release(ids, node);
    }

    /** Nothing to send the rows to: given up, with the reason. */
    void failed(List<Long> ids, String node, String error) {
        for (long id : ids) {
            jdbc.update("""
                    update notification_delivery set status = 'FAILED', attempts = attempts + 1, last_error = ?,
                        claimed_by = null, claimed_until = null
                    where id = ? and claimed_by = ?""", cut(error, 1000), id, node);
        }
    }

    void release(List<Long> ids, String node) {
        for (long id : ids) {
            jdbc.update("update notification_delivery set claimed_by = null, claimed_until = null where id = ? and claimed_by = ?", id, node);
        }
    }

    NotificationBacklog backlog(Instant now) {
        Timestamp t = Timestamp.from(now);
        return jdbc.queryForObject("""
                select count(case when status = 'PENDING' then 1 end),
                       count(case when status = 'PENDING' and not_before <= ? then 1 end),
                       count(case when status = 'PENDING' and attempts > 0 then 1 end),
                       count(case when status = 'FAILED' then 1 end),
                       min(case when status = 'PENDING' then not_before end)
                from notification_delivery where status in ('PENDING', 'FAILED')""",
                (rs, i) -> new NotificationBacklog(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()), t);
    }

    /** Deliveries by status: PENDING, FAILING (pending after a failed attempt), FAILED, SENT; the latest first. */
    List<Delivery> find(String status, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = switch (status) {
            case "FAILING" -> "status = 'PENDING' and attempts > 0";
            case "" -> "1 = 1";
            default -> {
                args.add(status);
                yield "status = ?";
            }
        };
        args.add(offset);
        args.add(limit);
        return jdbc.query("select * from notification_delivery where " + where + " order by id desc offset ? rows fetch next ? rows only",
                ROW, args.toArray());
    }

    private static Delivery row(ResultSet rs, int i) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getLong("outbox_id"), Event.valueOf(rs.getString("event")),
                rs.getString("project_code"), OwnerKind.valueOf(rs.getString("recipient_kind")), rs.getString("recipient"),
                Channel.valueOf(rs.getString("channel")), rs.getString("destination"), rs.getBoolean("digest"),
                rs.getString("subject"), rs.getString("body"), rs.getString("link"), instant(rs, "created_at"),
                instant(rs, "not_before"), Delivery.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "sent_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
