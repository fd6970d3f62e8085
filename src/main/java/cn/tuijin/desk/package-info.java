/**
 * The officer's desk (工作台): what people do to each other's work besides the processes' own steps — urging a task's
 * holder (催办) and copying a project or an issue to someone for information (抄送).
 */
package cn.tuijin.desk;
