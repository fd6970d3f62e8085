package cn.tuijin.issue;

/**
 * What kind of problem blocks the project.
 */
public enum IssueCategory {
    LAND_CLEARANCE("征地拆迁"),
    LAND("土地"),
    PLANNING("规划"),
    FUNDING("资金"),
    UTILITIES("配套"),
    APPROVALS("审批手续"),
    ENVIRONMENT("环保"),
    OTHER("其他");

    private final String label;

    IssueCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The category named by its code or its Chinese label; null if none. */
    public static IssueCategory parse(String text) {
        for (IssueCategory c : values()) {
            if (c.name().equals(text) || c.label.equals(text)) {
                return c;
            }
        }
        return null;
    }
}
