/** Supervision: the overdue dashboard, supervision notices and monthly bulletins. */
package cn.tuijin.supervision;
