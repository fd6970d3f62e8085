package cn.tuijin.deadline;

import java.util.Map;

/**
 * The deadlines of fixed length a feature has, by name: what a diagram's {@code deadlines.workingDays('NAME')} and
 * {@code deadlines.warnFromNow('NAME')} count. Each feature (the lifecycle's policy, issues, notices) declares its own;
 * the deadline module knows none of them. A name declared twice stops the application at start-up.
 */
public interface DeadlineWindows {

    Map<String, DeadlinePolicy.Window> windows();
}
