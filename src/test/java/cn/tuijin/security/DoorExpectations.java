package cn.tuijin.security;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What each kind of user gets from each operation of Camunda's REST API, by the rules of the README ("The engine's own
 * doors"), with the bodies of {@link ChangingBodies} aimed at {@link DoorTargets}: every operation of the OpenAPI
 * document, by its operationId. Anonymous callers get 401 everywhere.
 */
final class DoorExpectations {

    /** Who calls: anonymous, or a user of the demo city. */
    enum Caller {
        ANONYMOUS(null),
        /** 王建国 of 住建局, the unit that holds the targeted approval. */
        OFFICER("wangjg"),
        /** 刘洋 of 工信局, a unit with no part in it. */
        OTHER_UNITS_OFFICER("liuy"),
        LEADER("linxh"),
        PROJECT_OFFICE("zhengwt"),
        SUPERVISOR("huangzh"),
        ADMIN("admin");

        final String user;

        Caller(String user) {
            this.user = user;
        }
    }

    /** An expected answer. */
    enum Answer {
        /** 401. */
        UNAUTHENTICATED,
        /** 2xx; nothing changed. */
        OK,
        /** A read: 2xx, or a 4xx where the user may not see it or it does not exist; nothing changed. */
        SEEN,
        /** A 4xx in Chinese; nothing changed. */
        REFUSED,
        /** An administrator's operation that leaves the domain as it is: 2xx, or a 4xx in Chinese; nothing changed. */
        ADMINISTERED,
        /**
         * An administrator's operation that may change the project whose process it names (deleting, modifying or
         * migrating its process): 2xx, or a 4xx in Chinese; nothing changed in any other project.
         */
        CHANGES_ALLOWED
    }

    private static final Map<String, Map<Caller, Answer>> TABLE = new LinkedHashMap<>();

    /** What the webapps answer before anyone has logged in: their login page lists the engines and the password policy. */
    private static final Set<String> OPEN_AT_THE_WEBAPP = Set.of("getProcessEngineNames", "getPasswordPolicy", "checkPassword");

