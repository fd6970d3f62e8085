package cn.tuijin.delegation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The delegations and the work done under them. A delegation is never deleted: it ends. */
@Repository
class DelegationRepository {

    private final JdbcTemplate jdbc;

    DelegationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the person's row until the transaction ends: one delegation decision per person at a time, on any node. */
    boolean lockPerson(String personId) {
        return !jdbc.queryForList("select id from person where id = ? for update", String.class, personId).isEmpty();
    }

    long insert(String delegatorId, String delegateId, LocalDate from, LocalDate to, DelegationReason reason, String note, Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into delegation (delegator_id, delegate_id, starts_on, ends_on, reason, note, created_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, delegatorId);
            ps.setString(2, delegateId);
            ps.setObject(3, from);
            ps.setObject(4, to);
            ps.setString(5, reason.name());
            ps.setString(6, note);
            ps.setTimestamp(7, Timestamp.from(at));
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    Optional<Delegation> find(long id) {
        return jdbc.query("select * from delegation where id = ?", DelegationRepository::map, id).stream().findFirst();
    }

    /** The delegations of a delegator not ended and not past their last day before {@code day}, by start. */
    List<Delegation> currentOf(String delegatorId, LocalDate day) {
        return jdbc.query("select * from delegation where delegator_id = ? and ended_at is null and ends_on >= ? order by starts_on",
                DelegationRepository::map, delegatorId, day);
    }

    /** The delegations naming this delegate, not ended and not past their last day before {@code day}. */
    List<Delegation> currentFor(String delegateId, LocalDate day) {
        return jdbc.query("select * from delegation where delegate_id = ? and ended_at is null and ends_on >= ? order by starts_on",
                DelegationRepository::map, delegateId, day);
    }

    /** Delegations still open whose last day is before {@code today}. */
    List<Delegation> pastTheirLastDay(LocalDate today) {
        return jdbc.query("select * from delegation where ended_at is null and ends_on < ? order by id", DelegationRepository::map, today);
    }

    /** Delegations in force today whose tasks were not handed over yet (begun since they were made). */
    List<Delegation> begunNotHandedOver(LocalDate today) {
        return jdbc.query("select * from delegation where ended_at is null and activated_at is null and starts_on <= ? and ends_on >= ? order by id",
                DelegationRepository::map, today, today);
    }

    /** Marks the delegation ended, unless someone (another node, the delegator) ended it first: whether this call did. */
    boolean end(long id, String by, Instant at) {
        return jdbc.update("update delegation set ended_at = ?, ended_by = ? where id = ? and ended_at is null", Timestamp.from(at), by, id) == 1;
    }

    /** Marks the delegation's tasks handed over, unless done already: whether this call did. */
    boolean activate(long id, Instant at) {
        return jdbc.update("update delegation set activated_at = ? where id = ? and activated_at is null", Timestamp.from(at), id) == 1;
    }

    void workDone(String taskId, String taskName, String projectCode, String processInstanceId, String delegatorId,
                  String delegateId, Instant at) {
        jdbc.update("insert into delegated_work (task_id, task_name, project_code, process_instance_id, delegator_id, delegate_id, completed_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)", taskId, taskName, projectCode, processInstanceId, delegatorId, delegateId, Timestamp.from(at));
    }

    /** The first {@code limit} tasks completed on the delegator's behalf, newest first (by completion, then by id). */
    List<DelegatedWork> workDoneFor(String delegatorId, int limit) {
        return jdbc.query("select * from delegated_work where delegator_id = ? order by completed_at desc, id desc"
                + " offset 0 rows fetch next ? rows only", DelegationRepository::work, delegatorId, limit);
    }

    long countWorkDoneFor(String delegatorId) {
        Long n = jdbc.queryForObject("select count(*) from delegated_work where delegator_id = ?", Long.class, delegatorId);
        return n == null ? 0 : n;
    }

    /** The work among these tasks the delegate completed on someone's behalf. */
    List<DelegatedWork> workDoneBy(String delegateId, List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        List<Object> args = new java.util.ArrayList<>();
        args.add(delegateId);
        args.addAll(taskIds);
        return jdbc.query("select * from delegated_work where delegate_id = ? and task_id in ("
                + String.join(", ", java.util.Collections.nCopies(taskIds.size(), "?")) + ")", DelegationRepository::work, args.toArray());
    }

    /** The project a task with a deadline is for, as the deadline engine recorded it. */
    Optional<String> projectOfTask(String taskId) {
        return jdbc.queryForList("select project_code from task_deadline where task_id = ?", String.class, taskId).stream().findFirst();
    }

    private static Delegation map(ResultSet rs, int row) throws SQLException {
        return new Delegation(rs.getLong("id"), rs.getString("delegator_id"), rs.getString("delegate_id"),
                rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                DelegationReason.valueOf(rs.getString("reason")), rs.getString("note"), instant(rs, "created_at"),
                instant(rs, "activated_at"), instant(rs, "ended_at"), rs.getString("ended_by"));
    }

    private static DelegatedWork work(ResultSet rs, int row) throws SQLException {
        return new DelegatedWork(rs.getLong("id"), rs.getString("task_id"), rs.getString("task_name"), rs.getString("project_code"),
                rs.getString("process_instance_id"), rs.getString("delegator_id"), rs.getString("delegate_id"),
                instant(rs, "completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
