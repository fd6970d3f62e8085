package cn.tuijin.deadline;

/**
 * The extension requests of one unit: all, approved, rejected, and those made after the deadline had passed.
 */
public record ExtensionCount(String unitCode, int requested, int approved, int rejected, int afterDeadline) {
}
