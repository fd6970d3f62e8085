package cn.tuijin.handover;

/**
 * The backing class of {@code processes/task-transfer.bpmn}: its key, element ids and variable names.
 */
public final class TransferProcess {

    public static final String KEY = "task-transfer";

    /** Element ids. */
    public static final class Element {
        public static final String DECIDE = "Task_DecideTransfer";
        public static final String APPLY = "Task_ApplyTransfer";

        private Element() {
        }
    }

    /** Process variables. */
    public static final class Var {
        /**
         * Start variable: the request to decide. Read once, as the start's own step creates the decision task, to bind
         * the request to the instance (task_transfer.process_instance_id); never read after.
         */
        public static final String REQUEST_ID = "requestId";
        /** Set by the application from the decision recorded in task_transfer; read by the gateway. */
        public static final String APPROVED = "approved";
        public static final String DECISION_NOTE = "decisionNote";
        /** The request as text, shown to whoever decides. */
        public static final String REQUEST_SUMMARY = "requestSummary";

        private Var() {
        }
    }

    private TransferProcess() {
    }
}
