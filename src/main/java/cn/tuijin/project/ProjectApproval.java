package cn.tuijin.project;

import java.time.Instant;

/**
 * One pre-construction approval of a project, handled by one department within its promised working days.
 */
public record ProjectApproval(
        long id,
        String projectCode,
        ApprovalItem item,
        String unitCode,
        int promisedDays,
        Status status,
        String approvalNo,
        String missingDocuments,
        String decidedBy,
        Instant decidedAt,
        Instant supplementedAt) {

    /** Where the approval stands. */
    public enum Status {
        PENDING("办理中"),
        ACCEPTED_WITH_GAPS("容缺受理，待补正"),
        APPROVED("已办结");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
