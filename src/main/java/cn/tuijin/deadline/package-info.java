/**
 * A task's clock: its deadline as events change it, the wiring that gives every user task its deadline listeners and
 * timers ({@link cn.tuijin.deadline.DeadlineWiring}), the timers' follow-ups (marks, reminders), extensions, paused
 * clocks, and the calendar corrections that move provisional deadlines. Publishes {@link cn.tuijin.deadline.DeadlinePassed},
 * {@link cn.tuijin.deadline.DeadlineWorkDone} (accountability) and {@link cn.tuijin.deadline.DeadlinesChanged} (lights).
 */
package cn.tuijin.deadline;
