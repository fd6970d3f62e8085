/** Supervision notices (督办单): issued by supervisors with an answer date, answered by the unit, reviewed, raised to the contracting leader when late; numbered per year. */
package cn.tuijin.notice;
