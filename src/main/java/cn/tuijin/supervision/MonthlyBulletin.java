package cn.tuijin.supervision;

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
        /** The month to report on, yyyy-MM: given by the supervisor, or set by Task_DeterminePeriod on the daily run. */
        public static final String PERIOD = "period";
        /** Who asked for it (a supervisor's user id); absent on the daily run. */
        public static final String REQUESTED_BY = "requestedBy";
        /** Whether a bulletin is to be compiled and published: the gateway's question. */
        public static final String DUE = "bulletinDue";
        /** The bulletin compiled, to publish. */
        public static final String BULLETIN_ID = "bulletinId";

        private Var() {
        }
    }

    private MonthlyBulletin() {
    }
}
