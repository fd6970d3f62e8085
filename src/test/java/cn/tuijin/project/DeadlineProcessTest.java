package cn.tuijin.project;

import static cn.tuijin.project.ProjectLifecycle.Element.CLAIM_SIGNING;
import static cn.tuijin.project.ProjectLifecycle.Element.VERIFY_SIGNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;






import cn.tuijin.TuijinProcessTest;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlineFollowUps;
import cn.tuijin.deadline.DeadlineKind;
import cn.tuijin.deadline.DeadlineTracker;
import cn.tuijin.deadline.Deadlines;
import cn.tuijin.deadline.ExtensionProcess;
import cn.tuijin.deadline.ExtensionRequest;
import cn.tuijin.deadline.ExtensionService;
import cn.tuijin.deadline.PauseService;
import cn.tuijin.deadline.TaskDeadline;
import cn.tuijin.light.Light;
import cn.tuijin.light.LightService;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The deadline engine on the lifecycle's tasks: lights, reminders, completion of late work, extension requests,
 * paused clocks, the nightly reconciliation, exactly-once records under concurrent jobs.
 * The engine clock starts on Monday 21 September 2026, 9:00.
 */
@TuijinProcessTest
class DeadlineProcessTest extends LifecycleTestSupport {

    @Autowired ExtensionService extensions;
    @Autowired PauseService pauses;
    @Autowired LightService lights;
    @Autowired DeadlineTracker tracker;
    @Autowired DeadlineFollowUps followUps;
    @Autowired ApplicationContext context;
    @Autowired WorkingDayCalendar calendar;

    @BeforeEach
    void monday() {
        clockAt(LocalDateTime.of(2026, 9, 21, 9, 0));
    }

    /** A project whose signing claim (lead unit 住建局) is due on Friday 16 October 2026. */
    private ProcessInstance signingDueOctober16() {
        return lifecycle.start(newProject(Stage.NEGOTIATING, LocalDate.of(2026, 10, 16), LocalDate.of(2026, 12, 1)));
    }

    private <T> T as(String user, List<String> groups, java.util.function.Supplier<T> action) {
        identity.setAuthentication(user, groups);
        try {
            return action.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    private ExtensionRequest officerAsks(Task task, LocalDate date, String reason) {
        return as(OFFICER, List.of(OFFICER_UNIT), () -> extensions.request(task.getId(), date, reason));
    }

    /** The task's deadline as the sweep marks it. */
    private TaskDeadline deadline(Task task) {
        return tracker.get(task.getId());
    }

    private ProcessInstance extensionProcess(ExtensionRequest request) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ExtensionProcess.KEY)
                .variableValueEquals(ExtensionProcess.Var.REQUEST_ID, request.id()).singleResult();
    }

    private static Date endOfDay(LocalDate day) {
        return WorkingDayCalendar.endOf(day);
    }

    @Test
    void lightIsGreenThenYellowInTheWarningWindowThenRedWhenOverdue() {
        ProcessInstance instance = signingDueOctober16();
        String code = instance.getBusinessKey();
        assertThat(lights.get(code).light()).isEqualTo(Light.GREEN);

        Task task = taskAt(instance, CLAIM_SIGNING);
        fireTaskTimersBy(instance, CLAIM_SIGNING, LocalDateTime.ofInstant(task.getFollowUpDate().toInstant(), WorkingDayCalendar.ZONE).plusMinutes(1));
        assertThat(lights.get(code).light()).isEqualTo(Light.YELLOW);
        assertThat(lights.get(code).reason()).contains("将于10月16日到期", "市住房城乡建设局");

        fireTaskTimersBy(instance, CLAIM_SIGNING, LocalDateTime.of(2026, 10, 19, 9, 0));
        assertThat(lights.get(code).light()).isEqualTo(Light.RED);
        assertThat(lights.get(code).reason()).contains("已逾期 1 个工作日");
        assertThat(jdbc.queryForList("select event from notification_outbox where task_id = ? order by id", String.class, task.getId()))
                .containsExactly("TASK_ASSIGNED", "DUE_SOON", "OVERDUE");
        assertThat(jdbc.queryForObject("select recipient_group from notification_outbox where task_id = ? and event = 'OVERDUE'",
                String.class, task.getId())).isEqualTo("zjj");
    }

