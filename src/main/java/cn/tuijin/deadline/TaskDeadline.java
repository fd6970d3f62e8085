package cn.tuijin.deadline;

import java.time.Instant;

/**
 * The deadline of one user task as the application tracks it.
 */
public record TaskDeadline(
        String taskId,
        String projectCode,
        String processInstanceId,
        String activityId,
        String taskName,
        DeadlineKind kind,
        String holderUnitCode,
        String holderUserId,
        Instant createdAt,
        Instant warnAt,
        Instant dueAt,
        boolean provisional,
        boolean open,
        boolean dueSoon,
        boolean overdue,
        Instant pausedAt,
        String actingUserId) {

    public boolean paused() {
        return pausedAt != null;
    }

    /** The task and its holder, as recorded here. */
    public HeldTask held() {
        return new HeldTask(projectCode, processInstanceId, taskId, activityId, taskName, kind, holderUnitCode, holderUserId,
                warnAt, dueAt, actingUserId);
    }
}
