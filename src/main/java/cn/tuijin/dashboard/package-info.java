/** The supervisors' dashboard (督查看板): lights by district and unit, the overdue list with its filters, a project's timeline. */
package cn.tuijin.dashboard;
