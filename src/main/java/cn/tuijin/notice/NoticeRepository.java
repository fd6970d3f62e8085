package cn.tuijin.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.tuijin.deadline.TaskDeadline;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.system.FilteredSelect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The notice and notice_event tables.
 */
@Repository
class NoticeRepository {

    private final JdbcTemplate jdbc;

    NoticeRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The next number of the year: one more than the highest given (a concurrent duplicate fails the unique key). */
    int nextSeq(int year) {
        Integer last = jdbc.queryForObject("select coalesce(max(notice_seq), 0) from notice where notice_year = ?", Integer.class, year);
        return (last == null ? 0 : last) + 1;
    }

    long insert(String number, int year, int seq, TaskDeadline item, String issuedBy, Instant issuedAt, String requirement,
                Integer workingDays, Instant dueAt, Instant warnAt) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into notice (number, notice_year, notice_seq, project_code, task_id, open_task_id, item_name, item_kind,
                        item_due_at, unit_code, holder_user_id, issued_by, issued_at, requirement, working_days, due_at, warn_at,
                        status, answer_count, raised_to_leader)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 0, false)""", new String[] {"id"});
            ps.setString(1, number);
            ps.setInt(2, year);
            ps.setInt(3, seq);
            ps.setString(4, item.projectCode());
            ps.setString(5, item.taskId());
            ps.setString(6, item.taskId());
            ps.setString(7, item.taskName());
            ps.setString(8, item.kind().name());
            ps.setTimestamp(9, ts(item.dueAt()));
            ps.setString(10, item.holderUnitCode());
            ps.setString(11, item.holderUserId());
            ps.setString(12, issuedBy);
            ps.setTimestamp(13, ts(issuedAt));
            ps.setString(14, requirement);
            ps.setObject(15, workingDays);
            ps.setTimestamp(16, ts(dueAt));
            ps.setTimestamp(17, ts(warnAt));
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    void processInstance(long id, String processInstanceId) {
        jdbc.update("update notice set process_instance_id = ? where id = ?", processInstanceId, id);
    }

    Optional<Notice> find(long id) {
        return jdbc.query("select * from notice where id = ?", NoticeRepository::map, id).stream().findFirst();
    }

    /** The notice of the given number (督办〔2026〕第12号): the business key of its process instance. */
    Optional<Notice> findByNumber(String number) {
        return jdbc.query("select * from notice where number = ?", NoticeRepository::map, number).stream().findFirst();
    }

    /** The notice still open on the item, if any. */
    Optional<Notice> openFor(String taskId) {
        return jdbc.query("select * from notice where open_task_id = ?", NoticeRepository::map, taskId).stream().findFirst();
    }

    List<Notice> find(ProjectScope.Condition scope, String unitCode, String projectCode, Notice.Status status, int offset, int limit) {
        return new FilteredSelect("select * from notice where", scope.sql(), scope.args())
                .equal("unit_code", unitCode).equal("project_code", projectCode).equal("status", status)
                .page(jdbc, "notice_year desc, notice_seq desc", offset, limit, NoticeRepository::map);
    }

    void answered(long id, String answer, String user, Instant at) {
        jdbc.update("update notice set status = 'ANSWERED', answer = ?, answered_by = ?, answered_at = ?, answer_count = answer_count + 1 where id = ?",
                answer, user, ts(at), id);
    }

    void accepted(long id, String user, Instant at) {
        jdbc.update("update notice set status = 'CLOSED', reviewed_by = ?, reviewed_at = ?, closed_at = ?, open_task_id = null where id = ?",
                user, ts(at), ts(at), id);
    }

    /** The answer was sent back: a new round with its own rectification deadline. */
    void returned(long id, String note, String user, Instant at, Instant dueAt, Instant warnAt) {
        jdbc.update("update notice set status = 'RETURNED', review_note = ?, reviewed_by = ?, reviewed_at = ?, due_at = ?, warn_at = ? where id = ?",
                note, user, ts(at), ts(dueAt), ts(warnAt), id);
    }

    /** A rectification deadline was missed: the notice goes to the contracting leader (the first time is kept). */
    void raised(long id, String leaderId, Instant at) {
        jdbc.update("""
                update notice set raised_to_leader = true, raised_at = coalesce(raised_at, ?), leader_id = ?,
                    status = case when status in ('OPEN', 'RETURNED') then 'ESCALATED' else status end
                where id = ?""", ts(at), leaderId, id);
    }

    void event(long noticeId, Instant at, NoticeEvent.Kind kind, String actor, String unit, String text) {
        jdbc.update("insert into notice_event (notice_id, occurred_at, kind, actor, unit_code, text) values (?, ?, ?, ?, ?, ?)",
                noticeId, ts(at), kind.name(), actor, unit, text);
    }

    List<NoticeEvent> events(long noticeId) {
        return jdbc.query("select * from notice_event where notice_id = ? order by id", (rs, i) -> new NoticeEvent(
                instant(rs, "occurred_at"), NoticeEvent.Kind.valueOf(rs.getString("kind")), rs.getString("actor"),
                rs.getString("unit_code"), rs.getString("text")), noticeId);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Notice map(ResultSet rs, int row) throws SQLException {
        Object days = rs.getObject("working_days");
        return new Notice(rs.getLong("id"), rs.getString("number"), rs.getInt("notice_year"), rs.getInt("notice_seq"),
                rs.getString("project_code"), rs.getString("task_id"), rs.getString("item_name"), rs.getString("item_kind"),
                instant(rs, "item_due_at"), rs.getString("unit_code"), rs.getString("holder_user_id"), rs.getString("issued_by"),
                instant(rs, "issued_at"), rs.getString("requirement"), days == null ? null : ((Number) days).intValue(),
                instant(rs, "due_at"), instant(rs, "warn_at"), Notice.Status.valueOf(rs.getString("status")),
                rs.getString("answer"), rs.getString("answered_by"), instant(rs, "answered_at"), rs.getInt("answer_count"),
                rs.getString("review_note"), rs.getString("reviewed_by"), instant(rs, "reviewed_at"), instant(rs, "closed_at"),
                rs.getBoolean("raised_to_leader"), instant(rs, "raised_at"), rs.getString("leader_id"),
                rs.getString("process_instance_id"));
    }
}
