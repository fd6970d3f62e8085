package cn.tuijin.handover;

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
 * The task_transfer table.
 */
@Repository
class TransferRepository {

    private final JdbcTemplate jdbc;

    TransferRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String taskId, String projectCode, String taskName, String fromUnit, String toUnit, String user, Instant at,
                String reason) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into task_transfer (task_id, project_code, task_name, from_unit_code, to_unit_code, requested_by,
                        requested_at, reason, status)
                    values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')""", new String[] {"id"});
            ps.setString(1, taskId);
            ps.setString(2, projectCode);
            ps.setString(3, taskName);
            ps.setString(4, fromUnit);
            ps.setString(5, toUnit);
            ps.setString(6, user);
            ps.setTimestamp(7, Timestamp.from(at));
            ps.setString(8, reason);
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    Optional<TaskTransfer> find(long id) {
        return jdbc.query("select * from task_transfer where id = ?", TransferRepository::map, id).stream().findFirst();
    }

    /** Binds the request to the instance deciding it, once: false if it is bound already. */
    boolean bind(long id, String processInstanceId) {
        return jdbc.update("update task_transfer set process_instance_id = ? where id = ? and process_instance_id is null",
                processInstanceId, id) == 1;
    }

    Optional<TaskTransfer> forInstance(String processInstanceId) {
        return jdbc.query("select * from task_transfer where process_instance_id = ?", TransferRepository::map,
                processInstanceId).stream().findFirst();
    }

    boolean pendingFor(String taskId) {
        Integer n = jdbc.queryForObject("select count(*) from task_transfer where task_id = ? and status = 'PENDING'",
                Integer.class, taskId);
        return n != null && n > 0;
    }

    /** The requests about one task, newest first. */
    List<TaskTransfer> forTask(String taskId) {
        return jdbc.query("select * from task_transfer where task_id = ? order by id desc", TransferRepository::map, taskId);
    }

    /** Records the decision on a pending request: false if it was decided already. */
    boolean decide(long id, TaskTransfer.Status status, String user, Instant at, String note) {
        return jdbc.update("""
                update task_transfer set status = ?, decided_by = ?, decided_at = ?, decision_note = ?
                where id = ? and status = 'PENDING'""", status.name(), user, Timestamp.from(at), note, id) == 1;
    }

    void status(long id, TaskTransfer.Status status) {
        jdbc.update("update task_transfer set status = ? where id = ?", status.name(), id);
    }

    List<TaskTransfer> find(ProjectScope.Condition scope, String unitCode, String projectCode, TaskTransfer.Status status,
                            int offset, int limit) {
        return new FilteredSelect("select * from task_transfer where", scope.sql(), scope.args())
                .equal("from_unit_code", unitCode).equal("project_code", projectCode).equal("status", status)
                .page(jdbc, "id desc", offset, limit, TransferRepository::map);
    }

    /** Requests per requesting unit: all, approved, refused. */
    List<TransferCount> countsPerUnit(ProjectScope.Condition scope) {
        return jdbc.query("""
                select from_unit_code, count(*) as requested,
                    sum(case when status = 'APPROVED' then 1 else 0 end) as approved,
                    sum(case when status = 'REFUSED' then 1 else 0 end) as refused
                from task_transfer""" + " where " + scope.sql() + " group by from_unit_code order by from_unit_code",
                (rs, i) -> new TransferCount(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)),
                scope.args().toArray());
    }

    /** The first {@code limit} requests a person made, newest first (by when he asked, then by id). */
    List<TaskTransfer> requestedBy(String user, int limit) {
        return jdbc.query("select * from task_transfer where requested_by = ? order by requested_at desc, id desc"
                + " offset 0 rows fetch next ? rows only", TransferRepository::map, user, limit);
    }

    long countRequestedBy(String user) {
        Long n = jdbc.queryForObject("select count(*) from task_transfer where requested_by = ?", Long.class, user);
        return n == null ? 0 : n;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static TaskTransfer map(ResultSet rs, int row) throws SQLException {
        return new TaskTransfer(rs.getLong("id"), rs.getString("task_id"), rs.getString("project_code"),
                rs.getString("task_name"), rs.getString("from_unit_code"), rs.getString("to_unit_code"),
                rs.getString("requested_by"), instant(rs, "requested_at"), rs.getString("reason"),
                TaskTransfer.Status.valueOf(rs.getString("status")), rs.getString("decided_by"), instant(rs, "decided_at"),
                rs.getString("decision_note"));
    }
}
