/** Working-day calendar, deadlines, traffic lights and accountability records. */
package cn.tuijin.deadline;
