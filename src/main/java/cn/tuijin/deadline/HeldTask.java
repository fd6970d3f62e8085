package cn.tuijin.deadline;

import java.time.Instant;

/**
 * A user task with a deadline, and who holds it: the assignee if someone claimed it, and the unit answering for it.
 *
 * @param holderUserId '' while nobody has claimed the task: then the unit holds it
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
        Instant dueAt) {
}
