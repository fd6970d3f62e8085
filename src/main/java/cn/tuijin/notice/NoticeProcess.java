package cn.tuijin.notice;

/**
 * The backing class of {@code processes/supervision-notice.bpmn}: its key, element ids and variable names.
 */
public final class NoticeProcess {

    public static final String KEY = "supervision-notice";

    /** Element ids. */
    public static final class Element {
        public static final String ANSWER = "Task_AnswerNotice";
        public static final String REVIEW = "Task_ReviewAnswer";
        public static final String RAISE = "Task_RaiseToLeader";
        public static final String FOLLOW_UP = "Task_FollowUpNotice";
        public static final String ANSWER_OVERDUE = "BoundaryEvent_AnswerNoticeOverdue";
        public static final String CLOSED = "EndEvent_NoticeClosed";

        private Element() {
        }
    }

    /** Process variables: only what the gateway needs. */
    public static final class Var {
        /**
         * Set at the start of instances of the diagram's version 1.0.0 only, whose expressions read it; version 1.1.0
         * finds its notice by the business key, the notice's number.
         */
        public static final String NOTICE_ID = "noticeId";
        /** The supervisor's decision on the rectification report. */
        public static final String ACCEPTED = "accepted";

        private Var() {
        }
    }

    private NoticeProcess() {
    }
}
