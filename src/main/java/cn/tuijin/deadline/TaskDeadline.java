package cn.tuijin.deadline;

import java.time.Instant;

/**
 * The deadline of one user task as the application tracks it. {@code beforeImport}: it was already past when its
 * project was imported, and the project office chose to record it as 导入前已逾期 (shown, counted apart, not charged).
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
        String actingUserId,
        boolean beforeImport) {

    public boolean paused() {
        return pausedAt != null;
    }

    /** The task and its holder, as recorded here. */
    public HeldTask held() {
        return new HeldTask(projectCode, processInstanceId, taskId, activityId, taskName, kind, holderUnitCode, holderUserId,
                warnAt, dueAt, actingUserId);
    }
}
