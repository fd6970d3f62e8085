package cn.tuijin.project;

/**
 * A pre-construction approval (前期手续), handled by one approving department.
 */
public enum ApprovalItem {
    PROJECT_APPROVAL("立项"),
    PLANNING("规划许可"),
    LAND("用地"),
    EIA("环评"),
    ENERGY("能评"),
    CONSTRUCTION_PERMIT("施工许可");

    private final String label;

    ApprovalItem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
