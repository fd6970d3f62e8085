package cn.tuijin.delegation;

/** Why an officer is away. */
public enum DelegationReason {
    TRAVEL("出差"),
    LEAVE("休假"),
    OTHER("其他");

    private final String label;

    DelegationReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
