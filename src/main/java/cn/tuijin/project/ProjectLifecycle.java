package cn.tuijin.project;

import java.util.List;
import java.util.Map;

/**
 * The backing class of {@code processes/project-lifecycle.bpmn}: its key, element ids and variable names.
 * No other class spells one of these as a string literal.
 */
public final class ProjectLifecycle {

    public static final String KEY = "project-lifecycle";

    /** Element ids. */
    public static final class Element {
        public static final String START = "StartEvent_ProjectRegistered";
        /** 从哪个阶段开始?: the project's stage in the ledger decides. */
        public static final String ENTRY = "Gateway_EntryStage";
        public static final String CLAIM_SIGNING = "Task_ClaimSigning";
        public static final String VERIFY_SIGNING = "Task_VerifySigning";
        public static final String APPROVALS = "SubProcess_Approvals";
        public static final String HANDLE_APPROVAL = "Task_HandleApproval";
        public static final String SUPPLEMENT_DOCUMENTS = "Task_SupplementDocuments";
        public static final String CLAIM_START = "Task_ClaimStart";
        public static final String VERIFY_START = "Task_VerifyStart";
        /** The service task that writes a verified start into the ledger. */
        public static final String RECORD_START = "Task_RecordStart";
        public static final String CONSTRUCTION = "SubProcess_Construction";
        public static final String CLAIM_COMPLETION = "Task_ClaimCompletion";
        public static final String VERIFY_COMPLETION = "Task_VerifyCompletion";
        public static final String MONTHLY_DISPATCH = "SubProcess_MonthlyDispatch";
        public static final String MONTHLY_REPORT = "Task_MonthlyReport";
        public static final String CLAIM_OPERATION = "Task_ClaimOperation";
        public static final String VERIFY_OPERATION = "Task_VerifyOperation";
        public static final String END = "EndEvent_InOperation";

        private Element() {
        }
    }

    /** Process variables: only what gateways, multi-instance and forms need. */
    public static final class Var {
        /**
         * The multi-instance element of 前期手续: the approval a sub-process instance handles. Read once, as the process
         * creates the instance's task, and recorded for it ({@link cn.tuijin.system.TaskSubjects}).
         */
        public static final String APPROVAL_ID = "approvalId";
        public static final String ACCEPTED_WITH_GAPS = "acceptedWithGaps";
        public static final String APPROVED = "approved";
        public static final String RETURN_REASON = "returnReason";
        /** The claim's evidence as text, shown to the verifier. */
        public static final String CLAIM_SUMMARY = "claimSummary";
        /** Task-local: the project as a line of text, shown on every form. */
        public static final String PROJECT_INFO = "projectInfo";
        /** Task-local input of the monthly report: the month reported (yyyy-MM), shown on the form; recorded as the task is created. */
        public static final String REPORT_PERIOD = "reportPeriod";
        /** Input parameter of the record service tasks: which milestone was verified (read on their own execution). */
        public static final String MILESTONE = "milestone";

        private Var() {
        }
    }

    /** Form fields whose values go into the ledger and are not kept as process variables. */
    public static final class Field {
        public static final String CONTRACT_NO = "contractNo";
        public static final String SIGN_DATE = "signDate";
        public static final String CONTRACT_AMOUNT = "contractAmount";
        public static final String PERMIT_NO = "permitNo";
        public static final String START_DATE = "startDate";
        public static final String ACCEPTANCE_DATE = "acceptanceDate";
        public static final String OPERATION_DATE = "operationDate";
        public static final String APPROVAL_NO = "approvalNo";
        public static final String MISSING_DOCUMENTS = "missingDocuments";
        public static final String SUPPLEMENT_NOTE = "supplementNote";
        public static final String MONTH_INVESTMENT = "monthInvestment";
        public static final String CUMULATIVE_INVESTMENT = "cumulativeInvestment";
        public static final String PROGRESS_PERCENT = "progressPercent";
        public static final String PROBLEMS = "problems";

        public static final List<String> ALL = List.of(CONTRACT_NO, SIGN_DATE, CONTRACT_AMOUNT, PERMIT_NO, START_DATE,
                ACCEPTANCE_DATE, OPERATION_DATE, APPROVAL_NO, MISSING_DOCUMENTS, SUPPLEMENT_NOTE, MONTH_INVESTMENT,
                CUMULATIVE_INVESTMENT, PROGRESS_PERCENT, PROBLEMS);

        private Field() {
        }
    }

    /** The milestone claimed by each claim task. */
    public static final Map<String, Milestone> CLAIMS = Map.of(
            Element.CLAIM_SIGNING, Milestone.SIGNING,
            Element.CLAIM_START, Milestone.START,
            Element.CLAIM_COMPLETION, Milestone.COMPLETION,
            Element.CLAIM_OPERATION, Milestone.OPERATION);

    /** The milestone verified by each verification task. */
    public static final Map<String, Milestone> VERIFICATIONS = Map.of(
            Element.VERIFY_SIGNING, Milestone.SIGNING,
            Element.VERIFY_START, Milestone.START,
            Element.VERIFY_COMPLETION, Milestone.COMPLETION,
            Element.VERIFY_OPERATION, Milestone.OPERATION);

    private ProjectLifecycle() {
    }
}
