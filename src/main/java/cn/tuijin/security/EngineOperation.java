package cn.tuijin.security;

import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.query.Query;

/**
 * What a user may do with an engine command reaching the engine through one of its generic doors ({@code /engine-rest},
 * the webapps' API, Tasklist's buttons). Every door ends in a command; the command, not the door, decides. A command
 * this table does not name is for administrators only (and audited): a door added later is closed by default.
 */
enum EngineOperation {

    /** Reads: anyone logged in, within the engine's authorizations. */
    READ,
    /** An officer's work on a task or an issue report, under {@link DoorGuard}'s rules. */
    WORK,
    /** Administrators only; each leaves an audit line. */
    ADMIN,
    /** Nobody: the application does this itself, by its rules (deadlines, holders, process data, history). */
    NEVER;

    private static final Set<String> READ_PREFIXES = Set.of("Get", "Is", "Find", "ExecuteFilter", "Check");

    private static final Set<String> READS = Set.of("AuthorizationCheckCmd", "DetermineHistoryLevelCmd",
            "CreateMigrationPlanCmd", "CreateUserQueryCmd", "CreateGroupQueryCmd", "CreateTenantQueryCmd",
            "CreateNativeUserQueryCmd", "ValidateMigrationPlanCmd");

    private static final Set<String> WORKS = Set.of("ClaimTaskCmd", "AssignTaskCmd", "CompleteTaskCmd",
            "SubmitTaskFormCmd", "AddCommentCmd", "StartProcessInstanceCmd", "SubmitStartFormCmd");

    /** What nobody may do through a door, with the reason the user reads. */
    static final Map<String, String> NEVER_REASONS = Map.ofEntries(
            Map.entry("SetTaskDueDateCmd", Reasons.DEADLINE),
            Map.entry("SetTaskFollowUpDateCmd", Reasons.DEADLINE),
            Map.entry("SetJobDuedateCmd", Reasons.DEADLINE),
            Map.entry("RecalculateJobDuedateCmd", Reasons.DEADLINE),
            Map.entry("DeleteJobCmd", Reasons.DEADLINE),
            Map.entry("SaveTaskCmd", Reasons.TASK),
            Map.entry("SetTaskNameCmd", Reasons.TASK),
            Map.entry("SetTaskDescriptionCmd", Reasons.TASK),
            Map.entry("SetTaskPriorityCmd", Reasons.TASK),
            Map.entry("SetTaskOwnerCmd", Reasons.HOLDER),
            Map.entry("DelegateTaskCmd", Reasons.HOLDER),
            Map.entry("ResolveTaskCmd", Reasons.HOLDER),
            Map.entry("AddUserIdentityLinkCmd", Reasons.HOLDER),
            Map.entry("AddGroupIdentityLinkCmd", Reasons.HOLDER),
            Map.entry("DeleteUserIdentityLinkCmd", Reasons.HOLDER),
            Map.entry("DeleteGroupIdentityLinkCmd", Reasons.HOLDER),
            Map.entry("CreateTaskCmd", Reasons.TASK),
            Map.entry("DeleteTaskCmd", Reasons.TASK),
            Map.entry("HandleTaskBpmnErrorCmd", Reasons.PROCESS),
            Map.entry("HandleTaskEscalationCmd", Reasons.PROCESS),
            Map.entry("SetTaskVariablesCmd", Reasons.VARIABLES),
            Map.entry("SetExecutionVariablesCmd", Reasons.VARIABLES),
            Map.entry("PatchTaskVariablesCmd", Reasons.VARIABLES),
            Map.entry("PatchExecutionVariablesCmd", Reasons.VARIABLES),
            Map.entry("RemoveTaskVariablesCmd", Reasons.VARIABLES),
            Map.entry("RemoveExecutionVariablesCmd", Reasons.VARIABLES),
            Map.entry("SetVariablesToProcessInstancesBatchCmd", Reasons.VARIABLES),
            Map.entry("SignalCmd", Reasons.PROCESS),
            Map.entry("SignalEventReceivedCmd", Reasons.PROCESS),
            Map.entry("MessageEventReceivedCmd", Reasons.PROCESS),
            Map.entry("CorrelateMessageCmd", Reasons.PROCESS),
            Map.entry("CorrelateAllMessageCmd", Reasons.PROCESS),
            Map.entry("CorrelateStartMessageCmd", Reasons.PROCESS),
            Map.entry("CorrelateAllMessageBatchCmd", Reasons.PROCESS),
            Map.entry("EvaluateStartConditionCmd", Reasons.PROCESS),
            Map.entry("StartProcessInstanceAtActivitiesCmd", Reasons.PROCESS),
            Map.entry("RestartProcessInstancesCmd", Reasons.PROCESS),
            Map.entry("RestartProcessInstancesBatchCmd", Reasons.PROCESS),
            Map.entry("DeployCmd", Reasons.DEPLOYMENT),
            Map.entry("DeleteDeploymentCmd", Reasons.DEPLOYMENT),
            Map.entry("DeleteProcessDefinitionsByIdsCmd", Reasons.DEPLOYMENT),
            Map.entry("DeleteProcessDefinitionsByKeyCmd", Reasons.DEPLOYMENT),
            Map.entry("SetProcessDefinitionVersionCmd", Reasons.DEPLOYMENT),
            Map.entry("PurgeDatabaseAndCacheCmd", Reasons.HISTORY),
            Map.entry("DeleteHistoricProcessInstancesCmd", Reasons.HISTORY),
            Map.entry("DeleteHistoricProcessInstancesBatchCmd", Reasons.HISTORY),
            Map.entry("DeleteHistoricTaskInstanceCmd", Reasons.HISTORY),
            Map.entry("DeleteHistoricVariableInstanceCmd", Reasons.HISTORY),
            Map.entry("DeleteHistoricVariableInstancesByProcessInstanceIdCmd", Reasons.HISTORY),
            Map.entry("DeleteUserOperationLogEntryCmd", Reasons.HISTORY),
            Map.entry("DeleteHistoricDecisionInstancesBulkCmd", Reasons.HISTORY),
            Map.entry("DeleteHistoricDecisionInstanceByDefinitionIdCmd", Reasons.HISTORY),
            Map.entry("DeleteHistoricDecisionInstanceByInstanceIdCmd", Reasons.HISTORY),
            Map.entry("DeleteHistoricDecisionInstancesBatchCmd", Reasons.HISTORY),
            // An earlier removal time or a shorter time to live deletes the history at the next cleanup.
            Map.entry("SetRemovalTimeToHistoricProcessInstancesCmd", Reasons.HISTORY),
            Map.entry("SetRemovalTimeToHistoricDecisionInstancesCmd", Reasons.HISTORY),
            Map.entry("SetRemovalTimeToHistoricBatchesCmd", Reasons.HISTORY),
            Map.entry("UpdateProcessDefinitionHistoryTimeToLiveCmd", Reasons.HISTORY),
            Map.entry("UpdateDecisionDefinitionHistoryTimeToLiveCmd", Reasons.HISTORY),
            Map.entry("DeleteTaskCommentCmd", Reasons.HISTORY),
            Map.entry("DeleteProcessInstanceCommentCmd", Reasons.HISTORY),
            Map.entry("UpdateCommentCmd", Reasons.HISTORY),
            Map.entry("CreateAttachmentCmd", Reasons.ATTACHMENT),
            Map.entry("SaveAttachmentCmd", Reasons.ATTACHMENT),
            Map.entry("DeleteAttachmentCmd", Reasons.ATTACHMENT),
            Map.entry("FetchExternalTasksCmd", Reasons.PROCESS),
            Map.entry("CompleteExternalTaskCmd", Reasons.PROCESS),
            Map.entry("HandleExternalTaskFailureCmd", Reasons.PROCESS),
            Map.entry("HandleExternalTaskBpmnErrorCmd", Reasons.PROCESS),
            Map.entry("LockExternalTaskCmd", Reasons.PROCESS),
            Map.entry("ExtendLockOnExternalTaskCmd", Reasons.PROCESS),
            Map.entry("UnlockExternalTaskCmd", Reasons.PROCESS));

