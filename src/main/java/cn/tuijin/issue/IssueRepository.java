package cn.tuijin.issue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues, their events (the timeline), meetings and assignments.
 */
@Repository
class IssueRepository {

    private final JdbcTemplate jdbc;

    private final TransactionTemplate newTransaction;

    IssueRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Inserts a new issue numbered in its year (WT-2026-0001). The number is the year's counter, incremented in this
     * transaction: a report at the same moment waits for this one to end and takes the next number.
     */
    String insert(String projectCode, IssueCategory category, String description, String support, Severity severity,
                  String reportedBy, Instant at, int year) {
        int seq = nextNumber(year);
        String code = String.format("WT-%d-%04d", year, seq);
        jdbc.update("""
                insert into issue (code, issue_year, issue_seq, project_code, category, description, support_needed, severity,
                    reported_by, reported_at, major, current_level, status, holder_user_id, reopen_count)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, 0, 'TRIAGE', '', 0)""",
                code, year, seq, projectCode, category.name(), description, support, severity.name(), reportedBy, ts(at));
        return code;
    }

    /** The year's next issue number; its counter row is made first, in a transaction of its own, if missing. */
    private int nextNumber(int year) {
        if (jdbc.update("update issue_number set last_seq = last_seq + 1 where issue_year = ?", year) == 0) {
            try {
                newTransaction.executeWithoutResult(tx -> jdbc.update(
                        "insert into issue_number (issue_year, last_seq) select ?, 0 where not exists (select 1 from issue_number where issue_year = ?)",
                        year, year));
            } catch (DuplicateKeyException madeMeanwhile) {
                // the first report of the year on another node made it
            }
            jdbc.update("update issue_number set last_seq = last_seq + 1 where issue_year = ?", year);
        }
        Integer seq = jdbc.queryForObject("select last_seq from issue_number where issue_year = ?", Integer.class, year);
        return seq == null ? 1 : seq;
    }

    Optional<Issue> find(String code) {
        return jdbc.query("select * from issue where code = ?", IssueRepository::map, code).stream().findFirst();
    }

    /** The issues a user reported, newest first, a page of them. */
    List<Issue> reportedBy(String userId, int offset, int limit) {
        return jdbc.query("select * from issue where reported_by = ? order by reported_at desc, code desc offset ? rows fetch next ? rows only",
                IssueRepository::map, userId, offset, limit);
    }

    long countReportedBy(String userId) {
        Long n = jdbc.queryForObject("select count(*) from issue where reported_by = ?", Long.class, userId);
        return n == null ? 0 : n;
    }

    List<Issue> forProject(String projectCode) {
        return jdbc.query("select * from issue where project_code = ? order by code", IssueRepository::map, projectCode);
    }

    List<String> cooperatingUnits(String code) {
        return jdbc.queryForList("select unit_code from issue_cooperating_unit where issue_code = ? order by unit_code", String.class, code);
    }

    void triaged(String code, String leadUnit, List<String> cooperating, boolean major, Instant deadline) {
        jdbc.update("update issue set lead_unit_code = ?, major = ?, first_deadline_at = ?, status = 'OPEN' where code = ?",
                leadUnit, major, ts(deadline), code);
        jdbc.update("delete from issue_cooperating_unit where issue_code = ?", code);
        for (String unit : cooperating) {
            jdbc.update("insert into issue_cooperating_unit (issue_code, unit_code) values (?, ?)", code, unit);
        }
    }

    void leadUnit(String code, String unit) {
        jdbc.update("update issue set lead_unit_code = ? where code = ?", unit, code);
    }

    void level(String code, int level) {
        jdbc.update("update issue set current_level = ?, status = 'OPEN' where code = ?", level, code);
    }

    void levelDue(String code, Instant due, String key) {
        jdbc.update("update issue set level_due_at = ?, level_due_key = ? where code = ?", ts(due), key, code);
    }

    String levelDueKey(String code) {
        return jdbc.queryForObject("select level_due_key from issue where code = ?", String.class, code);
    }

    void holder(String code, String unit, String user, String taskId) {
        jdbc.update("update issue set holder_unit_code = ?, holder_user_id = ?, holder_task_id = ? where code = ?",
                unit, user, taskId, code);
    }

    void resolved(String code, String resolution, String user, Instant at) {
        jdbc.update("update issue set resolution = ?, resolved_by = ?, resolved_at = ?, status = 'RESOLVED' where code = ?",
                resolution, user, ts(at), code);
    }

    void closed(String code, Instant at) {
        jdbc.update("update issue set status = 'CLOSED', closed_at = ? where code = ?", ts(at), code);
    }

