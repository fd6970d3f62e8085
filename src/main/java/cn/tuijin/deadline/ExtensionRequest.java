package cn.tuijin.deadline;

import java.time.Instant;

/**
 * A request by a task's holder for a later due date (延期申请), and its decision.
 */
public record ExtensionRequest(
        long id,
        String taskId,
        String projectCode,
        String taskName,
        String unitCode,
        String requestedBy,
        Instant requestedAt,
        Instant oldDueAt,
        Instant newDueAt,
        String reason,
        boolean afterDeadline,
        Status status,
        String decidedBy,
        Instant decidedAt,
        String decisionNote) {

    /** Where the request stands. */
    public enum Status {
        PENDING("待审批"), APPROVED("已同意"), REJECTED("已驳回"), OBSOLETE("任务已办结，未调整");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
