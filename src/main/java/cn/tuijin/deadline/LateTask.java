package cn.tuijin.deadline;

import java.time.Instant;

/**
 * A task whose deadline (or warning window) has come, and who holds it: the assignee if someone claimed it,
 * and the unit answering for it.
 */
public record LateTask(
        String projectCode,
        String processInstanceId,
        String taskId,
        String activityId,
        String taskName,
        DeadlineKind kind,
        String holderUnitCode,
        String holderUserId,
        Instant dueAt) {
}
