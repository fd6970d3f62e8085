package cn.tuijin.deadline;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * The warning timer of a user task fired: the task is due soon; a reminder goes to its holder.
 */
@Component("dueSoonListener")
class DueSoonListener extends DeadlineTimerListener {

    DueSoonListener(DeadlineTracker tracker, TaskHolders holders, DeadlineMover mover, DeadlineTaskEvents processes) {
        super(tracker, holders, mover, processes);
    }

    @Override
    protected Optional<Instant> handle(String taskId, Supplier<HeldTask> live) {
        return tracker.dueSoon(taskId, live);
    }
}
