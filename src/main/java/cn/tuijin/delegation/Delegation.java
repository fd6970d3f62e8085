package cn.tuijin.delegation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An officer's delegation of his work to a colleague for a period, its last day included.
 *
 * @param endedBy the delegator ending it early, or {@value DelegationService#SYSTEM} after its last day
 */
public record Delegation(long id, String delegatorId, String delegateId, LocalDate startsOn, LocalDate endsOn,
                         DelegationReason reason, String note, Instant createdAt, Instant activatedAt, Instant endedAt,
                         String endedBy) {

    /** In force on that day: begun, not past its last day, not ended early. */
    public boolean inForceOn(LocalDate day) {
        return endedAt == null && !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }

    /** Overlaps the period from {@code from} to {@code to}, both included, and not ended. */
    boolean overlaps(LocalDate from, LocalDate to) {
        return endedAt == null && !startsOn.isAfter(to) && !endsOn.isBefore(from);
    }
}
