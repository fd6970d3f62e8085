package cn.tuijin.ledger;

import java.util.Locale;

import cn.tuijin.system.InvalidInputException;

/**
 * What an import does with the milestones of its projects planned for days already past (a ledger imported at
 * go-live): the project office chooses per import. The default is the safe one: lateness that happened before the
 * system followed the project is not charged to anybody.
 */
enum PastDeadlines {
    /** 导入前已逾期: shown and counted apart, no accountability record, not lateness of the unit in rankings. */
    BEFORE_IMPORT("记为导入前已逾期（不追责）"),
    /** Charged as ordinary lateness: the accountability record of the holding unit once the deadline is seen passed. */
    CHARGED("按逾期追责");

    private final String label;

    PastDeadlines(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The request's parameter {@code pastDeadlines}: BEFORE_IMPORT (the default when absent) or CHARGED. */
    static PastDeadlines parse(String text) {
        if (text == null || text.isBlank()) {
            return BEFORE_IMPORT;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("pastDeadlines", "pastDeadlines 只能是 BEFORE_IMPORT（导入前已超过计划日期的节点记为导入前已逾期，不追责）"
                    + "或 CHARGED（按逾期追责）");
        }
    }

    /** The dry run's and the import's sentence: 「12 个节点在导入前已超过计划日期」 and what becomes of them. */
    String note(int count, boolean dryRun) {
        if (count == 0) {
            return "没有在导入前已超过计划日期的节点";
        }
        String what = this == BEFORE_IMPORT
                ? "记为「导入前已逾期」：在项目记录和看板中单独显示，不计入责任单位的逾期和问责"
                : "按逾期追责：流程启动后即记入责任单位的逾期问责记录";
        return count + " 个节点在导入前已超过计划日期，" + (dryRun ? "导入时将" : "已") + what;
    }
}
