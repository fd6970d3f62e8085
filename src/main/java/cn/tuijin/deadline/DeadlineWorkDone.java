package cn.tuijin.deadline;

import java.time.Instant;

/** The work of a task with a deadline is done (completed): published in the completing transaction. */
public record DeadlineWorkDone(String taskId, Instant at) {
}