    @Test
    void completingLateWorkStampsItsRecordWithTheWorkingDaysLate() {
        ProcessInstance instance = signingDueOctober16();
        Task task = taskAt(instance, CLAIM_SIGNING);
        fireTaskTimersBy(instance, CLAIM_SIGNING, LocalDateTime.of(2026, 10, 19, 9, 0));
        clockAt(LocalDateTime.of(2026, 10, 22, 10, 0)); // Thursday: 19, 20, 21, 22 October are working days
        officerCompletes(task, Map.of("contractNo", "HT-7", "signDate", "2026-10-21", "contractAmount", 800));

        Map<String, Object> record = accountabilityRecord(instance.getBusinessKey(), CLAIM_SIGNING);
        assertThat(record.get("WORKING_DAYS_LATE")).isEqualTo(4);
        assertThat(record.get("COMPLETED_AT")).isNotNull();
        assertThat(tracker.get(task.getId()).open()).isFalse();
        assertThat(lights.get(instance.getBusinessKey()).light()).isNotEqualTo(Light.RED);
    }

    @Test
    void investmentLaggingTheScheduleTurnsTheLightRed() {
        String code = newProject(Stage.UNDER_CONSTRUCTION, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 1));
        ProcessInstance instance = lifecycle.start(code);
        runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity(ProjectLifecycle.Element.MONTHLY_REPORT).execute();
        // 2400 planned for the year; by the end of August the schedule expects 1600; 600 done is 38%.
        jdbc.update("delete from monthly_report where project_code = ?", code);
        officerCompletes(taskAt(instance, ProjectLifecycle.Element.MONTHLY_REPORT),
                Map.of("monthInvestment", 600, "cumulativeInvestment", 600, "progressPercent", 10));
        assertThat(lights.get(code).light()).isEqualTo(Light.RED);
        assertThat(lights.get(code).reason()).contains("本年完成投资 600", "序时进度 1600.00", "38%");
    }

    @Test
    void extensionApprovedByTheProjectOfficeMovesTheDueDate() {
        ProcessInstance instance = signingDueOctober16();
        Task task = taskAt(instance, CLAIM_SIGNING);
        ExtensionRequest request = officerAsks(task, LocalDate.of(2026, 10, 30), "企业法定代表人变更，合同需重新签署");
        assertThat(request.afterDeadline()).isFalse();

        ProcessInstance decision = extensionProcess(request);
        Task decide = taskAt(decision, ExtensionProcess.Element.DECIDE);
        assertThat(tasks.getIdentityLinksForTask(decide.getId())).anyMatch(l -> "projectOffice".equals(l.getGroupId()));
        assertThat(decide.getName()).isEqualTo("审批延期申请｜" + task.getName());
        projectOfficeCompletes(decide, Map.of("approved", "true"));

        Task moved = taskAt(instance, CLAIM_SIGNING);
        assertThat(moved.getDueDate()).isEqualTo(endOfDay(LocalDate.of(2026, 10, 30)));
        assertThat(deadline(moved).dueAt()).isEqualTo(endOfDay(LocalDate.of(2026, 10, 30)).toInstant());
        assertThat(deadline(moved).warnAt()).isEqualTo(moved.getFollowUpDate().toInstant()).isAfter(task.getFollowUpDate().toInstant());
        assertThat(extensions.get(request.id()).status()).isEqualTo(ExtensionRequest.Status.APPROVED);

        // The old deadline passes quietly.
        fireTaskTimersBy(instance, CLAIM_SIGNING, LocalDateTime.of(2026, 10, 19, 9, 0));
        assertThat(accountabilityRecords(instance.getBusinessKey(), CLAIM_SIGNING)).isZero();
        assertThat(lights.get(instance.getBusinessKey()).light()).isNotEqualTo(Light.RED);
        assertThat(extensions.countsPerUnit(ProjectScope.Condition.ALL)).anySatisfy(row -> {
            assertThat(row.unitCode()).isEqualTo("zjj");
            assertThat(row.approved()).isPositive();
        });

        // The new deadline: not passed a second before it, passed right after it.
        fireTaskTimersBy(instance, CLAIM_SIGNING, LocalDateTime.of(2026, 10, 30, 23, 59, 58));
        assertThat(deadline(moved).overdue()).isFalse();
        fireTaskTimersBy(instance, CLAIM_SIGNING, LocalDateTime.of(2026, 10, 31, 0, 0, 30));
        assertThat(deadline(moved).overdue()).isTrue();
        assertThat(accountabilityRecords(instance.getBusinessKey(), CLAIM_SIGNING)).isEqualTo(1);
    }

    @Test
    void anUndecidedExtensionRequestIsLateWorkOfTheProjectOffice() {
        ProcessInstance instance = signingDueOctober16();
        Task task = taskAt(instance, CLAIM_SIGNING);
        ExtensionRequest request = officerAsks(task, LocalDate.of(2026, 10, 30), "企业法定代表人变更，合同需重新签署");
        ProcessInstance decision = extensionProcess(request);
        Task decide = taskAt(decision, ExtensionProcess.Element.DECIDE);
        assertThat(decide.getDueDate()).isNotNull();

        // The decision's warning reaches the project office, then its deadline passes with nothing decided.
        assertThat(fireTaskTimersBy(decision, ExtensionProcess.Element.DECIDE,
                LocalDateTime.ofInstant(decide.getDueDate().toInstant(), WorkingDayCalendar.ZONE).plusMinutes(1))).isEqualTo(2);
        assertThat(accountabilityRecords(instance.getBusinessKey(), ExtensionProcess.Element.DECIDE)).isEqualTo(1);
        assertThat(accountabilityRecord(instance.getBusinessKey(), ExtensionProcess.Element.DECIDE))
                .containsEntry("HOLDER_UNIT_CODE", "xmb").containsEntry("KIND", DeadlineKind.VERIFICATION.name());

        // Decided late, the extension still applies.
        projectOfficeCompletes(taskAt(decision, ExtensionProcess.Element.DECIDE), Map.of("approved", "true"));
        assertThat(taskAt(instance, CLAIM_SIGNING).getDueDate()).isEqualTo(endOfDay(LocalDate.of(2026, 10, 30)));
    }

    @Test
    void extensionAskedAfterTheDeadlineNeedsASupervisorAndArmsTheDeadlineAgain() {
        ProcessInstance instance = signingDueOctober16();
        fireTaskTimersBy(instance, CLAIM_SIGNING, LocalDateTime.of(2026, 10, 19, 9, 0));
        Task task = taskAt(instance, CLAIM_SIGNING);
        assertThat(deadline(task).overdue()).isTrue();
        assertThat(lights.get(instance.getBusinessKey()).light()).isEqualTo(Light.RED);

        ExtensionRequest request = officerAsks(task, LocalDate.of(2026, 11, 6), "土地证办理延误");
        assertThat(request.afterDeadline()).isTrue();
        ProcessInstance decision = extensionProcess(request);
        assertThat(taskAt(decision, ExtensionProcess.Element.DECIDE)).isNull();
        Task decide = taskAt(decision, ExtensionProcess.Element.DECIDE_LATE);
        assertThat(tasks.getIdentityLinksForTask(decide.getId())).anyMatch(l -> "supervisors".equals(l.getGroupId()));
        completeAs("huangzh", List.of("supervisors", "dcs"), decide, Map.of("approved", "true"));

        Task moved = taskAt(instance, CLAIM_SIGNING);
        assertThat(deadline(moved).dueAt()).isEqualTo(endOfDay(LocalDate.of(2026, 11, 6)).toInstant());
        assertThat(lights.get(instance.getBusinessKey()).light()).isNotEqualTo(Light.RED);
        assertThat(accountabilityRecords(instance.getBusinessKey(), CLAIM_SIGNING)).isEqualTo(1); // the lateness stays on record
    }

    @Test
    void rejectedExtensionKeepsTheDeadlineAndTellsTheRequesterWhy() {
        ProcessInstance instance = signingDueOctober16();
        Task task = taskAt(instance, CLAIM_SIGNING);
        ExtensionRequest request = officerAsks(task, LocalDate.of(2026, 10, 30), "材料未齐");
        Task decide = taskAt(extensionProcess(request), ExtensionProcess.Element.DECIDE);
        assertThatThrownBy(() -> projectOfficeCompletes(decide, Map.of("approved", "false")))
                .hasMessageContaining("驳回时请填写「驳回理由」");
        projectOfficeCompletes(decide, Map.of("approved", "false", "decisionNote", "材料不齐不属于延期理由，请按期申报"));

        assertThat(taskAt(instance, CLAIM_SIGNING).getDueDate()).isEqualTo(endOfDay(LocalDate.of(2026, 10, 16)));
        assertThat(extensions.get(request.id()).status()).isEqualTo(ExtensionRequest.Status.REJECTED);
        assertThat(jdbc.queryForObject("select body from notification_outbox where recipient_user = ? and event = 'EXTENSION_DECIDED' and task_id = ?",
                String.class, OFFICER, task.getId())).contains("驳回", "材料不齐不属于延期理由");
    }

    @Test
    void onlyTheHolderMayAskAndOnlyForALaterDateWithAReason() {
        Task task = taskAt(signingDueOctober16(), CLAIM_SIGNING);
        assertThatThrownBy(() -> as("zhouq", List.of("gxq"), () -> extensions.request(task.getId(), LocalDate.of(2026, 10, 30), "理由")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> officerAsks(task, LocalDate.of(2026, 10, 16), "理由"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("须晚于现在的期限（2026-10-16）");
        assertThatThrownBy(() -> officerAsks(task, LocalDate.of(2026, 10, 30), " "))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("请填写「延期理由」");
        officerAsks(task, LocalDate.of(2026, 10, 30), "理由");
        assertThatThrownBy(() -> officerAsks(task, LocalDate.of(2026, 11, 30), "再次申请"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("已有一份待审批的延期申请");
        assertThat(jdbc.queryForObject("select count(*) from extension_request where task_id = ?", Integer.class, task.getId())).isEqualTo(1);
    }

    @Test
    void aVerificationIsNeitherExtendedNorPausedByItsHolderAndNobodyDecidesHisOwnRequest() {
        ProcessInstance instance = signingDueOctober16();
        officerCompletes(taskAt(instance, CLAIM_SIGNING), Map.of("contractNo", "HT-1", "signDate", "2026-09-18", "contractAmount", 500));
        Task verification = taskAt(instance, VERIFY_SIGNING);
        List<String> office = List.of("projectOffice", "xmb");
        assertThatThrownBy(() -> as(PROJECT_OFFICER, office, () -> extensions.request(verification.getId(), LocalDate.of(2026, 10, 30), "月底核验集中")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("是核验、审批或确认类任务，不能申请延期");
        assertThatThrownBy(() -> as(PROJECT_OFFICER, office, () -> pauses.pause(verification.getId(), "等待材料")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("不能暂停计时");
        assertThat(jdbc.queryForObject("select count(*) from extension_request where task_id = ?", Integer.class, verification.getId())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from task_pause where task_id = ?", Integer.class, verification.getId())).isZero();
        assertThat(tracker.get(verification.getId()).paused()).isFalse();

        Task claim = taskAt(signingDueOctober16(), CLAIM_SIGNING);
        ExtensionRequest request = officerAsks(claim, LocalDate.of(2026, 10, 30), "企业法人变更");
        assertThat(tasks.createTaskQuery().processInstanceId(extensionProcess(request).getId()).singleResult().getDescription())
                .as("the requester by name").contains("（申请人 王建国）");
        assertThatThrownBy(() -> extensions.decide(request.id(), OFFICER, Map.of("approved", true)))
                .isInstanceOf(ForbiddenException.class).hasMessage("不能审批本人提出的延期申请");
        assertThat(extensions.get(request.id()).status()).isEqualTo(ExtensionRequest.Status.PENDING);
    }

    @Test
    void pausedWorkingDaysDoNotCountAndResumingSetsTheTimersAgain() {
        ProcessInstance instance = signingDueOctober16();
        Task task = taskAt(instance, CLAIM_SIGNING);
        int left = calendar.workingDaysBetween(LocalDate.of(2026, 9, 21), LocalDate.of(2026, 10, 16));

        TaskDeadline paused = as(OFFICER, List.of(OFFICER_UNIT), () -> pauses.pause(task.getId(), "等待企业补充营业执照副本"));
        assertThat(paused.paused()).isTrue();

        clockAt(LocalDateTime.of(2026, 10, 12, 9, 0)); // three weeks later, across National Day
        TaskDeadline resumed = as(OFFICER, List.of(OFFICER_UNIT), () -> pauses.resume(task.getId()));
        LocalDate newDue = calendar.addWorkingDays(LocalDate.of(2026, 10, 12), left);
        assertThat(resumed.dueAt()).isEqualTo(endOfDay(newDue).toInstant());
        assertThat(resumed.paused()).isFalse();
        Task now = taskAt(instance, CLAIM_SIGNING);
        assertThat(now.getDueDate()).isEqualTo(endOfDay(newDue));
        assertThat(deadline(now).dueAt()).isEqualTo(endOfDay(newDue).toInstant());
        assertThat(tasks.getTaskComments(task.getId())).extracting(Comment::getFullMessage)
                .anyMatch(m -> m.contains("暂停计时") && m.contains("等待企业补充营业执照副本"))
                .anyMatch(m -> m.contains("恢复计时") && m.contains("剩余 " + left + " 个工作日"));
    }

    @Test
    void resumingNeverBringsADeadlineForwardEvenWhenItFallsOnASunday() {
        // Signing planned for Sunday 20 December; paused and resumed on Friday the 18th: no working day was stopped.
        ProcessInstance instance = lifecycle.start(newProject(Stage.NEGOTIATING, LocalDate.of(2026, 12, 20), LocalDate.of(2027, 3, 1)));
        Task task = taskAt(instance, CLAIM_SIGNING);
        clockAt(LocalDateTime.of(2026, 12, 18, 9, 0));
        as(OFFICER, List.of(OFFICER_UNIT), () -> pauses.pause(task.getId(), "等待规划条件复函"));
        clockAt(LocalDateTime.of(2026, 12, 18, 16, 0));
        TaskDeadline resumed = as(OFFICER, List.of(OFFICER_UNIT), () -> pauses.resume(task.getId()));
        assertThat(resumed.dueAt()).isEqualTo(endOfDay(LocalDate.of(2026, 12, 20)).toInstant());
        assertThat(deadline(taskAt(instance, CLAIM_SIGNING)).dueAt()).isEqualTo(endOfDay(LocalDate.of(2026, 12, 20)).toInstant());
    }

    @Test
    void nightlyReconciliationCorrectsADriftedLight() {
        ProcessInstance instance = signingDueOctober16();
        String code = instance.getBusinessKey();
        fireTaskTimersBy(instance, CLAIM_SIGNING, LocalDateTime.of(2026, 10, 19, 9, 0));
        assertThat(lights.get(code).light()).isEqualTo(Light.RED);
        jdbc.update("update project_light set light = 'GREEN' where project_code = ?", code);

        Job nightly = management.createJobQuery().processDefinitionKey("deadline-reconciliation").timers().singleResult();
        management.executeJob(nightly.getId());
        assertThat(lights.get(code).light()).isEqualTo(Light.RED);
        assertThat(management.createJobQuery().processDefinitionKey("deadline-reconciliation").timers().count())
                .as("the next night is scheduled").isEqualTo(1);
    }

    @Test
    void retriedDeliveryOfTheSameDeadlineWritesNothingMore() {
        ProcessInstance instance = signingDueOctober16();
        Task task = taskAt(instance, CLAIM_SIGNING);
        fireTaskTimersBy(instance, CLAIM_SIGNING, LocalDateTime.ofInstant(task.getFollowUpDate().toInstant(), WorkingDayCalendar.ZONE).plusMinutes(1));
        fireTaskTimersBy(instance, CLAIM_SIGNING, LocalDateTime.of(2026, 10, 19, 9, 0));
        // The same deadline delivered again: a sweep after it, and a process timer's job retried after its first run had committed.
        sweep.sweep();
        cn.tuijin.deadline.HeldTask held = new cn.tuijin.deadline.HeldTask(instance.getBusinessKey(), instance.getId(),
                task.getId(), CLAIM_SIGNING, task.getName(), cn.tuijin.deadline.DeadlineKind.MILESTONE, "zjj", "",
                task.getFollowUpDate().toInstant(), task.getDueDate().toInstant());
        tracker.overdue(task.getId(), () -> held);
        tracker.overdue(task.getId(), () -> held);
        assertThat(accountabilityRecords(instance.getBusinessKey(), CLAIM_SIGNING)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where task_id = ?", Integer.class, task.getId()))
                .as("task assigned, due soon, overdue").isEqualTo(3);
        assertThat(followUps.pending()).as("no reminder or light left to follow").isZero();
    }

    @Test
    void followUpLeftBehindByAStoppedNodeIsTakenByTheNextRun() {
        ProcessInstance instance = signingDueOctober16();
        Task task = taskAt(instance, CLAIM_SIGNING);
        clockAt(LocalDateTime.of(2026, 10, 19, 9, 0));
        // What a node leaves when it stops right after an overdue timer's job committed: the mark, no reminder yet.
        jdbc.update("update task_deadline set overdue = true, due_soon = true where task_id = ?", task.getId());
        jdbc.update("insert into deadline_followup (task_id, marked_at) values (?, current_timestamp)", task.getId());
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where task_id = ? and event = 'OVERDUE'",
                Integer.class, task.getId())).isZero();
        assertThat(followUps.pending()).isEqualTo(1);

        followUps.runPending();

        assertThat(followUps.pending()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where task_id = ? and event = 'OVERDUE'",
                Integer.class, task.getId())).isEqualTo(1);
        assertThat(lights.get(instance.getBusinessKey()).light()).isEqualTo(Light.RED);
        assertThat(lights.get(instance.getBusinessKey()).reason()).contains("已逾期");
        followUps.runPending();
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where task_id = ? and event = 'OVERDUE'",
                Integer.class, task.getId())).as("taken once").isEqualTo(1);
    }

    @Test
    void noProcessVariableIsNamedLikeABeanOfTheApplication() throws Exception {
        // The diagrams' expressions resolve the application's beans by name before the process variables
        // (ProcessBeansFirst): a variable of the same name would be hidden. Variables come from the forms' fields, the
        // diagrams' form fields, parameters and multi-instance elements, and the services' start variables.
        Set<String> variables = new TreeSet<>();
        Pattern[] patterns = {
                Pattern.compile("\"key\"\\s*:\\s*\"([A-Za-z_][A-Za-z0-9_]*)\""),
                Pattern.compile("(?:elementVariable|camunda:inputParameter name|camunda:outputParameter name|camunda:formField id)=\"([^\"]+)\"")};
        try (var files = Files.list(Path.of("processes"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                for (var pattern : patterns) {
                    var m = pattern.matcher(text);
                    while (m.find()) {
                        variables.add(m.group(1));
                    }
                }
            }
        }
        variables.addAll(List.of("projectCode", "issueInfo", "projectInfo", "noticeInfo", "answerInfo", "resolutionInfo",
                "transferRequest", "supportNeeded", "returnReason", "severity", "category", "description"));
        assertThat(variables).hasSizeGreaterThan(40);
        Set<String> beans = new TreeSet<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name, false);
            if (type != null && type.getName().startsWith("cn.tuijin.")) {
                beans.add(name);
            }
        }
        assertThat(beans).contains("overdueListener", "deadlines", "approvals");
        assertThat(variables).doesNotContainAnyElementsOf(beans);
    }

    @Test
    void anExtensionRequestedBeforeRequestsWereBoundIsBoundAtStartUp() {
        ProcessInstance instance = signingDueOctober16();
        ExtensionRequest request = officerAsks(taskAt(instance, CLAIM_SIGNING), LocalDate.of(2026, 10, 30), "企业法定代表人变更");
        ProcessInstance decision = extensionProcess(request);
        jdbc.update("update extension_request set process_instance_id = null where id = ?", request.id());

        extensions.bindOpenInstances();

        projectOfficeCompletes(taskAt(decision, ExtensionProcess.Element.DECIDE), Map.of("approved", "true"));
        assertThat(extensions.get(request.id()).status()).isEqualTo(ExtensionRequest.Status.APPROVED);
        assertThat(taskAt(instance, CLAIM_SIGNING).getDueDate()).isEqualTo(endOfDay(LocalDate.of(2026, 10, 30)));
    }

    /**
     * Process data that got into the engine somehow — written here by the application itself, without a user — decides
     * nothing: the request an extension instance decides and applies is the one bound to it when it started; the
     * project a deadline timer records is the task's process's own.
     */
    @Nested
    class ForgedProcessData {

        @Test
        void aRequestIdWrittenIntoTheProcessDoesNotChooseTheRequestDecidedOrTheDeadlineMoved() {
            ProcessInstance instance = signingDueOctober16();
            Task task = taskAt(instance, CLAIM_SIGNING);
            ProcessInstance otherInstance = signingDueOctober16();
            Task otherTask = taskAt(otherInstance, CLAIM_SIGNING);
            ExtensionRequest request = officerAsks(task, LocalDate.of(2026, 10, 30), "企业法定代表人变更");
            ExtensionRequest other = officerAsks(otherTask, LocalDate.of(2026, 11, 30), "用地手续未办结");
            ProcessInstance decision = extensionProcess(request);
            Task decide = taskAt(decision, ExtensionProcess.Element.DECIDE);

            tasks.setVariableLocal(decide.getId(), ExtensionProcess.Var.REQUEST_ID, other.id());
            runtime.setVariable(decision.getId(), ExtensionProcess.Var.REQUEST_ID, other.id());
            projectOfficeCompletes(decide, Map.of("approved", "true"));

            assertThat(extensions.get(request.id()).status()).isEqualTo(ExtensionRequest.Status.APPROVED);
            assertThat(taskAt(instance, CLAIM_SIGNING).getDueDate()).isEqualTo(endOfDay(LocalDate.of(2026, 10, 30)));
            assertThat(extensions.get(other.id()).status()).isEqualTo(ExtensionRequest.Status.PENDING);
            assertThat(taskAt(otherInstance, CLAIM_SIGNING).getDueDate()).isEqualTo(endOfDay(LocalDate.of(2026, 10, 16)));
        }

        @Test
        void aProjectCodeWrittenIntoTheProcessDoesNotChooseTheProjectADeadlinePassesFor() {
            ProcessInstance instance = signingDueOctober16();
            String code = instance.getBusinessKey();
            String other = newProject(Stage.NEGOTIATING, LocalDate.of(2026, 10, 16), LocalDate.of(2026, 12, 1));
            Task task = taskAt(instance, CLAIM_SIGNING);
            // The sweep charges the project the task's process recorded (a deadline never recorded is a process timer's:
            // NoticeProcessTest).
            runtime.setVariable(instance.getId(), "projectCode", other); // the variable the timers read before issue 14

            fireTaskTimersBy(instance, CLAIM_SIGNING, LocalDateTime.of(2026, 10, 19, 9, 0));

            assertThat(jdbc.queryForObject("select project_code from task_deadline where task_id = ?", String.class, task.getId()))
                    .isEqualTo(code);
            assertThat(accountabilityRecords(code, CLAIM_SIGNING)).isEqualTo(1);
            assertThat(accountabilityRecords(other, CLAIM_SIGNING)).isZero();
        }
    }
}
