package cn.tuijin.ledger;

import java.util.List;

/**
 * An upload the ledger refuses as a whole; nothing of it was written. Answered as a 400 problem detail whose
 * {@code errors} lists every problem found.
 */
class LedgerRejectedException extends RuntimeException {

    private final List<Problem> problems;

    LedgerRejectedException(String summary, List<Problem> problems) {
        super(summary);
        this.problems = List.copyOf(problems);
    }

    /** A file that cannot be read as a ledger at all. */
    LedgerRejectedException(String message) {
        this("导入被拒绝：" + message, List.of(Problem.ofFile(message)));
    }

    List<Problem> problems() {
        return problems;
    }
}
