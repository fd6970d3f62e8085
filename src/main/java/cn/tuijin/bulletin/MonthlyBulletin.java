package cn.tuijin.bulletin;

/**
 * The backing class of {@code processes/monthly-bulletin.bpmn}: its key, element ids and variable names.
 */
public final class MonthlyBulletin {

    public static final String KEY = "monthly-bulletin";

    /** The message that starts the process on a supervisor's request (a process may have only one timer or none start). */
    public static final String REQUESTED = "bulletinRequested";

    /** Element ids. */
    public static final class Element {
        public static final String DAILY = "StartEvent_Daily";
        public static final String ON_DEMAND = "StartEvent_OnDemand";
        public static final String DETERMINE_PERIOD = "Task_DeterminePeriod";
        public static final String COMPILE = "Task_CompileBulletin";
        public static final String PUBLISH = "Task_PublishBulletin";
        public static final String PUBLISHED = "EndEvent_Published";
        public static final String NOTHING_DUE = "EndEvent_NothingDue";

        private Element() {
        }
    }

    /** Process variables. */
    public static final class Var {
        /**
         * Start variable of a supervisor's request: the month asked for, yyyy-MM. Read by Task_DeterminePeriod in the
         * starting step, which makes the month due the business key; the steps after it read the business key.
         */
        public static final String PERIOD = "period";
        /** Start variable of a supervisor's request: who asked; recorded by Task_DeterminePeriod (bulletin_request). */
        public static final String REQUESTED_BY = "requestedBy";
        /** Whether a bulletin is to be compiled and published: the gateway's question. */
        public static final String DUE = "bulletinDue";

        private Var() {
        }
    }

    private MonthlyBulletin() {
    }
}
