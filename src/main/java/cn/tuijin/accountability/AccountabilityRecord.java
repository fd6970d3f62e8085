package cn.tuijin.accountability;

import java.time.Instant;

import cn.tuijin.deadline.DeadlineKind;

/**
 * A missed deadline written down against the unit and person holding the work (问责依据). Never edited or deleted.
 *
 * @param actingUserId the colleague who worked the task on the holder's behalf while he was away (委托), '' if none
 */
public record AccountabilityRecord(
        long id,
        String projectCode,
        String processInstanceId,
        String taskId,
        String activityId,
        String taskName,
        DeadlineKind kind,
        String holderUnitCode,
        String holderUserId,
        Instant dueAt,
        Instant detectedAt,
        Instant completedAt,
        Integer workingDaysLate,
        String actingUserId) {
}