    static {
        // Reads: queries, single objects, forms, diagrams, history, the identity, what one may do (OPTIONS).
        read("queryAuthorizations", "availableOperationsAuthorization", "isUserAuthorized", "getAuthorizationCount",
                "getAuthorization", "availableOperationsAuthorizationInstance");
        read("getBatches", "getBatchesCount", "getBatchStatistics", "getBatchStatisticsCount", "getBatch");
        read("getDecisionDefinitions", "getDecisionDefinitionsCount", "getDecisionDefinitionByKey",
                "getDecisionDefinitionDiagramByKey", "getDecisionDefinitionByKeyAndTenantId",
                "getDecisionDefinitionDiagramByKeyAndTenant", "getDecisionDefinitionDmnXmlByKeyAndTenant",
                "getDecisionDefinitionDmnXmlByKey", "getDecisionDefinitionById", "getDecisionDefinitionDiagram",
                "getDecisionDefinitionDmnXmlById");
        read("getDecisionRequirementsDefinitions", "getDecisionRequirementsDefinitionsCount",
                "getDecisionRequirementsDefinitionByKey", "getDecisionRequirementsDefinitionDiagramByKey",
                "getDecisionRequirementsDefinitionByKeyAndTenantId", "getDecisionRequirementsDefinitionDiagramByKeyAndTenantId",
                "getDecisionRequirementsDefinitionDmnXmlByKeyAndTenantId", "getDecisionRequirementsDefinitionDmnXmlByKey",
                "getDecisionRequirementsDefinitionById", "getDecisionRequirementsDefinitionDiagramById",
                "getDecisionRequirementsDefinitionDmnXmlById");
        read("getDeployments", "getDeploymentsCount", "getRegisteredDeployments", "getDeployment", "getDeploymentResources",
                "getDeploymentResource", "getDeploymentResourceData");
        read("getProcessEngineNames", "getRestAPIVersion", "getEventSubscriptions", "getEventSubscriptionsCount");
        read("getExecutions", "queryExecutions", "getExecutionsCount", "queryExecutionsCount", "getExecution",
                "getLocalExecutionVariables", "getLocalExecutionVariable", "getLocalExecutionVariableBinary",
                "getMessageEventSubscription");
        read("getExternalTasks", "queryExternalTasks", "getExternalTasksCount", "queryExternalTasksCount", "getTopicNames",
                "getExternalTask", "getExternalTaskErrorDetails");
        read("getFilterList", "filterResourceOptions", "getFilterCount", "getSingleFilter", "filterResourceOptionsSingle",
                "executeFilterCount", "postExecuteFilterCount", "executeFilterList", "postExecuteFilterList",
                "executeFilterSingleResult", "postExecuteFilterSingleResult");
        read("getQueryGroups", "availableGroupOperations", "postQueryGroups", "getGroupCount", "queryGroupCount", "getGroup",
                "availableGroupInstanceOperations", "availableGroupMembersOperations");
        read("getHistoricActivityInstances", "queryHistoricActivityInstances", "getHistoricActivityInstancesCount",
                "queryHistoricActivityInstancesCount", "getHistoricActivityInstance", "getHistoricBatches",
                "getCleanableHistoricBatchesReport", "getCleanableHistoricBatchesReportCount", "getHistoricBatchesCount",
                "getHistoricBatch", "getHistoryCleanupConfiguration", "findCleanupJob", "findCleanupJobs",
                "getCleanableHistoricDecisionInstanceReport", "getCleanableHistoricDecisionInstanceReportCount",
                "getHistoricDecisionInstances", "getHistoricDecisionInstancesCount", "getHistoricDecisionInstance",
                "getDecisionStatistics", "getHistoricDetails", "queryHistoricDetails", "getHistoricDetailsCount",
                "historicDetail", "historicDetailBinary", "getHistoricExternalTaskLogs", "queryHistoricExternalTaskLogs",
                "getHistoricExternalTaskLogsCount", "queryHistoricExternalTaskLogsCount", "getHistoricExternalTaskLog",
                "getErrorDetailsHistoricExternalTaskLog", "getHistoricIdentityLinks", "getHistoricIdentityLinksCount",
                "getHistoricIncidents", "getHistoricIncidentsCount", "getHistoricJobLogs", "queryHistoricJobLogs",
                "getHistoricJobLogsCount", "queryHistoricJobLogsCount", "getHistoricJobLog", "getStacktraceHistoricJobLog",
                "getCleanableHistoricProcessInstanceReport", "getCleanableHistoricProcessInstanceReportCount",
                "getHistoricActivityStatistics", "getHistoricProcessInstances", "queryHistoricProcessInstances",
                "getHistoricProcessInstancesCount", "queryHistoricProcessInstancesCount",
                "getHistoricProcessInstanceDurationReport", "getHistoricProcessInstance", "getHistoricTaskInstances",
                "queryHistoricTaskInstances", "getHistoricTaskInstancesCount", "queryHistoricTaskInstancesCount",
                "getHistoricTaskInstanceReport", "queryUserOperationEntries", "queryUserOperationCount",
                "getHistoricVariableInstances", "queryHistoricVariableInstances", "getHistoricVariableInstancesCount",
                "queryHistoricVariableInstancesCount", "getHistoricVariableInstance", "getHistoricVariableInstanceBinary");
        read("getGroupInfo", "getPasswordPolicy", "checkPassword", "verifyUser");
        read("getIncidents", "getIncidentsCount", "getIncident");
        read("getJobs", "queryJobs", "getJobDefinitions", "queryJobDefinitions", "getJobDefinitionsCount",
                "queryJobDefinitionsCount", "getJobDefinition", "getJobsCount", "queryJobsCount", "getJob", "getStacktrace");
        read("interval", "getMetrics", "generateMigrationPlan", "validateMigrationPlan");
        read("getProcessDefinitions", "getProcessDefinitionsCount", "getProcessDefinitionByKey",
                "getDeployedStartFormByKey", "getProcessDefinitionDiagramByKey", "getStartFormVariablesByKey",
                "getRenderedStartFormByKey", "getStartFormByKey", "getActivityStatisticsByProcessDefinitionKey",
                "getLatestProcessDefinitionByTenantId", "getDeployedStartFormByKeyAndTenantId",
                "getProcessDefinitionDiagramByKeyAndTenantId", "getStartFormVariablesByKeyAndTenantId",
                "getRenderedStartFormByKeyAndTenantId", "getStartFormByKeyAndTenantId",
                "getActivityStatisticsByProcessDefinitionKeyAndTenantId", "getProcessDefinitionBpmn20XmlByKeyAndTenantId",
                "getProcessDefinitionBpmn20XmlByKey", "getProcessDefinitionStatistics", "getProcessDefinition",
                "getDeployedStartForm", "getProcessDefinitionDiagram", "getStartFormVariables", "getRenderedStartForm",
                "getStartForm", "getStaticCalledProcessDefinitions", "getActivityStatistics", "getProcessDefinitionBpmn20Xml");
        read("getProcessInstances", "queryProcessInstances", "getProcessInstancesCount", "queryProcessInstancesCount",
                "getProcessInstance", "getActivityInstanceTree", "getProcessInstanceComments", "getProcessInstanceVariables",
                "getProcessInstanceVariable", "getProcessInstanceVariableBinary");
        read("getSchemaLog", "querySchemaLog");
        read("getTasks", "queryTasks", "getTasksCount", "queryTasksCount", "getTaskCountByCandidateGroup", "getTask",
                "getAttachments", "getAttachment", "getAttachmentData", "getComments", "getComment", "getDeployedForm",
                "getForm", "getFormVariables", "getIdentityLinks", "getTaskLocalVariables", "getTaskLocalVariable",
                "getTaskLocalVariableBinary", "getRenderedForm", "getTaskVariables", "getTaskVariable", "getTaskVariableBinary");
        read("getTelemetryConfiguration", "getTelemetryData");
        read("queryTenants", "availableTenantResourceOperations", "getTenantCount", "getTenant",
                "availableTenantInstanceOperations", "availableTenantGroupMembersOperations",
                "availableTenantUserMembersOperations");
        read("getUsers", "availableOperations", "getUserCount", "availableUserOperations", "getUserProfile");
        read("getVariableInstances", "queryVariableInstances", "getVariableInstancesCount", "queryVariableInstancesCount",
                "getVariableInstance", "getVariableInstanceBinary");

        // A unit's work on its task, with bodies that hand it to 赵磊 of 自然资源局 or carry another unit's approval.
        never("claim", "setAssignee", "complete", "submit");
        // Processes start through the application; through a door only the issue report does.
        never("startProcessInstanceByKey", "startProcessInstanceByKeyAndTenantId", "startProcessInstance",
                "submitFormByKey", "submitFormByKeyAndTenantId", "submitForm");

        // Nobody: deadlines, holders, what the process generates, process data, messages and signals, deployments,
        // history and comments, attachments, external workers.
        never("updateTask", "delegateTask", "resolve", "addIdentityLink", "deleteIdentityLink", "createTask", "deleteTask",
                "handleBpmnError", "handleEscalation");
        never("modifyTaskVariables", "putTaskVariable", "deleteTaskVariable", "setBinaryTaskVariable",
                "modifyTaskLocalVariables", "putTaskLocalVariable", "deleteTaskLocalVariable", "setBinaryTaskLocalVariable",
                "modifyLocalExecutionVariables", "putLocalExecutionVariable", "deleteLocalExecutionVariable",
                "setLocalExecutionVariableBinary", "modifyProcessInstanceVariables", "setProcessInstanceVariable",
                "deleteProcessInstanceVariable", "setProcessInstanceVariableBinary", "setVariablesAsyncOperation");
        never("deliverMessage", "correlateMessageAsyncOperation", "throwSignal", "signalExecution", "triggerEvent",
                "evaluateCondition", "restartProcessInstance", "restartProcessInstanceAsyncOperation");
        never("setJobDuedate", "recalculateDuedate", "deleteJob");
        never("createDeployment", "redeploy", "deleteDeployment", "deleteProcessDefinition", "deleteProcessDefinitionsByKey",
                "deleteProcessDefinitionsByKeyAndTenantId");
        // The history is evidence: not deleted, not given an earlier removal time, not kept shorter than the diagram says.
        never("deleteHistoricProcessInstance", "deleteHistoricProcessInstancesAsync", "deleteHistoricVariableInstance",
                "deleteHistoricVariableInstancesOfHistoricProcessInstance", "deleteAsync", "setRemovalTimeAsync",
                "setRemovalTimeAsyncHistoricDecisionInstance", "setRemovalTimeAsyncHistoricBatch",
                "updateHistoryTimeToLiveByProcessDefinitionId", "updateHistoryTimeToLiveByProcessDefinitionKey",
                "updateHistoryTimeToLiveByProcessDefinitionKeyAndTenantId", "updateHistoryTimeToLiveByDecisionDefinitionId",
                "updateHistoryTimeToLiveByDecisionDefinitionKey", "updateHistoryTimeToLiveByDecisionDefinitionKeyAndTenant");
        never("deleteTaskComments", "updateTaskComment", "deleteTaskComment", "deleteProcessInstanceComments",
                "updateProcessInstanceComment", "deleteProcessInstanceComment", "addAttachment", "deleteAttachment");
        never("fetchAndLock", "handleExternalTaskBpmnError", "completeExternalTaskResource", "extendLock", "handleFailure",
                "lock", "unlock");

        // Administrators: operations that leave the domain as it is (the targeted timer is not due: running it is 409).
        administered("executeJob", "setJobPriority", "setJobRetries", "setJobRetriesAsyncOperation", "updateJobSuspensionState",
                "updateSuspensionStateBy", "setJobPriorityJobDefinition", "setJobRetriesJobDefinition",
                "updateSuspensionStateJobDefinition", "updateSuspensionStateJobDefinitions", "setRetriesByProcess",
                "setRetriesByProcessHistoricQueryBased");
        administered("updateSuspensionStateById", "updateSuspensionState", "updateSuspensionStateAsyncOperation",
                "updateProcessDefinitionSuspensionStateByKey", "updateProcessDefinitionSuspensionStateByKeyAndTenantId",
                "updateProcessDefinitionSuspensionState", "updateProcessDefinitionSuspensionStateById",
                "updateBatchSuspensionState", "deleteBatch", "deleteHistoricBatch", "cleanupAsync");
        administered("createIncident", "resolveIncident", "setIncidentAnnotation", "clearIncidentAnnotation",
                "setAnnotationUserOperationLog", "clearAnnotationUserOperationLog", "deleteTaskMetrics", "configureTelemetry");
        administered("setExternalTaskRetries", "setExternalTaskRetriesAsyncOperation", "setExternalTaskResourcePriority",
                "setExternalTaskResourceRetries", "evaluateDecisionByKey", "evaluateDecisionByKeyAndTenant",
                "evaluateDecisionById");
        administered("createAuthorization", "deleteAuthorization", "updateAuthorization", "createFilter", "deleteFilter",
                "updateFilter", "createGroup", "deleteGroup", "updateGroup", "deleteGroupMember", "createGroupMember",
                "createTenant", "deleteTenant", "updateTenant", "deleteGroupMembership", "createGroupMembership",
                "deleteUserMembership", "createUserMembership", "createUser", "deleteUser", "updateCredentials",
                "updateProfile", "unlockUser");
        // Administrators: operations on a process that may change its project.
        changesAllowed("deleteProcessInstance", "deleteProcessInstancesAsyncOperation", "deleteAsyncHistoricQueryBased",
                "modifyProcessInstance", "modifyProcessInstanceAsyncOperation", "executeModification",
                "executeModificationAsync", "executeMigrationPlan", "executeMigrationPlanAsync");

        // Comments (备注): those the task is for (its unit, through the task's own history permission) and those who
        // read every task's history (leaders, the offices, the administrator); not another unit.
        TABLE.put("createComment", answers(Answer.OK).with(Answer.REFUSED, Caller.OTHER_UNITS_OFFICER).map);
        // Giving a task back: its unit (the targeted task is not claimed: nothing changes).
        TABLE.put("unclaim", answers(Answer.REFUSED).with(Answer.OK, Caller.OFFICER, Caller.ADMIN).map);
    }

