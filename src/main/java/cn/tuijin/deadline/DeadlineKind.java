package cn.tuijin.deadline;

/**
 * What kind of work a deadline is on.
 */
public enum DeadlineKind {
    MILESTONE("节点申报"),
    VERIFICATION("核验"),
    APPROVAL("审批"),
    SUPPLEMENT("容缺补正"),
    MONTHLY_REPORT("月度调度");

    private final String label;

    DeadlineKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
