package cn.tuijin.issue;

import java.time.Instant;

/**
 * One step in an issue's timeline.
 */
public record IssueEvent(Instant at, int level, Kind kind, String actor, String unitCode, String text) {

    /** What happened. */
    public enum Kind {
        REPORTED("上报"), TRIAGED("分派"), LEVEL_ENTERED("进入办理层级"), HELD("接手办理"), OPINION("出具配合意见"),
        ESCALATION_REQUESTED("申请升级"), TRANSFER_REQUESTED("申请转办"), TRANSFER_APPROVED("同意转办"),
        TRANSFER_REFUSED("不同意转办"), DEADLINE_MISSED("逾期升级"), MEETING("专题会议"), ASSIGNMENT_DONE("交办事项完成"),
        RESOLVED("报告解决"), CONFIRMED("确认解决"), REOPENED("不认可，重新办理");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
