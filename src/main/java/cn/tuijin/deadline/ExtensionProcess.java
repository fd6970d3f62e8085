package cn.tuijin.deadline;

/**
 * The backing class of {@code processes/extension-request.bpmn}: its key, element ids and variable names.
 */
public final class ExtensionProcess {

    public static final String KEY = "extension-request";

    /** Element ids. */
    public static final class Element {
        public static final String DECIDE = "Task_DecideExtension";
        public static final String DECIDE_LATE = "Task_DecideLateExtension";

        private Element() {
        }
    }

    /** Process variables. */
    public static final class Var {
        /**
         * Start variable: the request to decide. Read once, as the start's own step creates the decision task, to bind
         * the request to the instance (extension_request.process_instance_id); never read after.
         */
        public static final String REQUEST_ID = "requestId";
        public static final String AFTER_DEADLINE = "afterDeadline";
        public static final String APPROVED = "approved";
        public static final String DECISION_NOTE = "decisionNote";
        /** The request as text, shown to whoever decides. */
        public static final String REQUEST_SUMMARY = "requestSummary";

        private Var() {
        }
    }

    private ExtensionProcess() {
    }
}
