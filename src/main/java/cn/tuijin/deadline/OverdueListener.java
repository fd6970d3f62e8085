package cn.tuijin.deadline;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * The deadline timer of a user task fired: the holder's accountability record, a reminder, a red light.
 */
@Component("overdueListener")
class OverdueListener extends DeadlineTimerListener {

    OverdueListener(DeadlineTracker tracker, TaskHolders holders, DeadlineMover mover, DeadlineTaskEvents processes) {
        super(tracker, holders, mover, processes);
    }

    @Override
    protected Optional<Instant> handle(String taskId, Supplier<HeldTask> live) {
        return tracker.overdue(taskId, live);
    }
}
