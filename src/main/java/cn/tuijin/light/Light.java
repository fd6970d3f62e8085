package cn.tuijin.light;

/**
 * A project's traffic light (红黄绿灯).
 */
public enum Light {
    GREEN("绿灯"),
    YELLOW("黄灯"),
    RED("红灯");

    private final String label;

    Light(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
