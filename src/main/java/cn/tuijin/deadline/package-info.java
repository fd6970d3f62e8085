/**
 * A task's clock: its deadline as events change it, the timers and their follow-ups (reminders, lights), extensions,
 * paused clocks, accountability records, and the calendar corrections that move provisional deadlines.
 */
package cn.tuijin.deadline;
