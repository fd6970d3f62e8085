package cn.tuijin.deadline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The task_deadline table.
 */
@Repository
class TaskDeadlineRepository {

    private final JdbcTemplate jdbc;

    TaskDeadlineRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the deadline unless the task has one, in one statement (the check is part of the insert). */
    void insertIfAbsent(HeldTask t, Instant createdAt, boolean provisional, boolean processTimer) {
        insertIfAbsent(t, createdAt, provisional, processTimer, false);
    }

    /** As above; {@code beforeImport}: already past when the project's ledger was imported (导入前已逾期). */
    void insertIfAbsent(HeldTask t, Instant createdAt, boolean provisional, boolean processTimer, boolean beforeImport) {
        jdbc.update("""
                insert into task_deadline (task_id, project_code, process_instance_id, activity_id, task_name, kind,
                    holder_unit_code, holder_user_id, acting_user_id, created_at, warn_at, due_at, provisional, status, due_soon, overdue,
                    process_timer, before_import)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as timestamp), cast(? as timestamp), cast(? as timestamp), cast(? as boolean),
                    'OPEN', false, false, cast(? as boolean), cast(? as boolean)
                where not exists (select 1 from task_deadline where task_id = ?)""",
                t.taskId(), t.projectCode(), t.processInstanceId(), t.activityId(), t.taskName(), t.kind().name(),
                t.holderUnitCode(), t.holderUserId(), t.actingUserId(), ts(createdAt), ts(t.warnAt()), ts(t.dueAt()), provisional,
                processTimer, beforeImport, t.taskId());
    }

    Optional<TaskDeadline> find(String taskId) {
        return jdbc.query("select * from task_deadline where task_id = ?", TaskDeadlineRepository::map, taskId).stream().findFirst();
    }

    List<TaskDeadline> openForProject(String projectCode) {
        return jdbc.query("select * from task_deadline where project_code = ? and status = 'OPEN' order by due_at",
                TaskDeadlineRepository::map, projectCode);
    }

