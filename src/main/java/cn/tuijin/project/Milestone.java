package cn.tuijin.project;

/**
 * A stage change that the lead unit claims and the project office verifies (签约、开工、竣工、投产/投用).
 */
public enum Milestone {
    SIGNING("签约", Stage.SIGNED),
    START("开工", Stage.UNDER_CONSTRUCTION),
    COMPLETION("竣工", Stage.COMPLETED),
    OPERATION("投产", Stage.OPERATING);

    private final String label;
    private final Stage reached;

    Milestone(String label, Stage reached) {
        this.label = label;
        this.reached = reached;
    }

    public String label(Category category) {
        return this == OPERATION && !category.producesGoods() ? "投用" : label;
    }

    /** The stage the project is in once this milestone is verified. */
    public Stage reached() {
        return reached;
    }
}
