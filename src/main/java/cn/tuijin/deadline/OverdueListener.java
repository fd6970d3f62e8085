package cn.tuijin.deadline;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * The deadline timer of a user task fired: the holder's accountability record, a reminder, a red light.
 */
@Component("overdueListener")
class OverdueListener extends DeadlineTimerListener {

    OverdueListener(DeadlineTracker tracker, TaskHolders holders) {
        super(tracker, holders);
    }

    @Override
    protected void handle(String taskId, Supplier<HeldTask> live) {
        tracker.overdue(taskId, live);
    }
}
