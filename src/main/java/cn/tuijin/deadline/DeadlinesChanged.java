package cn.tuijin.deadline;

import java.util.Collection;
import java.util.List;

/**
 * The deadlines of these projects changed (a task's deadline opened, closed, moved, paused, passed or came near, or was
 * recomputed for a new calendar): published in the transaction that changed them, to whoever shows a project's state
 * from its deadlines (the traffic lights).
 */
public record DeadlinesChanged(Collection<String> projectCodes) {

    public DeadlinesChanged {
        projectCodes = List.copyOf(projectCodes);
    }

    public static DeadlinesChanged of(String projectCode) {
        return new DeadlinesChanged(List.of(projectCode));
    }
}
