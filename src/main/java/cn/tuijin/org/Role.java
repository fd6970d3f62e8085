package cn.tuijin.org;

/**
 * What a person does in the supervision discipline, and the Camunda group that grants it.
 */
public enum Role {
    OFFICER("责任单位经办人", null),
    PROJECT_OFFICE("重点项目办", Groups.PROJECT_OFFICE),
    LEADER("分包领导", Groups.LEADERS),
    COMMITTEE("推进委员会", Groups.COMMITTEE),
    SUPERVISOR("督查室", Groups.SUPERVISORS),
    ADMIN("系统管理员", Groups.ADMINS);

    private final String label;
    private final String group;

    Role(String label, String group) {
        this.label = label;
        this.group = group;
    }

    public String label() {
        return label;
    }

    /** The role's Camunda group, or null for officers, who act through their unit's group only. */
    public String group() {
        return group;
    }
}
