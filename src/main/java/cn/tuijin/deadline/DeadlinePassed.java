package cn.tuijin.deadline;

/**
 * A task's deadline has passed while someone held it: published, in the transaction that marks the deadline overdue,
 * to whoever records it (the accountability record); also by a process whose own escalation is the deadline (an
 * issue's level expiring). Published again if the same deadline is delivered again: the listener records it once.
 */
public record DeadlinePassed(HeldTask task, boolean beforeImport) {

    /**
     * A deadline passed while the system followed it: lateness of its holder. ({@code beforeImport}: it was already
     * past when its project was imported, recorded as 导入前已逾期 and not charged.)
     */
    public DeadlinePassed(HeldTask task) {
        this(task, false);
    }
}
