/**
 * Each project's traffic light (红黄绿灯): red when a deadline has passed, an issue is with the committee or investment
 * lags far behind; yellow in a warning window or a smaller lag; green otherwise. Follows the deadline module's
 * {@link cn.tuijin.deadline.DeadlinesChanged} events; reconciled every night.
 */
package cn.tuijin.light;
