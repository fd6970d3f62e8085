package cn.tuijin.deadline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.tuijin.org.ProjectScope;
import cn.tuijin.system.FilteredSelect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The extension_request table.
 */
@Repository
class ExtensionRepository {

    private final JdbcTemplate jdbc;

    ExtensionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String taskId, String projectCode, String taskName, String unitCode, String user, Instant at,
                Instant oldDue, Instant newDue, String reason, boolean afterDeadline) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into extension_request (task_id, project_code, task_name, unit_code, requested_by, requested_at,
                        old_due_at, new_due_at, reason, after_deadline, status)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')""", new String[] {"id"});
            ps.setString(1, taskId);
            ps.setString(2, projectCode);
            ps.setString(3, taskName);
            ps.setString(4, unitCode);
            ps.setString(5, user);
            ps.setTimestamp(6, Timestamp.from(at));
            ps.setTimestamp(7, Timestamp.from(oldDue));
            ps.setTimestamp(8, Timestamp.from(newDue));
            ps.setString(9, reason);
            ps.setBoolean(10, afterDeadline);
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    Optional<ExtensionRequest> find(long id) {
        return jdbc.query("select * from extension_request where id = ?", ExtensionRepository::map, id).stream().findFirst();
    }

    /** Binds the request to the instance deciding it, once: false if it is bound already. */
    boolean bind(long id, String processInstanceId) {
        return jdbc.update("update extension_request set process_instance_id = ? where id = ? and process_instance_id is null",
                processInstanceId, id) == 1;
    }

    Optional<ExtensionRequest> forInstance(String processInstanceId) {
        return jdbc.query("select * from extension_request where process_instance_id = ?", ExtensionRepository::map,
                processInstanceId).stream().findFirst();
    }

    /** The requests made for one task, newest first. */
    List<ExtensionRequest> forTask(String taskId) {
        return jdbc.query("select * from extension_request where task_id = ? order by id desc", ExtensionRepository::map, taskId);
    }

    boolean pendingFor(String taskId) {
        Integer n = jdbc.queryForObject("select count(*) from extension_request where task_id = ? and status = 'PENDING'", Integer.class, taskId);
        return n != null && n > 0;
    }

    void decide(long id, ExtensionRequest.Status status, String user, Instant at, String note) {
        jdbc.update("update extension_request set status = ?, decided_by = ?, decided_at = ?, decision_note = ? where id = ?",
                status.name(), user, Timestamp.from(at), note, id);
    }

    void status(long id, ExtensionRequest.Status status) {
        jdbc.update("update extension_request set status = ? where id = ?", status.name(), id);
    }

    List<ExtensionRequest> find(ProjectScope.Condition scope, String unitCode, String projectCode, ExtensionRequest.Status status,
                                int offset, int limit) {
        return new FilteredSelect("select * from extension_request where", scope.sql(), scope.args())
                .equal("unit_code", unitCode).equal("project_code", projectCode).equal("status", status)
                .page(jdbc, "id desc", offset, limit, ExtensionRepository::map);
    }

    /** Requests per unit: all, approved, rejected, and those made after the deadline had passed. */
    List<ExtensionCount> countsPerUnit(ProjectScope.Condition scope) {
        return jdbc.query("""
                select unit_code, count(*) as requested,
                    sum(case when status = 'APPROVED' then 1 else 0 end) as approved,
                    sum(case when status = 'REJECTED' then 1 else 0 end) as rejected,
                    sum(case when after_deadline then 1 else 0 end) as after_deadline
                from extension_request""" + " where " + scope.sql() + " group by unit_code order by unit_code",
                (rs, i) -> new ExtensionCount(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)),
                scope.args().toArray());
    }

    /** The first {@code limit} requests a person made, newest first (by when he asked, then by id). */
    List<ExtensionRequest> requestedBy(String user, int limit) {
        return jdbc.query("select * from extension_request where requested_by = ? order by requested_at desc, id desc"
                + " offset 0 rows fetch next ? rows only", ExtensionRepository::map, user, limit);
    }

    long countRequestedBy(String user) {
        Long n = jdbc.queryForObject("select count(*) from extension_request where requested_by = ?", Long.class, user);
        return n == null ? 0 : n;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static ExtensionRequest map(ResultSet rs, int row) throws SQLException {
        return new ExtensionRequest(rs.getLong("id"), rs.getString("task_id"), rs.getString("project_code"),
                rs.getString("task_name"), rs.getString("unit_code"), rs.getString("requested_by"),
                instant(rs, "requested_at"), instant(rs, "old_due_at"), instant(rs, "new_due_at"), rs.getString("reason"),
                rs.getBoolean("after_deadline"), ExtensionRequest.Status.valueOf(rs.getString("status")),
                rs.getString("decided_by"), instant(rs, "decided_at"), rs.getString("decision_note"));
    }
}
