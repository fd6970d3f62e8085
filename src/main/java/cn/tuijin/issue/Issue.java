package cn.tuijin.issue;

import java.time.Instant;

/**
 * An issue (问题) reported against a project, where it stands and who holds it.
 *
 * @param level 0 while awaiting triage, then 1 (lead unit), 2 (contracting leader), 3 (committee)
 */
public record Issue(
        String code,
        String projectCode,
        IssueCategory category,
        String description,
        String supportNeeded,
        Severity severity,
        String reportedBy,
        Instant reportedAt,
        String leadUnitCode,
        boolean major,
        int level,
        Status status,
        Instant firstDeadlineAt,
        Instant levelDueAt,
        String holderUnitCode,
        String holderUserId,
        String holderTaskId,
        String resolution,
        String resolvedBy,
        Instant resolvedAt,
        Instant closedAt,
        int reopenCount) {

    /** Where the issue stands. */
    public enum Status {
        TRIAGE("待分派"), OPEN("办理中"), RESOLVED("待确认"), CLOSED("已解决");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public String levelLabel() {
        return switch (level) {
            case 0 -> "待分派";
            case 1 -> "一级：牵头单位";
            case 2 -> "二级：分包领导";
            default -> "三级：推进委员会";
        };
    }
}
