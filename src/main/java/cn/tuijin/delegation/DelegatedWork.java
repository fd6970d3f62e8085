package cn.tuijin.delegation;

import java.time.Instant;

/**
 * A task a delegate completed on the delegator's behalf, while a delegation was in force (table delegated_work).
 */
public record DelegatedWork(long id, String taskId, String taskName, String projectCode, String processInstanceId,
                            String delegatorId, String delegateId, Instant completedAt) {
}
