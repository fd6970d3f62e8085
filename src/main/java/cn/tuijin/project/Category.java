package cn.tuijin.project;

/**
 * Project category (项目类别). Industrial projects end in production (投产), the others in use (投用).
 */
public enum Category {
    INDUSTRIAL("产业"),
    INFRASTRUCTURE("基础设施"),
    URBAN("城建"),
    SOCIAL("社会民生"),
    RENOVATION("技改");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Industrial and technical-renovation projects go into production; the others into use. */
    public boolean producesGoods() {
        return this == INDUSTRIAL || this == RENOVATION;
    }
}
