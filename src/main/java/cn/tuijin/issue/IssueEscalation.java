package cn.tuijin.issue;

/**
 * The backing class of {@code processes/issue-escalation.bpmn}: its key, element ids and variable names.
 */
public final class IssueEscalation {

    public static final String KEY = "issue-escalation";

    /** Element ids. */
    public static final class Element {
        public static final String TRIAGE = "Task_TriageIssue";
        public static final String LEVEL_1 = "SubProcess_Level1";
        public static final String RESOLVE = "Task_ResolveLevel1";
        public static final String APPROVE_TRANSFER = "Task_ApproveTransfer";
        public static final String GIVE_OPINION = "Task_GiveOpinion";
        public static final String LEVEL_2 = "SubProcess_Level2";
        public static final String COORDINATE = "Task_CoordinateLevel2";
        public static final String HOLD_MEETING = "Task_HoldMeeting";
        public static final String COMPLETE_ASSIGNMENT = "Task_CompleteAssignment";
        public static final String DECIDE = "Task_DecideLevel3";
        public static final String CONFIRM = "Task_ConfirmResolution";
        public static final String LEVEL_1_EXPIRED = "BoundaryEvent_Level1Expired";
        public static final String LEVEL_2_EXPIRED = "BoundaryEvent_Level2Expired";
        public static final String SOLVED = "EndEvent_IssueSolved";

        private Element() {
        }
    }

    /** Process variables: only what gateways, multi-instance and listeners need. */
    public static final class Var {
        /** The level triage sends the issue to: 1, or 2/3 for a major issue. */
        public static final String START_LEVEL = "startLevel";
        /**
         * The level the issue is at, kept for instances of the diagram's version 1.0.0 only: their reopening gateway
         * reads it. Version 1.1.0 asks the issue's table ({@code issues.level}).
         */
        public static final String ISSUE_LEVEL = "issueLevel";
        /** What the holder decided: RESOLVED, ESCALATE, TRANSFER (level 1), MEETING (level 2). */
        public static final String OUTCOME = "outcome";
        public static final String CONFIRMED = "confirmed";
        public static final String TRANSFER_APPROVED = "transferApproved";
        /** The multi-instance element of the opinions: a cooperating unit; recorded as its task is created. */
        public static final String OPINION_UNIT = "opinionUnit";
        /** The multi-instance element of the assignments: a meeting assignment's id; recorded as its task is created. */
        public static final String ASSIGNMENT_ID = "assignmentId";
        /** Input parameter of a level's scope: the level entered, read only on that scope's own execution. */
        public static final String ENTERED_LEVEL = "enteredLevel";
        /** Input parameter of the escalation service tasks: the level whose deadline passed, read only on their own execution. */
        public static final String EXPIRED_LEVEL = "expiredLevel";

        private Var() {
        }
    }

    private IssueEscalation() {
    }
}
