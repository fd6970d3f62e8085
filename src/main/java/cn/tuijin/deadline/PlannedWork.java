package cn.tuijin.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the module owning the work tells the deadline engine about its own dates (the project module implements it):
 * the day the ledger plans for a milestone, and the working days an approving department promised.
 */
public interface PlannedWork {

    /** The planned day of the project's milestone (SIGNING, START, COMPLETION, OPERATION), if the ledger plans one. */
    Optional<LocalDate> plannedDay(String projectCode, String milestone);

    /**
     * When the project office chose, importing the project, to record the deadlines already past as 导入前已逾期: a
     * deadline of the project due before this instant is shown and counted apart, not charged to its holder.
     */
    Optional<Instant> lateBeforeImport(String projectCode);

    /** The working days promised for the approval. */
    int promisedDays(long approvalId);
}
