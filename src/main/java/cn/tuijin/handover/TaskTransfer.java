package cn.tuijin.handover;

import java.time.Instant;

/**
 * A request by a task's holder to hand the task over to another unit (申请转办), and its decision.
 */
public record TaskTransfer(
        long id,
        String taskId,
        String projectCode,
        String taskName,
        String fromUnitCode,
        String toUnitCode,
        String requestedBy,
        Instant requestedAt,
        String reason,
        Status status,
        String decidedBy,
        Instant decidedAt,
        String decisionNote) {

    /** Where the request stands. */
    public enum Status {
        PENDING("待审批"), APPROVED("已同意，已转办"), REFUSED("未同意"), OBSOLETE("任务已办结，未转办");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
