package cn.tuijin.deadline;

import java.util.List;

/**
 * Several deadlines passed at once (a sweep's batch, {@link DeadlineSweep}): published in the transaction that marks
 * them overdue, for whoever records them in one go. Each is recorded once, as for {@link DeadlinePassed}.
 */
public record DeadlinesPassed(List<DeadlinePassed> deadlines) {

    public DeadlinesPassed {
        deadlines = List.copyOf(deadlines);
    }
}
