package cn.tuijin.org;

/**
 * A unit is a department, a district government or an enterprise.
 */
public enum UnitKind {
    DEPARTMENT("部门"),
    DISTRICT("区县政府"),
    ENTERPRISE("企业");

    private final String label;

    UnitKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
