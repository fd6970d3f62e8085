package cn.tuijin.deadline;

import java.time.Instant;

/**
 * A user task with a deadline, and who holds it: the assignee if someone claimed it, and the unit answering for it.
 * While the holder is away (委托), a colleague works the task on his behalf: the holder still answers for it.
 *
 * @param holderUserId '' while nobody has claimed the task: then the unit holds it
 * @param actingUserId the delegate working the task on the holder's behalf, '' when the holder acts himself
 */
public record HeldTask(
        String projectCode,
        String processInstanceId,
        String taskId,
        String activityId,
        String taskName,
        DeadlineKind kind,
        String holderUnitCode,
        String holderUserId,
        Instant warnAt,
        Instant dueAt,
        String actingUserId) {

    public HeldTask {
        actingUserId = actingUserId == null ? "" : actingUserId;
    }

    /** A task its holder works himself. */
    public HeldTask(String projectCode, String processInstanceId, String taskId, String activityId, String taskName,
                    DeadlineKind kind, String holderUnitCode, String holderUserId, Instant warnAt, Instant dueAt) {
        this(projectCode, processInstanceId, taskId, activityId, taskName, kind, holderUnitCode, holderUserId, warnAt, dueAt, "");
    }

    /** Whom the work's reminders reach: the delegate acting for the holder, else the holder ('' for a unit). */
    public String workerUserId() {
        return actingUserId.isEmpty() ? holderUserId : actingUserId;
    }
}
