package cn.tuijin.deadline;

/**
 * What kind of work a deadline is on.
 */
public enum DeadlineKind {
    MILESTONE("节点申报"),
    VERIFICATION("核验"),
    APPROVAL("审批"),
    SUPPLEMENT("容缺补正"),
    MONTHLY_REPORT("月度调度"),
    ISSUE_TRIAGE("问题分派"),
    ISSUE_LEVEL("问题办理"),
    ISSUE_OPINION("配合意见"),
    MEETING_ASSIGNMENT("会议交办事项"),
    ISSUE_CONFIRMATION("确认解决情况"),
    NOTICE("督办整改");

    private final String label;

    DeadlineKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