    private DoorExpectations() {
    }

    /**
     * What the webapps' API refuses everyone logged in: Camunda registers that API's servlet and filters without
     * asynchronous support, so an external worker's long poll cannot run there (Tuijin has no external tasks).
     */
    private static final Set<String> REFUSED_AT_THE_WEBAPP = Set.of("fetchAndLock");

    /** The answer the caller should get at a door, or null if the table does not name the operation. */
    static Answer answer(String operationId, Caller caller, boolean webapp) {
        Map<Caller, Answer> row = TABLE.get(operationId);
        if (row == null) {
            return null;
        }
        if (webapp && caller == Caller.ANONYMOUS && OPEN_AT_THE_WEBAPP.contains(operationId)) {
            return Answer.SEEN;
        }
        if (webapp && caller != Caller.ANONYMOUS && REFUSED_AT_THE_WEBAPP.contains(operationId)) {
            return Answer.REFUSED;
        }
        return row.get(caller);
    }

    static Set<String> operations() {
        return TABLE.keySet();
    }

    private static void read(String... operations) {
        put(answers(Answer.SEEN), operations);
    }

    private static void never(String... operations) {
        put(answers(Answer.REFUSED), operations);
    }

    private static void administered(String... operations) {
        put(answers(Answer.REFUSED).with(Answer.ADMINISTERED, Caller.ADMIN), operations);
    }

    private static void changesAllowed(String... operations) {
        put(answers(Answer.REFUSED).with(Answer.CHANGES_ALLOWED, Caller.ADMIN), operations);
    }

    private static void put(Answers answers, String... operations) {
        for (String operation : operations) {
            if (TABLE.put(operation, answers.map) != null) {
                throw new IllegalStateException("twice in the table: " + operation);
            }
        }
    }

    private static Answers answers(Answer forUsers) {
        Map<Caller, Answer> map = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            map.put(caller, caller == Caller.ANONYMOUS ? Answer.UNAUTHENTICATED : forUsers);
        }
        return new Answers(map);
    }

    /** A row of the table under construction. */
    private record Answers(Map<Caller, Answer> map) {

        Answers with(Answer answer, Caller... callers) {
            Map<Caller, Answer> changed = new EnumMap<>(map);
            for (Caller caller : callers) {
                changed.put(caller, answer);
            }
            return new Answers(changed);
        }
    }
}
