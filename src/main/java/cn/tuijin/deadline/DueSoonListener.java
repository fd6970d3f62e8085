package cn.tuijin.deadline;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * The warning timer of a user task fired: the task is due soon; a reminder goes to its holder.
 */
@Component("dueSoonListener")
class DueSoonListener extends DeadlineTimerListener {

    DueSoonListener(DeadlineTracker tracker, TaskHolders holders) {
        super(tracker, holders);
    }

    @Override
    protected void handle(String taskId, Supplier<HeldTask> live) {
        tracker.dueSoon(taskId, live);
    }
}
