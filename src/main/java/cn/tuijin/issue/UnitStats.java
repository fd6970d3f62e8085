package cn.tuijin.issue;

/**
 * How a unit handles issues: reported by its officers, solved on time while it led them, escalated (asked for or by a
 * missed deadline), transferred (asked for), reopened.
 */
public record UnitStats(String unitCode, int reported, int solvedOnTime, int escalated, int transferred, int reopened) {
}
