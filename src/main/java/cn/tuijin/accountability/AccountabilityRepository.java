package cn.tuijin.accountability;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import cn.tuijin.deadline.DeadlineKind;
import cn.tuijin.deadline.HeldTask;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.system.FilteredSelect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The append-only table of accountability records. The only update stamps a record with the late work's
 * completion; there is no delete.
 */
@Repository
class AccountabilityRepository {

    private final JdbcTemplate jdbc;

    AccountabilityRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the record unless this lateness is already recorded, in one statement (the check is part of the insert):
     * this holder already has one for this task, or, for a milestone claim, the unit has one for the same deadline of
     * the same step of the process on an earlier task (a claim withdrawn or returned comes back as a new task with the
     * deadline it missed; that is still one missed deadline). Only claims come back so: tasks of other kinds may run
     * side by side at one step (an approval per item) with one deadline, each its own lateness. A concurrent duplicate
     * (a retried job, a second node) fails on the unique constraint and its transaction is retried, finding the record
     * present.
     */
    boolean insertOnce(HeldTask t, Instant detectedAt) {
        return insertOnce(List.of(t), detectedAt)[0];
    }

    /** {@link #insertOnce(HeldTask, Instant)} for several, in one batch: whether each was inserted. */
    boolean[] insertOnce(List<HeldTask> tasks, Instant detectedAt) {
        int[] counts = jdbc.batchUpdate(INSERT_ONCE, tasks.stream().map(t -> insertOnceArgs(t, detectedAt)).toList());
        boolean[] inserted = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            inserted[i] = counts[i] > 0;
        }
        return inserted;
    }

    private static final String INSERT_ONCE = """
                insert into accountability_record (project_code, process_instance_id, task_id, activity_id, task_name, kind,
                    holder_unit_code, holder_user_id, acting_user_id, due_at, detected_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as timestamp), cast(? as timestamp)
                where not exists (select 1 from accountability_record where task_id = ? and holder_unit_code = ? and holder_user_id = ?)
                  and not (? = 'MILESTONE' and exists (select 1 from accountability_record where project_code = ?
                                  and process_instance_id = ? and activity_id = ? and due_at = cast(? as timestamp)
                                  and holder_unit_code = ?))""";

    private static Object[] insertOnceArgs(HeldTask t, Instant detectedAt) {
        return new Object[] {t.projectCode(), t.processInstanceId(), t.taskId(), t.activityId(), t.taskName(), t.kind().name(),
                t.holderUnitCode(), t.holderUserId(), t.actingUserId(), Timestamp.from(t.dueAt()), Timestamp.from(detectedAt),
                t.taskId(), t.holderUnitCode(), t.holderUserId(),
                t.kind().name(), t.projectCode(), t.processInstanceId(), t.activityId(), Timestamp.from(t.dueAt()),
                t.holderUnitCode()};
    }

    /**
     * The unit's record of the same missed deadline on an earlier task of the same milestone claim (submitted late,
     * then withdrawn or returned) follows the task that came back: it is open again until that task is done, so
     * the working days late count to the work finally done. Whether there was one.
     */
    boolean reopenForReturnedTask(HeldTask t) {
        if (t.kind() != DeadlineKind.MILESTONE) {
            return false;
        }
        return jdbc.update("""
                update accountability_record set task_id = ?, completed_at = null, working_days_late = null
                where id = (select max(id) from accountability_record where project_code = ? and process_instance_id = ?
                            and activity_id = ? and due_at = cast(? as timestamp) and holder_unit_code = ? and task_id <> ?)
                  and not exists (select 1 from accountability_record where task_id = ? and holder_unit_code = ?)""",
                t.taskId(), t.projectCode(), t.processInstanceId(), t.activityId(), Timestamp.from(t.dueAt()), t.holderUnitCode(),
                t.taskId(), t.taskId(), t.holderUnitCode()) > 0;
    }

    /** Stamps the open records of a task with its completion and the working days it was late. */
    void completed(String taskId, Instant at, java.util.function.ToIntFunction<Instant> workingDaysLate) {
        for (var row : jdbc.queryForList("select id, due_at from accountability_record where task_id = ? and completed_at is null", taskId)) {
            Instant due = ((Timestamp) row.get("DUE_AT")).toInstant();
            jdbc.update("update accountability_record set completed_at = ?, working_days_late = ? where id = ? and completed_at is null",
                    Timestamp.from(at), workingDaysLate.applyAsInt(due), row.get("ID"));
        }
    }

    List<AccountabilityRecord> find(ProjectScope.Condition scope, String projectCode, String unitCode, String userId, DeadlineKind kind,
                                    Instant from, Instant to, int offset, int limit) {
        return new FilteredSelect("select * from accountability_record where", scope.sql(), scope.args())
                .equal("project_code", projectCode).equal("holder_unit_code", unitCode).equal("holder_user_id", userId)
                .equal("kind", kind).from("detected_at", from).before("detected_at", to)
                .page(jdbc, "id", offset, limit, AccountabilityRepository::map);
    }

    private static AccountabilityRecord map(ResultSet rs, int row) throws SQLException {
        return new AccountabilityRecord(rs.getLong("id"), rs.getString("project_code"), rs.getString("process_instance_id"),
                rs.getString("task_id"), rs.getString("activity_id"), rs.getString("task_name"),
                DeadlineKind.valueOf(rs.getString("kind")), rs.getString("holder_unit_code"), rs.getString("holder_user_id"),
                rs.getTimestamp("due_at").toInstant(), rs.getTimestamp("detected_at").toInstant(),
                rs.getTimestamp("completed_at") == null ? null : rs.getTimestamp("completed_at").toInstant(),
                (Integer) rs.getObject("working_days_late"), rs.getString("acting_user_id"));
    }
}
