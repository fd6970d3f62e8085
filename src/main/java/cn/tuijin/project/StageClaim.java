package cn.tuijin.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A milestone claim by the lead unit, with its evidence and, once verified, the project office's decision.
 */
public record StageClaim(
        Long id,
        String projectCode,
        Milestone milestone,
        String taskId,
        String claimedBy,
        Instant claimedAt,
        String contractNo,
        LocalDate signDate,
        BigDecimal contractAmount,
        String permitNo,
        LocalDate startDate,
        LocalDate acceptanceDate,
        LocalDate operationDate,
        Decision decision,
        String decidedBy,
        Instant decidedAt,
        String returnReason) {

    /** The verification of a claim; WITHDRAWN: taken back by its claimant before it was verified. */
    public enum Decision { PENDING, APPROVED, RETURNED, WITHDRAWN }

    /** The date the claim proves: signing, start, acceptance or operation date. */
    public LocalDate milestoneDate() {
        return switch (milestone) {
            case SIGNING -> signDate;
            case START -> startDate;
            case COMPLETION -> acceptanceDate;
            case OPERATION -> operationDate;
        };
    }
}
