/**
 * A task's clock: its deadline as events change it, the wiring that gives every user task its deadline listeners
 * ({@link cn.tuijin.deadline.DeadlineWiring}), the sweep that marks deadlines as their warning and due times come, in
 * sets ({@link cn.tuijin.deadline.DeadlineSweep}), the follow-ups of the timers diagrams draw, extensions, paused
 * clocks, and the calendar corrections that move provisional deadlines. Publishes {@link cn.tuijin.deadline.DeadlinePassed}
 * and {@link cn.tuijin.deadline.DeadlinesPassed}, {@link cn.tuijin.deadline.DeadlineWorkDone} (accountability) and
 * {@link cn.tuijin.deadline.DeadlinesChanged} (lights).
 */
package cn.tuijin.deadline;
