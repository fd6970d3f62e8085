package cn.tuijin.notice;

import java.time.Instant;

/**
 * One step in a notice's timeline.
 */
public record NoticeEvent(Instant at, Kind kind, String actor, String unitCode, String text) {

    /** What happened. */
    public enum Kind {
        ISSUED("下发督办单"), ANSWERED("报送整改情况"), RETURNED("退回重新整改"), ACCEPTED("审核通过，办结"),
        RAISED("逾期，提交分包领导"), FOLLOWED_UP("分包领导跟进");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
