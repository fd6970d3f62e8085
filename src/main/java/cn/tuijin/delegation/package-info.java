/**
 * 委托 / 代理: an officer away (出差、休假) names a colleague of his unit, a leader his secretary, for a period; the
 * colleague works the officer's claimed tasks on his behalf (the engine's task owner is the officer, its assignee the
 * colleague), both named in the records; the delegation ends by itself after its last day (the nightly run), or
 * earlier by the officer, and the tasks still held for him go back to him.
 */
package cn.tuijin.delegation;
