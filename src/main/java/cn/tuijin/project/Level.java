package cn.tuijin.project;

/**
 * Whose key project it is (项目级别).
 */
public enum Level {
    PROVINCE("省重点"),
    CITY("市重点"),
    DISTRICT("区重点");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
