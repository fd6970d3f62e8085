package cn.tuijin.project;

/**
 * Where a project stands in the ledger. A project in 签约 is doing its pre-construction approvals (前期手续).
 */
public enum Stage {
    RESERVE("储备"),
    NEGOTIATING("在谈"),
    SIGNED("签约"),
    UNDER_CONSTRUCTION("在建"),
    COMPLETED("竣工"),
    OPERATING("投产");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label(Category category) {
        return this == OPERATING && !category.producesGoods() ? "投用" : label;
    }
}