    void reopened(String code) {
        jdbc.update("update issue set status = 'OPEN', reopen_count = reopen_count + 1, resolution = null, resolved_by = null, resolved_at = null where code = ?", code);
    }

    void event(String code, Instant at, int level, IssueEvent.Kind kind, String actor, String unit, String text) {
        jdbc.update("insert into issue_event (issue_code, occurred_at, at_level, kind, actor, unit_code, text) values (?, ?, ?, ?, ?, ?, ?)",
                code, ts(at), level, kind.name(), actor, unit, text);
    }

    boolean hasEvent(String code, IssueEvent.Kind kind, int level, String key) {
        Integer n = jdbc.queryForObject("select count(*) from issue_event where issue_code = ? and kind = ? and at_level = ? and text like ?",
                Integer.class, code, kind.name(), level, "%" + key + "%");
        return n != null && n > 0;
    }

    List<IssueEvent> events(String code) {
        return jdbc.query("select * from issue_event where issue_code = ? order by id", (rs, i) -> new IssueEvent(
                rs.getTimestamp("occurred_at").toInstant(), rs.getInt("at_level"), IssueEvent.Kind.valueOf(rs.getString("kind")),
                rs.getString("actor"), rs.getString("unit_code"), rs.getString("text")), code);
    }

    long meeting(String code, String user, Instant at, String minutes) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("insert into issue_meeting (issue_code, held_by, held_at, minutes) values (?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, code);
            ps.setString(2, user);
            ps.setTimestamp(3, ts(at));
            ps.setString(4, minutes);
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    void assignment(String code, long meetingId, String unit, String task, Instant due) {
        jdbc.update("insert into issue_assignment (issue_code, meeting_id, unit_code, task, due_at) values (?, ?, ?, ?, ?)",
                code, meetingId, unit, task, ts(due));
    }

    List<Long> openAssignments(String code) {
        return jdbc.queryForList("select id from issue_assignment where issue_code = ? and done_at is null order by id", Long.class, code);
    }

    Optional<Assignment> findAssignment(long id) {
        return jdbc.query("select * from issue_assignment where id = ?", (rs, i) -> new Assignment(rs.getLong("id"),
                rs.getString("issue_code"), rs.getString("unit_code"), rs.getString("task"),
                rs.getTimestamp("due_at").toInstant(), rs.getTimestamp("done_at") == null ? null : rs.getTimestamp("done_at").toInstant(),
                rs.getString("result")), id).stream().findFirst();
    }

    void assignmentDone(long id, String user, Instant at, String result) {
        jdbc.update("update issue_assignment set done_by = ?, done_at = ?, result = ? where id = ?", user, ts(at), result, id);
    }

    /** Per unit: issues led, closed without a missed level deadline, escalated, transferred, reopened. */
    List<UnitStats> stats() {
        return jdbc.query("""
                select u.code,
                    (select count(*) from issue i join person p on p.id = i.reported_by where p.unit_code = u.code) as reported,
                    (select count(*) from issue i where i.lead_unit_code = u.code and i.status = 'CLOSED'
                        and not exists (select 1 from issue_event e where e.issue_code = i.code and e.kind = 'DEADLINE_MISSED')) as solved_on_time,
                    (select count(*) from issue_event e where e.unit_code = u.code and e.kind in ('ESCALATION_REQUESTED', 'DEADLINE_MISSED')) as escalated,
                    (select count(*) from issue_event e where e.unit_code = u.code and e.kind = 'TRANSFER_REQUESTED') as transferred,
                    (select count(*) from issue_event e where e.unit_code = u.code and e.kind = 'REOPENED') as reopened
                from unit u order by u.code""",
                (rs, i) -> new UnitStats(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6)));
    }

    /** An assignment decided at a special meeting. */
    record Assignment(long id, String issueCode, String unitCode, String task, Instant dueAt, Instant doneAt, String result) {
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Issue map(ResultSet rs, int row) throws SQLException {
        return new Issue(rs.getString("code"), rs.getString("project_code"), IssueCategory.valueOf(rs.getString("category")),
                rs.getString("description"), rs.getString("support_needed"), Severity.valueOf(rs.getString("severity")),
                rs.getString("reported_by"), instant(rs, "reported_at"), rs.getString("lead_unit_code"), rs.getBoolean("major"),
                rs.getInt("current_level"), Issue.Status.valueOf(rs.getString("status")), instant(rs, "first_deadline_at"),
                instant(rs, "level_due_at"), rs.getString("holder_unit_code"), rs.getString("holder_user_id"),
                rs.getString("holder_task_id"), rs.getString("resolution"), rs.getString("resolved_by"),
                instant(rs, "resolved_at"), instant(rs, "closed_at"), rs.getInt("reopen_count"));
    }
}
