package cn.tuijin.project;

import static cn.tuijin.project.ProjectLifecycle.Element.CLAIM_COMPLETION;
import static cn.tuijin.project.ProjectLifecycle.Element.CLAIM_OPERATION;
import static cn.tuijin.project.ProjectLifecycle.Element.CLAIM_SIGNING;
import static cn.tuijin.project.ProjectLifecycle.Element.CLAIM_START;
import static cn.tuijin.project.ProjectLifecycle.Element.HANDLE_APPROVAL;
import static cn.tuijin.project.ProjectLifecycle.Element.MONTHLY_REPORT;
import static cn.tuijin.project.ProjectLifecycle.Element.SUPPLEMENT_DOCUMENTS;
import static cn.tuijin.project.ProjectLifecycle.Element.VERIFY_COMPLETION;
import static cn.tuijin.project.ProjectLifecycle.Element.VERIFY_OPERATION;
import static cn.tuijin.project.ProjectLifecycle.Element.VERIFY_SIGNING;
import static cn.tuijin.project.ProjectLifecycle.Element.VERIFY_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import cn.tuijin.TuijinProcessTest;
import cn.tuijin.accountability.AccountabilityService;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlineKind;
import cn.tuijin.deadline.HeldTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The project lifecycle, path by path, with the engine clock moved by the tests.
 */
@TuijinProcessTest
class LifecycleProcessTest extends LifecycleTestSupport {

    /** Monday 21 September 2026, 9:00: the National Day holiday and its make-up days lie ahead. */
    private static final LocalDateTime MONDAY = LocalDateTime.of(2026, 9, 21, 9, 0);

    @Autowired WorkingDayCalendar calendar;
    @Autowired MonthlyReportService reports;
    @Autowired AccountabilityService accountability;
    @Autowired LifecycleTaskListener listener;

    @BeforeEach
    void monday() {
        clockAt(MONDAY);
    }

    @Test
    void projectGoesFromNegotiationToUse() {
        String code = newProject(Stage.NEGOTIATING, LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 20));
        approvals.register(code, ApprovalItem.PLANNING, "zrj", 10);
        approvals.register(code, ApprovalItem.CONSTRUCTION_PERMIT, "zjj", 7);
        ProcessInstance instance = lifecycle.start(code);

        Task claim = taskAt(instance, CLAIM_SIGNING);
        assertThat(claim.getName()).isEqualTo("申报签约｜测试项目" + code);
        assertThat(candidateGroups(claim)).containsExactly("zjj");
        assertThat(claim.getDueDate()).isEqualTo(endOfDay(LocalDate.of(2026, 9, 25)));
        assertThat(claim.getFollowUpDate()).isBefore(claim.getDueDate());
        officerCompletes(claim, Map.of("contractNo", "HT-2026-088", "signDate", "2026-09-21", "contractAmount", 12000));

        Task verify = taskAt(instance, VERIFY_SIGNING);
        assertThat(candidateGroups(verify)).containsExactly("projectOffice");
        assertThat((String) runtime.getVariable(instance.getId(), "claimSummary")).contains("HT-2026-088", "12000");
        assertThat(runtime.getVariables(instance.getId())).doesNotContainKeys("contractNo", "signDate", "contractAmount");
        approve(instance, VERIFY_SIGNING);
        assertThat(project(code).stage()).isEqualTo(Stage.SIGNED);
        assertThat(project(code).actualSignDate()).isEqualTo(LocalDate.of(2026, 9, 21));

        List<Task> approvalTasks = tasksAt(instance, HANDLE_APPROVAL);
        assertThat(approvalTasks).extracting(Task::getName)
                .containsExactlyInAnyOrder("办理审批：规划许可（市自然资源和规划局）｜测试项目" + code,
                        "办理审批：施工许可（市住房城乡建设局）｜测试项目" + code);
        for (Task t : approvalTasks) {
            if (t.getName().contains("规划许可")) {
                completeAs("zhaol", List.of("zrj"), t, Map.of("acceptedWithGaps", "false", "approvalNo", "规许〔2026〕18号"));
            } else {
                officerCompletes(t, Map.of("acceptedWithGaps", "true", "missingDocuments", "消防设计审查意见"));
            }
        }
        officerCompletes(taskAt(instance, SUPPLEMENT_DOCUMENTS), Map.of("supplementNote", "已补交消防设计审查意见"));
        assertThat(approvals.forProject(code)).extracting(ProjectApproval::status).containsOnly(ProjectApproval.Status.APPROVED);