    /** The reasons users read, one per kind of thing the application keeps to itself. */
    static final class Reasons {
        static final String DEADLINE = "办理期限由系统按规则计算，只能通过延期申请或暂停计时调整";
        static final String TASK = "任务由流程按规则生成，不能修改或删除";
        static final String HOLDER = "任务的办理单位和办理人由流程规则确定，不能转交、委托或增减办理组";
        static final String PROCESS = "流程只能按规则推进，不能通过接口触发消息、信号或跳转";
        static final String VARIABLES = "流程数据由系统维护，不能通过接口修改；请在表单或推进系统中办理";
        static final String DEPLOYMENT = "流程定义随系统发布，不能通过接口部署或删除";
        static final String HISTORY = "办理记录和意见是追责依据，不能删除或修改";
        static final String ATTACHMENT = "附件请在推进系统中上传";

        private Reasons() {
        }
    }

    static EngineOperation of(Command<?> command) {
        if (command instanceof Query<?, ?>) {
            return READ;
        }
        String name = name(command);
        if (WORKS.contains(name)) {
            return EngineOperation.WORK;
        }
        if (NEVER_REASONS.containsKey(name)) {
            return NEVER;
        }
        if (READS.contains(name) || READ_PREFIXES.stream().anyMatch(name::startsWith)) {
            return READ;
        }
        return ADMIN;
    }

    /** The command's class name (an anonymous or inner command is named after its enclosing class). */
    static String name(Command<?> command) {
        Class<?> type = command.getClass();
        while (type.getSimpleName().isEmpty() && type.getEnclosingClass() != null) {
            type = type.getEnclosingClass();
        }
        return type.getSimpleName();
    }
}
