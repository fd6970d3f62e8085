/** The issue path: problems blocking a project, escalated from the lead unit to the contracting leader to the committee. */
package cn.tuijin.issue;