        Task start = taskAt(instance, CLAIM_START);
        assertThatThrownBy(() -> officerCompletes(start, Map.of("permitNo", "SG-2026-031", "startDate", "2026-09-21")))
                .as("申报开工 without the permit").hasMessageContaining("申报开工须上传施工许可证");
        assertThat(instance).isWaitingAt(CLAIM_START);
        officerAttachesThePermit(start);
        officerCompletes(start, Map.of("permitNo", "SG-2026-031", "startDate", "2026-09-21"));
        approve(instance, VERIFY_START);
        assertThat(project(code).stage()).isEqualTo(Stage.UNDER_CONSTRUCTION);
        assertThat(project(code).actualStartDate()).isEqualTo(LocalDate.of(2026, 9, 21));
        assertThat(instance).isWaitingAt(CLAIM_COMPLETION);

        // On the first of the month the monthly report for the month before is opened.
        clockAt(LocalDateTime.of(2026, 10, 1, 1, 0));
        Job monthBegins = management.createJobQuery().processInstanceId(instance.getId()).activityId("StartEvent_MonthBegins").singleResult();
        management.executeJob(monthBegins.getId());
        Task report = taskAt(instance, MONTHLY_REPORT);
        assertThat(report.getName()).startsWith("填报月度调度：2026年9月");
        assertThat(report.getDueDate()).isEqualTo(endOfDay(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 10), 5)));
        officerCompletes(report, Map.of("monthInvestment", 300, "cumulativeInvestment", 300, "progressPercent", 5, "problems", "无"));
        MonthlyReport saved = reports.forProject(code).get(0);
        assertThat(saved.period()).isEqualTo(YearMonth.of(2026, 9));
        assertThat(saved.scheduleExpected()).isEqualByComparingTo("1800.00"); // 2400 × 9/12
        assertThat(saved.scheduleRatio()).isLessThan(0.2);

        clockAt(LocalDateTime.of(2026, 10, 12, 10, 0));
        officerCompletes(taskAt(instance, CLAIM_COMPLETION), Map.of("acceptanceDate", "2026-10-12"));
        approve(instance, VERIFY_COMPLETION);
        assertThat(project(code).stage()).isEqualTo(Stage.COMPLETED);

        Task operation = taskAt(instance, CLAIM_OPERATION);
        assertThat(operation.getName()).startsWith("申报投用｜");
        officerCompletes(operation, Map.of("operationDate", "2026-10-12"));
        approve(instance, VERIFY_OPERATION);
        assertThat(instance).isEnded();
        assertThat(project(code).stage()).isEqualTo(Stage.OPERATING);
        assertThat(project(code).stageLabel()).isEqualTo("投用");
        assertThat(project(code).actualOperationDate()).isEqualTo(LocalDate.of(2026, 10, 12));
    }

    @Test
    void returnedClaimShowsTheReasonToTheOfficerAndCanBeClaimedAgain() {
        String code = newProject(Stage.NEGOTIATING, LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 20));
        ProcessInstance instance = lifecycle.start(code);
        officerCompletes(taskAt(instance, CLAIM_SIGNING), Map.of("contractNo", "HT-1", "signDate", "2026-09-18", "contractAmount", 500));
        projectOfficeCompletes(taskAt(instance, VERIFY_SIGNING), Map.of("approved", "false", "returnReason", "合同未加盖双方公章"));

        Task returned = taskAt(instance, CLAIM_SIGNING);
        assertThat(returned.getDescription()).contains("退回原因：合同未加盖双方公章");
        assertThat(tasks.getVariable(returned.getId(), "returnReason")).isEqualTo("合同未加盖双方公章");
        assertThat(project(code).stage()).isEqualTo(Stage.NEGOTIATING);
        assertThat(jdbc.queryForObject("select decision from stage_claim where project_code = ?", String.class, code)).isEqualTo("RETURNED");

        officerCompletes(returned, Map.of("contractNo", "HT-1", "signDate", "2026-09-18", "contractAmount", 500));
        approve(instance, VERIFY_SIGNING);
        assertThat(project(code).stage()).isEqualTo(Stage.SIGNED);
        assertThat(project(code).actualSignDate()).isEqualTo(LocalDate.of(2026, 9, 18));
        assertThat(runtime.getVariables(instance.getId())).doesNotContainKey("returnReason");
    }

    @Test
    void approvalsRunInParallelOnePerDepartmentWithTheirPromisedDays() {
        String code = newProject(Stage.SIGNED, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 20));
        approvals.register(code, ApprovalItem.PROJECT_APPROVAL, "fgw", 5);
        approvals.register(code, ApprovalItem.EIA, "sthj", 15);
        approvals.register(code, ApprovalItem.LAND, "zrj", 15);
        ProcessInstance instance = lifecycle.start(code);

        List<Task> parallel = tasksAt(instance, HANDLE_APPROVAL);
        assertThat(parallel).hasSize(3);
        assertThat(parallel).flatExtracting(this::candidateGroups).containsExactlyInAnyOrder("fgw", "sthj", "zrj");
        Task fgw = parallel.stream().filter(t -> candidateGroups(t).contains("fgw")).findFirst().orElseThrow();
        // Five working days from Monday 21 September, Mid-Autumn Friday 25 September off: Tuesday 29 September.
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 21), 5)).isEqualTo(LocalDate.of(2026, 9, 29));
        assertThat(fgw.getDueDate()).isEqualTo(endOfDay(calendar.addWorkingDays(LocalDate.of(2026, 9, 21), 5)));

        completeAs("qianw", List.of("fgw"), fgw, Map.of("acceptedWithGaps", "false", "approvalNo", "发改审批〔2026〕7号"));
        assertThat(tasksAt(instance, HANDLE_APPROVAL)).hasSize(2);
        assertThat(instance).isNotWaitingAt(CLAIM_START);
    }

    @Test
    void acceptanceWithDocumentsMissingOpensASupplementTaskForTheLeadUnit() {
        String code = newProject(Stage.SIGNED, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 20));
        approvals.register(code, ApprovalItem.EIA, "sthj", 15);
        ProcessInstance instance = lifecycle.start(code);

        completeAs("chenj", List.of("sthj"), taskAt(instance, HANDLE_APPROVAL),
                Map.of("acceptedWithGaps", "true", "missingDocuments", "环境影响报告书专家评审意见"));
        Task supplement = taskAt(instance, SUPPLEMENT_DOCUMENTS);
        assertThat(candidateGroups(supplement)).containsExactly("zjj");
        assertThat(supplement.getName()).startsWith("补正容缺材料：环评（市生态环境局）");
        assertThat(supplement.getDueDate()).isEqualTo(endOfDay(calendar.addWorkingDays(LocalDate.of(2026, 9, 21), 10)));
        assertThat(approvals.forProject(code).get(0).status()).isEqualTo(ProjectApproval.Status.ACCEPTED_WITH_GAPS);
        assertThat(approvals.forProject(code).get(0).missingDocuments()).isEqualTo("环境影响报告书专家评审意见");

        officerCompletes(supplement, Map.of("supplementNote", "已补交专家评审意见"));
        assertThat(approvals.forProject(code).get(0).status()).isEqualTo(ProjectApproval.Status.APPROVED);
        assertThat(instance).isWaitingAt(CLAIM_START);
    }

    @Test
    void verificationOpenedBeforeNationalDayIsDueAfterTheHoliday() {
        clockAt(LocalDateTime.of(2026, 9, 29, 15, 0));
        String code = newProject(Stage.NEGOTIATING, LocalDate.of(2026, 9, 30), LocalDate.of(2026, 11, 20));
        ProcessInstance instance = lifecycle.start(code);
        officerCompletes(taskAt(instance, CLAIM_SIGNING), Map.of("contractNo", "HT-9", "signDate", "2026-09-29", "contractAmount", 100));
        // 30 September, then 1–7 October off: the third working day is 9 October.
        assertThat(taskAt(instance, VERIFY_SIGNING).getDueDate()).isEqualTo(endOfDay(LocalDate.of(2026, 10, 9)));
    }

    @ParameterizedTest
    @CsvSource({"SIGNED, Task_ClaimStart", "UNDER_CONSTRUCTION, Task_ClaimCompletion", "COMPLETED, Task_ClaimOperation"})
    void projectRegisteredAtALaterStageStartsThere(Stage stage, String firstTask) {
        String code = newProject(stage, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 1));
        ProcessInstance instance = lifecycle.start(code);
        assertThat(instance).isWaitingAt(firstTask);
        assertThat(instance).isNotWaitingAt(CLAIM_SIGNING);
    }

    @ParameterizedTest
    @CsvSource({
            "Task_ClaimSigning, zjj, MILESTONE", "Task_VerifySigning, xmb, VERIFICATION",
            "Task_ClaimStart, zjj, MILESTONE", "Task_VerifyStart, xmb, VERIFICATION",
            "Task_ClaimCompletion, zjj, MILESTONE", "Task_VerifyCompletion, xmb, VERIFICATION",
            "Task_ClaimOperation, zjj, MILESTONE", "Task_VerifyOperation, xmb, VERIFICATION",
            "Task_MonthlyReport, zjj, MONTHLY_REPORT"})
    void overdueTaskIsRecordedOnceAgainstTheUnitHoldingIt(String activity, String unit, DeadlineKind kind) {
        String code = newProject(Stage.NEGOTIATING, LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 20));
        ProcessInstance instance = runtime.createProcessInstanceByKey(ProjectLifecycle.KEY).businessKey(code)
                .startBeforeActivity(activity).execute();
        Task task = taskAt(instance, activity);

        assertThat(fireTaskTimersBy(instance, activity, LocalDateTime.ofInstant(task.getFollowUpDate().toInstant(), WorkingDayCalendar.ZONE).plusMinutes(1)))
                .isEqualTo(1);
        assertThat(marks(code, "DUE_SOON")).isEqualTo(1);
        assertThat(accountabilityRecords(code, activity)).isZero();

        assertThat(fireTaskTimersBy(instance, activity, LocalDateTime.ofInstant(task.getDueDate().toInstant(), WorkingDayCalendar.ZONE).plusMinutes(1)))
                .isEqualTo(1);
        assertThat(accountabilityRecords(code, activity)).isEqualTo(1);
        Map<String, Object> record = accountabilityRecord(code, activity);
        assertThat(record).containsEntry("HOLDER_UNIT_CODE", unit).containsEntry("HOLDER_USER_ID", "").containsEntry("KIND", kind.name());
        assertThat(marks(code, "OVERDUE")).isEqualTo(1);
        assertThat(instance).isWaitingAt(activity); // the work is still to be done

        // Nothing is left to fire for this task, and a retried delivery of the same deadline changes nothing.
        assertThat(fireTaskTimersBy(instance, activity, LocalDateTime.ofInstant(task.getDueDate().toInstant(), WorkingDayCalendar.ZONE).plusDays(1)))
                .isZero();
        accountability.overdue(new HeldTask(code, instance.getId(), task.getId(), activity, task.getName(), kind, unit, "",
                task.getFollowUpDate().toInstant(), task.getDueDate().toInstant()));
        assertThat(accountabilityRecords(code, activity)).isEqualTo(1);
    }

    @Test
    void overdueClaimedTaskIsRecordedAgainstTheOfficerWhoHoldsIt() {
        String code = newProject(Stage.NEGOTIATING, LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 20));
        ProcessInstance instance = lifecycle.start(code);
        tasks.claim(taskAt(instance, CLAIM_SIGNING).getId(), OFFICER);

        fireTimersBy(instance, LocalDateTime.of(2026, 9, 26, 0, 1));
        Map<String, Object> record = accountabilityRecord(code, CLAIM_SIGNING);
        assertThat(record).containsEntry("HOLDER_UNIT_CODE", "zjj").containsEntry("HOLDER_USER_ID", OFFICER);
    }

    @Test
    void overdueApprovalIsRecordedAgainstItsDepartmentAndOverdueSupplementAgainstTheApplicant() {
        String code = newProject(Stage.SIGNED, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 20));
        approvals.register(code, ApprovalItem.PLANNING, "zrj", 10);
        approvals.register(code, ApprovalItem.EIA, "sthj", 15);
        ProcessInstance instance = lifecycle.start(code);

        // Ten working days from 21 September, across Mid-Autumn (25 September) and National Day (1–7 October, with the
        // make-up Saturday 10 October worked): due 12 October. The planning approval is late, the other is not.
        assertThat(tasksAt(instance, HANDLE_APPROVAL)).extracting(Task::getDueDate)
                .contains(endOfDay(LocalDate.of(2026, 10, 12)));
        fireTimersBy(instance, LocalDateTime.of(2026, 10, 13, 0, 1));
        assertThat(accountabilityRecords(code, HANDLE_APPROVAL)).isEqualTo(1);
        assertThat(accountabilityRecord(code, HANDLE_APPROVAL)).containsEntry("HOLDER_UNIT_CODE", "zrj");

        Task eia = tasksAt(instance, HANDLE_APPROVAL).stream().filter(t -> candidateGroups(t).contains("sthj")).findFirst().orElseThrow();
        completeAs("chenj", List.of("sthj"), eia, Map.of("acceptedWithGaps", "true", "missingDocuments", "公众参与说明"));
        Task supplement = taskAt(instance, SUPPLEMENT_DOCUMENTS);
        fireTimersBy(instance, LocalDateTime.ofInstant(supplement.getDueDate().toInstant(), WorkingDayCalendar.ZONE).plusMinutes(1));
        assertThat(accountabilityRecord(code, SUPPLEMENT_DOCUMENTS)).containsEntry("HOLDER_UNIT_CODE", "zjj")
                .containsEntry("KIND", "SUPPLEMENT");
        assertThat(accountabilityRecords(code, HANDLE_APPROVAL)).isEqualTo(1);
    }

    @Test
    void monthlyReportsStopWhenCompletionIsVerified() {
        String code = newProject(Stage.UNDER_CONSTRUCTION, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 1));
        ProcessInstance instance = lifecycle.start(code);
        runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity(MONTHLY_REPORT).execute();
        assertThat(instance).isWaitingAt(CLAIM_COMPLETION, MONTHLY_REPORT);

        officerCompletes(taskAt(instance, CLAIM_COMPLETION), Map.of("acceptanceDate", "2026-09-18"));
        approve(instance, VERIFY_COMPLETION);
        assertThat(instance).isWaitingAt(CLAIM_OPERATION).isNotWaitingAt(MONTHLY_REPORT);
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).activityId("StartEvent_MonthBegins").count()).isZero();
        assertThat(project(code).actualCompletionDate()).isEqualTo(LocalDate.of(2026, 9, 18));
        assertThat(project(code).totalInvestment()).isEqualByComparingTo(BigDecimal.valueOf(12000));
    }

    @Test
    void tasksOpenSinceBeforeSubjectsWereRecordedAreRecordedAtStartUp() {
        String code = newProject(Stage.UNDER_CONSTRUCTION, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 1));
        long eia = approvals.register(code, ApprovalItem.EIA, "zjj", 15);
        ProcessInstance instance = runtime.createProcessInstanceByKey(ProjectLifecycle.KEY).businessKey(code)
                .startBeforeActivity(ProjectLifecycle.Element.APPROVALS + "#multiInstanceBody").startBeforeActivity(MONTHLY_REPORT).execute();
        Task handle = taskAt(instance, HANDLE_APPROVAL);
        Task report = taskAt(instance, MONTHLY_REPORT);
        jdbc.update("delete from task_subject where process_instance_id = ?", instance.getId());

        listener.recordOpenTasks();
        listener.recordOpenTasks(); // a second start (or node) finds them recorded

        assertThat(jdbc.queryForList("select subject from task_subject where process_instance_id = ?", String.class, instance.getId()))
                .containsExactlyInAnyOrder(String.valueOf(eia), "2026-08");
        officerCompletes(handle, Map.of("acceptedWithGaps", "true", "missingDocuments", "公众参与说明"));
        officerCompletes(taskAt(instance, SUPPLEMENT_DOCUMENTS), Map.of("supplementNote", "已补交"));
        officerCompletes(report, Map.of("monthInvestment", 200, "cumulativeInvestment", 900, "progressPercent", 30));
        assertThat(approvals.get(eia).status()).isEqualTo(ProjectApproval.Status.APPROVED);
        assertThat(reports.forProject(code)).extracting(MonthlyReport::period).containsExactly(YearMonth.of(2026, 8));
    }

    /**
     * Process data that got into the engine somehow — written here by the application itself, without a user — decides
     * nothing: which approval a task decides, which month a report covers, which milestone is recorded and where a
     * project enters come from the application's own records and the diagram.
     */
    @Nested
    class ForgedProcessData {

        private long othersApproval;

        @BeforeEach
        void anotherUnitsApproval() {
            String others = newProject(Stage.SIGNED, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 20));
            othersApproval = approvals.register(others, ApprovalItem.PLANNING, "zrj", 10);
        }

        private ProjectApproval othersApproval() {
            return approvals.get(othersApproval);
        }

        /** A signed project whose one approval, 住建局's, waits at 办理审批. */
        private OwnApproval ownApproval(ApprovalItem item) {
            String code = newProject(Stage.SIGNED, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 20));
            long id = approvals.register(code, item, "zjj", 7);
            ProcessInstance instance = lifecycle.start(code);
            return new OwnApproval(id, instance, taskAt(instance, HANDLE_APPROVAL));
        }

        private record OwnApproval(long id, ProcessInstance instance, Task task) {
        }

        @Test
        void anApprovalIdWrittenIntoTheTaskDoesNotChooseTheApprovalDecided() {
            OwnApproval own = ownApproval(ApprovalItem.CONSTRUCTION_PERMIT);

            tasks.setVariable(own.task().getId(), ProjectLifecycle.Var.APPROVAL_ID, othersApproval);
            tasks.setVariableLocal(own.task().getId(), ProjectLifecycle.Var.APPROVAL_ID, othersApproval);
            runtime.setVariable(own.instance().getId(), ProjectLifecycle.Var.APPROVAL_ID, othersApproval);
            officerCompletes(own.task(), Map.of("acceptedWithGaps", "false", "approvalNo", "建施〔2026〕5号"));

            assertThat(approvals.get(own.id()).status()).isEqualTo(ProjectApproval.Status.APPROVED);
            assertThat(approvals.get(own.id()).approvalNo()).isEqualTo("建施〔2026〕5号");
            assertThat(othersApproval().status()).isEqualTo(ProjectApproval.Status.PENDING);
            assertThat(othersApproval().approvalNo()).isNull();
            assertThat(own.instance()).isWaitingAt(CLAIM_START);
        }

        @Test
        void aSupplementIsAboutTheApprovalItsHandlingDecidedWhateverTheVariableSays() {
            OwnApproval own = ownApproval(ApprovalItem.EIA);

            // Overwrites the multi-instance element itself: the supplement task is created after it.
            tasks.setVariable(own.task().getId(), ProjectLifecycle.Var.APPROVAL_ID, othersApproval);
            officerCompletes(own.task(), Map.of("acceptedWithGaps", "true", "missingDocuments", "公众参与说明"));
            Task supplement = taskAt(own.instance(), SUPPLEMENT_DOCUMENTS);
            assertThat(supplement.getName()).startsWith("补正容缺材料：环评（市住房城乡建设局）");
            tasks.setVariableLocal(supplement.getId(), ProjectLifecycle.Var.APPROVAL_ID, othersApproval);
            officerCompletes(supplement, Map.of("supplementNote", "已补交"));

            assertThat(approvals.get(own.id()).status()).isEqualTo(ProjectApproval.Status.APPROVED);
            assertThat(approvals.get(own.id()).missingDocuments()).isEqualTo("公众参与说明");
            assertThat(othersApproval().status()).isEqualTo(ProjectApproval.Status.PENDING);
            assertThat(othersApproval().missingDocuments()).isNull();
        }

        @Test
        void aReportPeriodWrittenIntoTheTaskDoesNotChooseTheMonthReported() {
            String code = newProject(Stage.UNDER_CONSTRUCTION, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 1));
            ProcessInstance instance = lifecycle.start(code);
            runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity(MONTHLY_REPORT).execute();
            Task report = taskAt(instance, MONTHLY_REPORT);
            assertThat(report.getName()).startsWith("填报月度调度：2026年8月");

            tasks.setVariable(report.getId(), ProjectLifecycle.Var.REPORT_PERIOD, "2026-01");
            tasks.setVariableLocal(report.getId(), ProjectLifecycle.Var.REPORT_PERIOD, "2026-02");
            officerCompletes(report, Map.of("monthInvestment", 200, "cumulativeInvestment", 900, "progressPercent", 30));

            assertThat(reports.forProject(code)).extracting(MonthlyReport::period).containsExactly(YearMonth.of(2026, 8));
        }

        @Test
        void aMilestoneInTheProcessDataDoesNotChooseWhatIsRecorded() {
            String code = newProject(Stage.NEGOTIATING, LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 20));
            ProcessInstance instance = lifecycle.start(code);
            officerCompletes(taskAt(instance, CLAIM_SIGNING), Map.of("contractNo", "HT-3", "signDate", "2026-09-18", "contractAmount", 300));

            runtime.setVariable(instance.getId(), ProjectLifecycle.Var.MILESTONE, Milestone.OPERATION.name());
            approve(instance, VERIFY_SIGNING);

            assertThat(project(code).stage()).isEqualTo(Stage.SIGNED);
            assertThat(project(code).actualOperationDate()).isNull();
        }

        @Test
        void anEntryStageInTheProcessDataDoesNotChooseWhereTheProjectEnters() {
            String entryStage = "entryStage"; // the variable the entry gateway read before issue 14
            String code = newProject(Stage.NEGOTIATING, LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 20));
            ProcessInstance instance = runtime.createProcessInstanceByKey(ProjectLifecycle.KEY).businessKey(code)
                    .setVariable(entryStage, Stage.COMPLETED.name()).execute();
            assertThat(instance).isWaitingAt(CLAIM_SIGNING).isNotWaitingAt(CLAIM_OPERATION);

            // The gateway asked again in the running instance (an administrator's modification): the ledger answers again.
            runtime.setVariable(instance.getId(), entryStage, Stage.UNDER_CONSTRUCTION.name());
            runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity(ProjectLifecycle.Element.ENTRY).execute();
            assertThat(tasksAt(instance, CLAIM_SIGNING)).hasSize(2);
            assertThat(instance).isNotWaitingAt(CLAIM_COMPLETION);
            assertThat(project(code).stage()).isEqualTo(Stage.NEGOTIATING);
        }
    }

    /** Input a user can type that the server refuses: the task stays open and nothing is written. */
    @Nested
    class BadInput {

        @Test
        void startDateBeforeTheSigningDateIsRefused() {
            String code = newProject(Stage.SIGNED, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30));
            ProcessInstance instance = lifecycle.start(code);
            assertRefused(instance, CLAIM_START, Map.of("permitNo", "SG-1", "startDate", "2026-08-20"), "startDate", "不能早于签约日期（2026-09-01）");
            assertThat(project(code).actualStartDate()).isNull();
        }

        @Test
        void negativeAmountIsRefused() {
            ProcessInstance instance = lifecycle.start(newProject(Stage.NEGOTIATING, LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 20)));
            assertRefused(instance, CLAIM_SIGNING, Map.of("contractNo", "HT-1", "signDate", "2026-09-18", "contractAmount", -5),
                    "contractAmount", "「合同金额（万元）」不能为负数");
        }

        @Test
        void amountThatIsNotANumberIsRefused() {
            ProcessInstance instance = lifecycle.start(newProject(Stage.NEGOTIATING, LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 20)));
            assertRefused(instance, CLAIM_SIGNING, Map.of("contractNo", "HT-1", "signDate", "2026-09-18", "contractAmount", "五百万"),
                    "contractAmount", "「合同金额（万元）」必须是数字");
        }

        @Test
        void missingPermitNumberIsRefused() {
            String code = newProject(Stage.SIGNED, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30));
            ProcessInstance instance = lifecycle.start(code);
            assertRefused(instance, CLAIM_START, Map.of("permitNo", " ", "startDate", "2026-09-18"), "permitNo", "请填写「施工许可证编号」");
        }

        @Test
        void acceptanceDateInTheFutureIsRefused() {
            String code = newProject(Stage.UNDER_CONSTRUCTION, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 1));
            ProcessInstance instance = lifecycle.start(code);
            assertRefused(instance, CLAIM_COMPLETION, Map.of("acceptanceDate", "2026-12-01"), "acceptanceDate", "「竣工验收日期」不能晚于今天（2026-09-21）");
            assertThat(project(code).stage()).isEqualTo(Stage.UNDER_CONSTRUCTION);
        }

        @Test
        void dateThatIsNotADateIsRefused() {
            ProcessInstance instance = lifecycle.start(newProject(Stage.NEGOTIATING, LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 20)));
            assertRefused(instance, CLAIM_SIGNING, Map.of("contractNo", "HT-1", "signDate", "2026-02-30", "contractAmount", 5),
                    "signDate", "「签约日期」不是有效日期");
        }

        @Test
        void returningAClaimWithoutAReasonIsRefused() {
            ProcessInstance instance = lifecycle.start(newProject(Stage.NEGOTIATING, LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 20)));
            officerCompletes(taskAt(instance, CLAIM_SIGNING), Map.of("contractNo", "HT-1", "signDate", "2026-09-18", "contractAmount", 5));
            Task verify = taskAt(instance, VERIFY_SIGNING);
            assertThatThrownBy(() -> projectOfficeCompletes(verify, Map.of("approved", "false")))
                    .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("退回时请填写「退回原因」");
            assertThat(instance).isWaitingAt(VERIFY_SIGNING);
            assertThat(jdbc.queryForObject("select decision from stage_claim where project_code = ?", String.class,
                    instance.getBusinessKey())).isEqualTo("PENDING");
        }

        @Test
        void cumulativeInvestmentBelowThisMonthIsRefused() {
            String code = newProject(Stage.UNDER_CONSTRUCTION, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 1));
            ProcessInstance instance = lifecycle.start(code);
            runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity(MONTHLY_REPORT).execute();
            assertRefused(instance, MONTHLY_REPORT, Map.of("monthInvestment", 300, "cumulativeInvestment", 200, "progressPercent", 20),
                    "cumulativeInvestment", "「累计完成投资」不能小于「本月完成投资」");
            assertThat(reports.forProject(code)).isEmpty();
        }

        private void assertRefused(ProcessInstance instance, String activity, Map<String, Object> values, String field, String message) {
            Task task = taskAt(instance, activity);
            assertThatThrownBy(() -> officerCompletes(task, values))
                    .isInstanceOf(FormFieldValidationException.class)
                    .hasMessageContaining(message)
                    .satisfies(e -> assertThat((Object) ((FormFieldValidationException) e).getDetail()).isEqualTo(field));
            assertThat(instance).isWaitingAt(activity);
            assertThat(jdbc.queryForObject("select count(*) from stage_claim where project_code = ?", Integer.class,
                    instance.getBusinessKey())).isZero();
            assertThat(runtime.getVariables(instance.getId())).doesNotContainKeys(values.keySet().toArray(String[]::new));
        }
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    private static java.util.Date endOfDay(LocalDate day) {
        return java.util.Date.from(day.atTime(23, 59, 59).atZone(WorkingDayCalendar.ZONE).toInstant());
    }
}
