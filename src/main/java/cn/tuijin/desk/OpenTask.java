package cn.tuijin.desk;

import java.time.Instant;

/**
 * An open user task as the deadline table knows it, with the issue it belongs to (if any).
 *
 * @param holderUserId '' while nobody has claimed the task: its unit holds it
 */
record OpenTask(String taskId, String projectCode, String issueCode, String taskName, String holderUnitCode,
                String holderUserId, Instant dueAt) {
}