    /** These deadlines as they stand now (at most a few hundred ids: one IN list). */
    List<TaskDeadline> find(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select * from task_deadline where task_id in (" + placeholders(taskIds.size()) + ") order by task_id",
                TaskDeadlineRepository::map, taskIds.toArray());
    }

    /** The open deadlines of several projects (at most a few hundred: one IN list). */
    List<TaskDeadline> openForProjects(List<String> projectCodes) {
        return jdbc.query("select * from task_deadline where project_code in (" + placeholders(projectCodes.size())
                + ") and status = 'OPEN' order by due_at", TaskDeadlineRepository::map, projectCodes.toArray());
    }

    /** The open deadlines computed with a year that had no holiday data, by due date. */
    List<TaskDeadline> openProvisional() {
        return jdbc.query("select * from task_deadline where status = 'OPEN' and provisional order by due_at, task_id",
                TaskDeadlineRepository::map);
    }

    /** Whether an approved extension set the task's due date (a date chosen, not counted). */
    boolean extended(String taskId) {
        Integer n = jdbc.queryForObject("select count(*) from extension_request where task_id = ? and status = 'APPROVED'",
                Integer.class, taskId);
        return n != null && n > 0;
    }

    /** When the task's clock last resumed after a pause (its working days count from then), or null. */
    Instant lastResumed(String taskId) {
        return jdbc.query("select max(resumed_at) from task_pause where task_id = ?", (rs, i) -> instant(rs, 1), taskId)
                .stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** The deadline's provisional mark, and nothing else. */
    void provisional(String taskId, boolean provisional) {
        jdbc.update("update task_deadline set provisional = ? where task_id = ?", provisional, taskId);
    }

    List<String> projectsWithOpenDeadlines() {
        return jdbc.queryForList("select distinct project_code from task_deadline where status = 'OPEN'", String.class);
    }

    List<String> openTaskIds() {
        return jdbc.queryForList("select task_id from task_deadline where status = 'OPEN'", String.class);
    }

    void holder(String taskId, String unitCode, String userId, String actingUserId) {
        jdbc.update("update task_deadline set holder_unit_code = ?, holder_user_id = ?, acting_user_id = ? where task_id = ?",
                unitCode, userId, actingUserId, taskId);
    }

    /** Marks the deadline due soon, its reminder and light to follow; false if the task has no deadline row. */
    boolean dueSoon(String taskId, Instant at) {
        if (jdbc.update("update task_deadline set due_soon = true where task_id = ?", taskId) == 0) {
            return false;
        }
        followUp(taskId, at);
        return true;
    }

    /** Marks the deadline overdue, its reminder and light to follow; false if the task has no deadline row. */
    boolean overdue(String taskId, Instant at) {
        if (jdbc.update("update task_deadline set overdue = true, due_soon = true where task_id = ?", taskId) == 0) {
            return false;
        }
        followUp(taskId, at);
        return true;
    }

    /**
     * Marks the deadline for its follow-up. A mark still waiting is updated, not left alone: the update waits for a
     * follow-up that is taking the mark at this moment, so either that follow-up reads this transaction's change once
     * it has committed, or the mark is gone and a new one is inserted for the next follow-up. (Left alone, a follow-up
     * that read the deadline as due soon could take the mark of its overdue timer with it, and the overdue reminder
     * would never be written.)
     */
    private void followUp(String taskId, Instant at) {
        if (jdbc.update("update deadline_followup set marked_at = ? where task_id = ?", ts(at), taskId) == 0) {
            jdbc.update("insert into deadline_followup (task_id, marked_at) select ?, ? where not exists (select 1 from deadline_followup where task_id = ?)",
                    taskId, ts(at), taskId);
        }
    }

    /**
     * Takes up to {@code limit} open, running deadlines due by {@code now} and not yet marked overdue, those the sweep
     * marks (not a process's own timer, not one that failed in the last {@link DeadlineSweep#RETRY_FAILED}), earliest
     * first; rows another transaction holds are skipped (another node's sweep), so that nodes share a storm. Locked
     * until this transaction ends. {@code taskId}: that deadline only, if it still qualifies.
     */
    List<String> takeDue(Instant now, int limit, String taskId) {
        return jdbc.queryForList(DUE + (taskId == null ? "" : " and task_id = ?")
                + " order by due_at fetch first ? rows only for update skip locked", String.class, args(now, limit, taskId));
    }

    /** As {@link #takeDue}, for deadlines whose warning time has come and that are not yet marked due soon. */
    List<String> takeWarned(Instant now, int limit, String taskId) {
        return jdbc.queryForList(WARNED + (taskId == null ? "" : " and task_id = ?")
                + " order by warn_at fetch first ? rows only for update skip locked", String.class, args(now, limit, taskId));
    }

    /** The ids {@link #takeDue} would take, read without locking them. */
    List<String> dueIds(Instant now, int limit) {
        return jdbc.queryForList(DUE + " order by due_at fetch first ? rows only", String.class, args(now, limit, null));
    }

    /** The ids {@link #takeWarned} would take, read without locking them. */
    List<String> warnedIds(Instant now, int limit) {
        return jdbc.queryForList(WARNED + " order by warn_at fetch first ? rows only", String.class, args(now, limit, null));
    }

    /** The sweep could not process the deadline: it is left out of the sweeps for a while. */
    void sweepFailed(String taskId, Instant at) {
        jdbc.update("update task_deadline set sweep_failed_at = ? where task_id = ?", ts(at), taskId);
    }

    private static final String DUE = """
            select task_id from task_deadline
            where status = 'OPEN' and overdue = false and due_at <= ? and paused_at is null and process_timer = false
              and (sweep_failed_at is null or sweep_failed_at <= ?)""";
    private static final String WARNED = """
            select task_id from task_deadline
            where status = 'OPEN' and due_soon = false and warn_at <= ? and paused_at is null
              and (sweep_failed_at is null or sweep_failed_at <= ?)""";

    private static Object[] args(Instant now, int limit, String taskId) {
        Timestamp retry = ts(now.minus(DeadlineSweep.RETRY_FAILED));
        return taskId == null ? new Object[] {ts(now), retry, limit} : new Object[] {ts(now), retry, taskId, limit};
    }

    /** Marks these deadlines overdue (and so due soon) in one batch. */
    void markOverdue(List<String> taskIds) {
        jdbc.batchUpdate("update task_deadline set overdue = true, due_soon = true where task_id = ?",
                taskIds.stream().map(id -> new Object[] {id}).toList());
    }

    /** Marks these deadlines due soon in one batch. */
    void markDueSoon(List<String> taskIds) {
        jdbc.batchUpdate("update task_deadline set due_soon = true where task_id = ?",
                taskIds.stream().map(id -> new Object[] {id}).toList());
    }

    /** The task ids of deadlines whose reminder and light are still to follow, in task id order. */
    List<String> pendingFollowUps(int limit) {
        return jdbc.queryForList("select task_id from deadline_followup order by task_id fetch first ? rows only", String.class, limit);
    }

    /**
     * Takes over the follow-ups of these deadlines (in task id order, so that two nodes taking overlapping sets lock
     * rows in the same order); returns the ids this transaction took, those no other transaction took first.
     */
    List<String> takeFollowUps(List<String> taskIds) {
        int[] counts = jdbc.batchUpdate("delete from deadline_followup where task_id = ?",
                taskIds.stream().map(id -> new Object[] {id}).toList());
        List<String> taken = new java.util.ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                taken.add(taskIds.get(i));
            }
        }
        return taken;
    }

    long pendingFollowUpCount() {
        Long n = jdbc.queryForObject("select count(*) from deadline_followup", Long.class);
        return n == null ? 0 : n;
    }

    void close(String taskId, Instant at) {
        jdbc.update("update task_deadline set status = 'DONE', completed_at = ? where task_id = ? and status = 'OPEN'", ts(at), taskId);
    }

    /**
     * A new deadline (extension, resumed clock, corrected calendar): the marks start again from the new dates. A date
     * already past is marked by the next sweep ({@link DeadlineSweep}), with its record and reminder, as when a
     * deadline passes.
     */
    void move(String taskId, Instant warnAt, Instant dueAt, boolean provisional) {
        jdbc.update("update task_deadline set warn_at = ?, due_at = ?, provisional = ?, due_soon = false, overdue = false, paused_at = null, sweep_failed_at = null where task_id = ?",
                ts(warnAt), ts(dueAt), provisional, taskId);
    }

    /** Marks the deadline as already past when its project was imported (导入前已逾期), or not. */
    void beforeImport(String taskId, boolean beforeImport) {
        jdbc.update("update task_deadline set before_import = ? where task_id = ?", beforeImport, taskId);
    }

    void pause(String taskId, Instant at) {
        jdbc.update("update task_deadline set paused_at = ? where task_id = ?", ts(at), taskId);
    }

    /** The ? of an IN list of n values. */
    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static TaskDeadline map(ResultSet rs, int row) throws SQLException {
        return new TaskDeadline(rs.getString("task_id"), rs.getString("project_code"), rs.getString("process_instance_id"),
                rs.getString("activity_id"), rs.getString("task_name"), DeadlineKind.valueOf(rs.getString("kind")),
                rs.getString("holder_unit_code"), rs.getString("holder_user_id"), instant(rs, "created_at"),
                instant(rs, "warn_at"), instant(rs, "due_at"), rs.getBoolean("provisional"),
                "OPEN".equals(rs.getString("status")), rs.getBoolean("due_soon"), rs.getBoolean("overdue"),
                instant(rs, "paused_at"), rs.getString("acting_user_id"),
                rs.getBoolean("before_import"));
    }
}
