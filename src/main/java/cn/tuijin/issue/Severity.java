package cn.tuijin.issue;

/**
 * How badly the problem blocks the project.
 */
public enum Severity {
    NORMAL("一般"),
    SERIOUS("较大"),
    MAJOR("重大");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The severity named by its code or its Chinese label; null if none. */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.name().equals(text) || s.label.equals(text)) {
                return s;
            }
        }
        return null;
    }
}
