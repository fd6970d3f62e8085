package cn.tuijin.ledger;

import java.util.List;

/**
 * What an import did, or would do in a dry run: the projects created, updated (with the columns that change) and
 * left as they were, by code and spreadsheet row, and the problems found. {@code valid} is false if there is any
 * problem; then a commit writes nothing.
 *
 * <p>{@code pastDeadlines}: how many milestones (节点) of the projects whose lifecycle the import starts are planned
 * for a day already past at the import; {@code pastDeadlinesMode} what the project office chose for them
 * ({@link PastDeadlines}), {@code pastDeadlinesNote} both said in Chinese.
 *
 * <p>{@code lifecycles}: how many lifecycles the import starts; {@code lifecyclesPending}: how many of them were not yet
 * running when the import answered (a large import starts them after its commit, in the background: the import's
 * record, {@code GET /api/ledger/imports/{id}}, tells the progress).
 */
record ImportResult(boolean dryRun, boolean valid, Long importId, String sheet, int rows, List<Created> created,
                    List<Updated> updated, List<Unchanged> unchanged, int pastDeadlines, String pastDeadlinesMode,
                    String pastDeadlinesNote, int lifecycles, int lifecyclesPending, int errorCount, List<Problem> errors) {

    /**
     * A new project; its lifecycle starts at its stage unless it is 储备 or 投产/投用. {@code pastDeadlines}: its
     * milestones planned before the import day ("计划开工日期 2026-03-01"); {@code note}: a date the import set for it.
     */
    record Created(int row, String code, String name, String stage, boolean lifecycleStarts, List<String> pastDeadlines,
                   String note) {
    }

    /** An existing project whose ledger columns change; a reserve project moved on starts its lifecycle. */
    record Updated(int row, String code, List<String> changes, boolean lifecycleStarts, List<String> pastDeadlines,
                   String note) {
    }

    /** An existing project the row leaves as it is. */
    record Unchanged(int row, String code) {
    }
}
