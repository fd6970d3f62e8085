package cn.tuijin.desk;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One urge (催办): who pressed the holder of which task, when, with what sentence, and when the notice may go out.
 */
record Urge(long id, String taskId, String projectCode, String issueCode, String taskName, String holderUnitCode,
            String holderUserId, String urgedBy, Instant urgedAt, LocalDate workingDay, Instant sendAt, String note) {
}
