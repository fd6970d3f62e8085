package cn.tuijin.issue;

import static cn.tuijin.issue.IssueEscalation.Element.APPROVE_TRANSFER;
import static cn.tuijin.issue.IssueEscalation.Element.COMPLETE_ASSIGNMENT;
import static cn.tuijin.issue.IssueEscalation.Element.CONFIRM;
import static cn.tuijin.issue.IssueEscalation.Element.COORDINATE;
import static cn.tuijin.issue.IssueEscalation.Element.DECIDE;
import static cn.tuijin.issue.IssueEscalation.Element.GIVE_OPINION;
import static cn.tuijin.issue.IssueEscalation.Element.HOLD_MEETING;
import static cn.tuijin.issue.IssueEscalation.Element.RESOLVE;
import static cn.tuijin.issue.IssueEscalation.Element.TRIAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;






import cn.tuijin.TuijinProcessTest;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.Deadlines;
import cn.tuijin.light.Light;
import cn.tuijin.light.LightService;
import cn.tuijin.project.LifecycleTestSupport;
import cn.tuijin.project.Stage;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The issue path, level by level, with the engine clock moved by the tests. The engine clock starts on Monday
 * 2 November 2026, 9:00; the demo project's lead unit is 住建局 and its contracting leader 马志远 (mazy).
 */
@TuijinProcessTest
class IssueProcessTest extends LifecycleTestSupport {

    @Autowired IssueService issues;
    @Autowired LightService lights;
    @Autowired WorkingDayCalendar calendar;
    @Autowired IssueTaskListener listener;

    private String project;

    @BeforeEach
    void mondayAndAProject() {
        clockAt(LocalDateTime.of(2026, 11, 2, 9, 0));
        project = newProject(Stage.SIGNED, LocalDate.of(2026, 6, 1), LocalDate.of(2027, 3, 1));
    }

    private ProcessInstance report(String category, String severity) {
        Map<String, Object> form = new HashMap<>(Map.of("projectCode", project, "category", category,
                "description", "地块内尚有3户未完成拆迁", "supportNeeded", "请自然资源局牵头协调补偿标准"));
        form.put("severity", severity);
        identity.setAuthentication(OFFICER, List.of(OFFICER_UNIT));
        try {
            return runtime.startProcessInstanceByKey(IssueEscalation.KEY, form);
        } finally {
            identity.clearAuthentication();
        }
    }

    private ProcessInstance triaged(String level, String cooperating) {
        ProcessInstance instance = report("LAND_CLEARANCE", "NORMAL");
        Map<String, Object> triage = new HashMap<>(Map.of("leadUnit", "市自然资源和规划局", "majorLevel", level));
        if (cooperating != null) {
            triage.put("cooperatingUnits", cooperating);
        }
        projectOfficeCompletes(taskAt(instance, TRIAGE), triage);
        return instance;
    }

    private Issue issue(ProcessInstance instance) {
        return issues.get(instance.getBusinessKey());
    }

    private List<IssueEvent.Kind> kinds(ProcessInstance instance) {
        return issues.events(instance.getBusinessKey()).stream().map(IssueEvent::kind).toList();
    }

    private List<String> candidates(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .map(l -> l.getGroupId() != null ? l.getGroupId() : l.getUserId()).toList();
    }

    private UnitStats zrj() {
        return issues.stats().stream().filter(s -> s.unitCode().equals("zrj")).findFirst().orElseThrow();
    }

    private void zrjCompletes(Task task, Map<String, Object> values) {
        completeAs("zhaol", List.of("zrj"), task, values);
    }

    private void leaderCompletes(Task task, Map<String, Object> values) {
        completeAs("mazy", List.of("leaders"), task, values);
    }

    private void reporterConfirms(ProcessInstance instance, boolean solved) {
        Task confirm = taskAt(instance, CONFIRM);
        assertThat(confirm.getAssignee()).as("the reporter holds the confirmation (我的待办)").isEqualTo(OFFICER);
        officerCompletes(confirm, solved ? Map.of("confirmed", "true") : Map.of("confirmed", "false", "rejectReason", "仍有1户未签协议"));
    }

    /** Moves the clock past the level's deadline and runs the level's timer and the escalation it starts. */
    private void levelDeadlinePasses(ProcessInstance instance, int level) {
        clockAt(LocalDateTime.ofInstant(issue(instance).levelDueAt(), WorkingDayCalendar.ZONE).plusMinutes(1));
        Job timer = management.createJobQuery().processInstanceId(instance.getId())
                .activityId("BoundaryEvent_Level" + level + "Expired").singleResult();
        management.executeJob(timer.getId());
        Job escalate = management.createJobQuery().processInstanceId(instance.getId()).activityId("Task_EscalateFromLevel" + level).singleResult();
        management.executeJob(escalate.getId());
    }

    @Test
    void issueSolvedAtLevelOneWithACooperatingUnitsOpinion() {
        ProcessInstance instance = report("土地", "一般");
        String code = instance.getBusinessKey();
        assertThat(code).matches("WT-2026-\\d{4}");
        assertThat(runtime.getVariables(instance.getId())).isEmpty();
        Task triage = taskAt(instance, TRIAGE);
        assertThat(triage.getName()).isEqualTo("分派问题｜" + code + " 土地问题（测试项目" + project + "）");

        projectOfficeCompletes(triage, Map.of("leadUnit", "市自然资源和规划局", "cooperatingUnits", "市住房城乡建设局", "majorLevel", "1"));
        Issue triaged = issue(instance);
        assertThat(triaged.leadUnitCode()).isEqualTo("zrj");
        // Land issues get 10 + 5 working days by default.
        assertThat(triaged.levelDueAt()).isEqualTo(WorkingDayCalendar.endOf(calendar.addWorkingDays(LocalDate.of(2026, 11, 2), 15)).toInstant());
        Task resolve = taskAt(instance, RESOLVE);
        assertThat(candidates(resolve)).containsExactly("zrj");
        assertThat(resolve.getDueDate().toInstant()).isEqualTo(triaged.levelDueAt());
        Task opinion = taskAt(instance, GIVE_OPINION);
        assertThat(candidates(opinion)).containsExactly("zjj");

        int solvedBefore = zrj().solvedOnTime();
        officerCompletes(opinion, Map.of("opinion", "同意按市标准补偿，住建局配合做好安置房源"));
        zrjCompletes(resolve, Map.of("outcome", "RESOLVED", "resolution", "已与3户签订补偿协议"));
        assertThat(issue(instance).status()).isEqualTo(Issue.Status.RESOLVED);
        reporterConfirms(instance, true);

        assertThat(instance).isEnded();
        assertThat(issue(instance).status()).isEqualTo(Issue.Status.CLOSED);
        assertThat(kinds(instance)).containsExactly(IssueEvent.Kind.REPORTED, IssueEvent.Kind.TRIAGED,
                IssueEvent.Kind.LEVEL_ENTERED, IssueEvent.Kind.OPINION, IssueEvent.Kind.RESOLVED, IssueEvent.Kind.CONFIRMED);
        assertThat(zrj().solvedOnTime()).isEqualTo(solvedBefore + 1);
    }

    @Test
    void missedLevelOneDeadlineIsRecordedAndGoesToTheLeaderWhoHoldsASpecialMeeting() {
        ProcessInstance instance = triaged("1", null);
        Task resolve = taskAt(instance, RESOLVE);
        tasks.claim(resolve.getId(), "zhaol");

        levelDeadlinePasses(instance, 1);
        assertThat(issue(instance).level()).isEqualTo(2);
        assertThat(accountabilityRecord(project, RESOLVE)).containsEntry("HOLDER_UNIT_CODE", "zrj")
                .containsEntry("HOLDER_USER_ID", "zhaol").containsEntry("KIND", "ISSUE_LEVEL");
        assertThat(taskAt(instance, RESOLVE)).isNull();

        Task coordinate = taskAt(instance, COORDINATE);
        assertThat(candidates(coordinate)).containsExactly("mazy");
        leaderCompletes(coordinate, Map.of("outcome", "MEETING"));
        leaderCompletes(taskAt(instance, HOLD_MEETING), Map.of("minutes", "11月20日马志远副市长主持召开专题会议",
                "decisions", "市住房城乡建设局｜提供3套安置房源｜2026-12-04\n临江区人民政府｜完成入户动员｜2026-12-08"));
        List<Task> assignments = tasksAt(instance, COMPLETE_ASSIGNMENT);
        assertThat(assignments).hasSize(2);
        assertThat(assignments).flatExtracting(this::candidates).containsExactlyInAnyOrder("zjj", "ljq");
        Task housing = assignments.stream().filter(t -> candidates(t).contains("zjj")).findFirst().orElseThrow();
        assertThat(housing.getName()).startsWith("落实会议交办事项：提供3套安置房源");
        assertThat(housing.getDueDate()).isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2026, 12, 4)));
        for (Task a : assignments) {
            completeAs(candidates(a).get(0).equals("zjj") ? OFFICER : "sunhb", List.of(candidates(a).get(0)), a, Map.of("result", "已落实"));
        }
        leaderCompletes(taskAt(instance, COORDINATE), Map.of("outcome", "RESOLVED", "resolution", "会议交办事项均已落实，3户已签约"));
        reporterConfirms(instance, true);

        assertThat(instance).isEnded();
        assertThat(kinds(instance)).contains(IssueEvent.Kind.DEADLINE_MISSED, IssueEvent.Kind.MEETING, IssueEvent.Kind.ASSIGNMENT_DONE);
        assertThat(accountabilityRecords(project, RESOLVE)).isEqualTo(1);
    }

    @Test
    void missedLevelTwoDeadlineGoesToTheCommitteeAndTurnsTheProjectRed() {
        ProcessInstance instance = triaged("1", null);
        levelDeadlinePasses(instance, 1);
        levelDeadlinePasses(instance, 2);
        assertThat(issue(instance).level()).isEqualTo(3);
        assertThat(accountabilityRecord(project, COORDINATE)).containsEntry("HOLDER_USER_ID", "mazy");
        assertThat(lights.get(project).light()).isEqualTo(Light.RED);
        assertThat(lights.get(project).reason()).contains("问题 " + instance.getBusinessKey() + " 已提交推进委员会");

        Task decide = taskAt(instance, DECIDE);
        assertThat(candidates(decide)).containsExactly("committee");
        completeAs("gaojj", List.of("committee"), decide, Map.of("resolution", "由临江区政府依法组织征收"));
        reporterConfirms(instance, true);
        assertThat(instance).isEnded();
        assertThat(lights.get(project).reason()).doesNotContain("推进委员会");
    }

    @Test
    void majorIssueGoesStraightToTheLeader() {
        ProcessInstance instance = triaged("2", null);
        assertThat(instance).isWaitingAt(COORDINATE).isNotWaitingAt(RESOLVE);
        assertThat(issue(instance).major()).isTrue();
        assertThat(issue(instance).level()).isEqualTo(2);
    }

    @Test
    void majorIssueCanGoStraightToTheCommittee() {
        ProcessInstance instance = triaged("3", null);
        assertThat(instance).isWaitingAt(DECIDE);
        assertThat(lights.get(project).light()).isEqualTo(Light.RED);
    }

    @Test
    void rejectedResolutionReopensTheIssueAtTheSameLevel() {
        ProcessInstance instance = triaged("2", null);
        leaderCompletes(taskAt(instance, COORDINATE), Map.of("outcome", "RESOLVED", "resolution", "已协调"));
        reporterConfirms(instance, false);
        assertThat(instance).isWaitingAt(COORDINATE);
        assertThat(issue(instance).reopenCount()).isEqualTo(1);
        assertThat(issue(instance).status()).isEqualTo(Issue.Status.OPEN);

        int reopenedBefore = zrj().reopened();
        ProcessInstance other = triaged("1", null);
        zrjCompletes(taskAt(other, RESOLVE), Map.of("outcome", "RESOLVED", "resolution", "已解决"));
        clockAt(LocalDateTime.of(2026, 11, 30, 9, 0));
        reporterConfirms(other, false);
        assertThat(other).isWaitingAt(RESOLVE);
        // A new level-1 period from the reopening: ten working days of the policy for a land-clearance issue.
        assertThat(issue(other).levelDueAt()).isEqualTo(WorkingDayCalendar.endOf(calendar.addWorkingDays(LocalDate.of(2026, 11, 30), 10)).toInstant());
        assertThat(zrj().reopened()).isEqualTo(reopenedBefore + 1);
    }

    @Test
    void approvedTransferMovesTheIssueToTheOtherUnit() {
        int transfersBefore = zrj().transferred();
        ProcessInstance instance = triaged("1", null);
        zrjCompletes(taskAt(instance, RESOLVE), Map.of("outcome", "TRANSFER", "transferTo", "临江区人民政府",
                "transferReason", "入户动员属属地政府职责"));
        Task approve = taskAt(instance, APPROVE_TRANSFER);
        assertThat(tasks.getVariable(approve.getId(), "transferRequest")).asString().contains("市自然资源和规划局申请转办给临江区人民政府");
        projectOfficeCompletes(approve, Map.of("transferApproved", "true", "transferDecisionReason", "同意"));
        assertThat(candidates(taskAt(instance, RESOLVE))).containsExactly("ljq");
        assertThat(issue(instance).leadUnitCode()).isEqualTo("ljq");
        assertThat(zrj().transferred()).isEqualTo(transfersBefore + 1);
    }

    @Test
    void refusedTransferLeavesTheIssueWithItsUnit() {
        ProcessInstance instance = triaged("1", null);
        zrjCompletes(taskAt(instance, RESOLVE), Map.of("outcome", "TRANSFER", "transferTo", "ljq", "transferReason", "非本单位职责"));
        projectOfficeCompletes(taskAt(instance, APPROVE_TRANSFER), Map.of("transferApproved", "false",
                "transferDecisionReason", "征地补偿标准属自然资源局职责，不予转办"));
        assertThat(candidates(taskAt(instance, RESOLVE))).containsExactly("zrj");
        assertThat(kinds(instance)).contains(IssueEvent.Kind.TRANSFER_REQUESTED, IssueEvent.Kind.TRANSFER_REFUSED);
    }

    @Test
    void unitAsksToEscalateOnlyBySayingWhatItHasDone() {
        int escalatedBefore = zrj().escalated();
        ProcessInstance instance = triaged("1", null);
        Task resolve = taskAt(instance, RESOLVE);
        assertThatThrownBy(() -> zrjCompletes(resolve, Map.of("outcome", "ESCALATE")))
                .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("请填写「已采取的措施」");
        zrjCompletes(resolve, Map.of("outcome", "ESCALATE", "actionsTaken", "三次入户协商，补偿标准分歧较大"));
        assertThat(instance).isWaitingAt(COORDINATE);
        assertThat(accountabilityRecords(project, RESOLVE)).isZero();
        assertThat(zrj().escalated()).isEqualTo(escalatedBefore + 1);
    }

    @Test
    void overdueOpinionIsRecordedAgainstTheCooperatingUnit() {
        ProcessInstance instance = triaged("1", "市住房城乡建设局");
        Task opinion = taskAt(instance, GIVE_OPINION);
        fireTaskTimersBy(instance, GIVE_OPINION, LocalDateTime.ofInstant(opinion.getDueDate().toInstant(), WorkingDayCalendar.ZONE).plusMinutes(1));
        assertThat(accountabilityRecord(project, GIVE_OPINION)).containsEntry("HOLDER_UNIT_CODE", "zjj").containsEntry("KIND", "ISSUE_OPINION");
        assertThat(instance).isWaitingAt(GIVE_OPINION, RESOLVE);
    }

    @Test
    void escalationRunOnTwoNodesAtOnceHappensOnce() throws Exception {
        ProcessInstance instance = triaged("1", null);
        clockAt(LocalDateTime.ofInstant(issue(instance).levelDueAt(), WorkingDayCalendar.ZONE).plusMinutes(1));
        management.executeJob(management.createJobQuery().processInstanceId(instance.getId()).activityId("BoundaryEvent_Level1Expired").singleResult().getId());
        String jobId = management.createJobQuery().processInstanceId(instance.getId()).activityId("Task_EscalateFromLevel1").singleResult().getId();
        int succeeded = executeOnNodesAtOnce(jobId, 2);
        assertThat(succeeded).isEqualTo(1);
        assertThat(tasksAt(instance, COORDINATE)).hasSize(1);
        assertThat(accountabilityRecords(project, RESOLVE)).isEqualTo(1);
        assertThat(kinds(instance).stream().filter(k -> k == IssueEvent.Kind.DEADLINE_MISSED)).hasSize(1);
    }

    private void fireBoth(ProcessInstance instance, String activity) {
        Task task = taskAt(instance, activity);
        assertThat(fireTaskTimersBy(instance, activity, LocalDateTime.ofInstant(task.getDueDate().toInstant(), WorkingDayCalendar.ZONE).plusMinutes(1)))
                .isEqualTo(2);
    }

    @Test
    void committeeDecisionAndConfirmationHaveDeadlinesAndARejectionReopensAtTheCommittee() {
        ProcessInstance instance = report("FUNDING", "MAJOR");
        fireBoth(instance, TRIAGE);
        assertThat(accountabilityRecord(project, TRIAGE)).containsEntry("HOLDER_UNIT_CODE", "xmb").containsEntry("KIND", "ISSUE_TRIAGE");
        projectOfficeCompletes(taskAt(instance, TRIAGE), Map.of("leadUnit", "市发展改革委", "majorLevel", "3"));

        fireBoth(instance, DECIDE);
        assertThat(accountabilityRecord(project, DECIDE)).containsEntry("HOLDER_UNIT_CODE", "committee");
        completeAs("gaojj", List.of("committee"), taskAt(instance, DECIDE), Map.of("resolution", "市财政安排专项资金"));
        fireBoth(instance, CONFIRM);
        assertThat(accountabilityRecord(project, CONFIRM)).containsEntry("HOLDER_UNIT_CODE", "zjj").containsEntry("HOLDER_USER_ID", OFFICER);
        reporterConfirms(instance, false);
        assertThat(instance).isWaitingAt(DECIDE);
        completeAs("gaojj", List.of("committee"), taskAt(instance, DECIDE), Map.of("resolution", "资金已拨付到位"));
        reporterConfirms(instance, true);
        assertThat(instance).isEnded();
    }

    @Test
    void leaderMayPassTheIssueToTheCommitteeAfterAMeetingWhoseAssignmentsHaveDeadlines() {
        ProcessInstance instance = triaged("2", null);
        Task coordinate = taskAt(instance, COORDINATE);
        assertThat(fireTaskTimersBy(instance, COORDINATE, LocalDateTime.ofInstant(coordinate.getFollowUpDate().toInstant(), WorkingDayCalendar.ZONE).plusMinutes(1)))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select due_soon from task_deadline where task_id = ?", Boolean.class, coordinate.getId())).isTrue();
        leaderCompletes(coordinate, Map.of("outcome", "MEETING"));
        leaderCompletes(taskAt(instance, HOLD_MEETING), Map.of("minutes", "专题会议", "decisions", "市住房城乡建设局｜提供安置房源｜2026-11-20"));
        fireBoth(instance, COMPLETE_ASSIGNMENT);
        assertThat(accountabilityRecord(project, COMPLETE_ASSIGNMENT)).containsEntry("HOLDER_UNIT_CODE", "zjj")
                .containsEntry("KIND", "MEETING_ASSIGNMENT");
        officerCompletes(taskAt(instance, COMPLETE_ASSIGNMENT), Map.of("result", "房源已落实"));
        leaderCompletes(taskAt(instance, COORDINATE), Map.of("outcome", "ESCALATE", "actionsTaken", "补偿资金缺口需市级统筹"));
        assertThat(instance).isWaitingAt(DECIDE);
        assertThat(issue(instance).level()).isEqualTo(3);
    }

    @Test
    void levelOneWarningWindowMarksTheResolveTaskDueSoon() {
        ProcessInstance instance = triaged("1", null);
        Task resolve = taskAt(instance, RESOLVE);
        assertThat(fireTaskTimersBy(instance, RESOLVE, LocalDateTime.ofInstant(resolve.getFollowUpDate().toInstant(), WorkingDayCalendar.ZONE).plusMinutes(1)))
                .isEqualTo(1);
        assertThat(lights.get(project).light()).isEqualTo(Light.YELLOW);
        assertThat(lights.get(project).reason()).contains("办理问题｜" + instance.getBusinessKey());
    }

    @Test
    void anOpinionTaskOpenSinceBeforeSubjectsWereRecordedIsRecordedAtStartUp() {
        ProcessInstance instance = triaged("1", "市住房城乡建设局");
        Task opinion = taskAt(instance, GIVE_OPINION);
        jdbc.update("delete from task_subject where task_id = ?", opinion.getId());

        listener.recordOpenTasks();

        officerCompletes(opinion, Map.of("opinion", "同意"));
        assertThat(issues.events(instance.getBusinessKey())).filteredOn(e -> e.kind() == IssueEvent.Kind.OPINION)
                .singleElement().satisfies(e -> assertThat(e.unitCode()).isEqualTo("zjj"));
    }

    /**
     * Process data that got into the engine somehow — written here by the application itself, without a user — decides
     * nothing: which assignment a task carries out, which unit gives an opinion and at which level an issue is worked
     * come from the issue's own records and the diagram.
     */
    @Nested
    class ForgedProcessData {

        @Test
        void anAssignmentIdWrittenIntoTheTaskDoesNotChooseTheAssignmentDone() {
            ProcessInstance instance = triaged("2", null);
            leaderCompletes(taskAt(instance, COORDINATE), Map.of("outcome", "MEETING"));
            leaderCompletes(taskAt(instance, HOLD_MEETING), Map.of("minutes", "专题会议",
                    "decisions", "市住房城乡建设局｜提供安置房源｜2026-11-20\n临江区人民政府｜完成入户动员｜2026-11-27"));
            List<Long> ids = issues.openAssignments(instance.getBusinessKey());
            long housing = ids.stream().filter(id -> issues.assignment(id).unitCode().equals("zjj")).findFirst().orElseThrow();
            long district = ids.stream().filter(id -> issues.assignment(id).unitCode().equals("ljq")).findFirst().orElseThrow();
            Task task = tasksAt(instance, COMPLETE_ASSIGNMENT).stream().filter(t -> candidates(t).contains("zjj")).findFirst().orElseThrow();

            tasks.setVariable(task.getId(), IssueEscalation.Var.ASSIGNMENT_ID, district);
            tasks.setVariableLocal(task.getId(), IssueEscalation.Var.ASSIGNMENT_ID, district);
            runtime.setVariable(instance.getId(), IssueEscalation.Var.ASSIGNMENT_ID, district);
            officerCompletes(task, Map.of("result", "房源已落实"));

            assertThat(issues.assignment(housing).doneAt()).isNotNull();
            assertThat(issues.assignment(housing).result()).isEqualTo("房源已落实");
            assertThat(issues.assignment(district).doneAt()).isNull();
            assertThat(issues.openAssignments(instance.getBusinessKey())).containsExactly(district);
        }

        @Test
        void anOpinionUnitWrittenIntoTheTaskDoesNotChooseWhoseOpinionItIs() {
            ProcessInstance instance = triaged("1", "市住房城乡建设局");
            Task opinion = taskAt(instance, GIVE_OPINION);

            tasks.setVariable(opinion.getId(), IssueEscalation.Var.OPINION_UNIT, "fgw");
            tasks.setVariableLocal(opinion.getId(), IssueEscalation.Var.OPINION_UNIT, "zrj");
            officerCompletes(opinion, Map.of("opinion", "同意按市标准补偿"));

            assertThat(issues.events(instance.getBusinessKey())).filteredOn(e -> e.kind() == IssueEvent.Kind.OPINION)
                    .singleElement().satisfies(e -> assertThat(e.unitCode()).isEqualTo("zjj"));
        }

        @Test
        void anIssueLevelInTheProcessDataDoesNotChooseWhereARejectedResolutionIsWorkedAgain() {
            ProcessInstance instance = triaged("2", null);
            leaderCompletes(taskAt(instance, COORDINATE), Map.of("outcome", "RESOLVED", "resolution", "已协调"));

            runtime.setVariable(instance.getId(), IssueEscalation.Var.ISSUE_LEVEL, 3);
            reporterConfirms(instance, false);

            assertThat(instance).isWaitingAt(COORDINATE).isNotWaitingAt(DECIDE);
            assertThat(issue(instance).level()).isEqualTo(2);
        }

        @Test
        void aProjectCodeWrittenIntoTheProcessDoesNotChooseTheProjectALevelTimerRecordsTheDeadlineFor() {
            ProcessInstance instance = triaged("1", null);
            Task resolve = taskAt(instance, RESOLVE);
            String other = newProject(Stage.SIGNED, LocalDate.of(2026, 6, 1), LocalDate.of(2027, 3, 1));
            // A deadline never recorded (a task older than the deadline engine): the level's timer describes it from the issue.
            jdbc.update("delete from task_deadline where task_id = ?", resolve.getId());
            runtime.setVariable(instance.getId(), "projectCode", other); // read by the timers before issue 14

            levelDeadlinePasses(instance, 1);

            assertThat(accountabilityRecord(project, RESOLVE)).containsEntry("KIND", "ISSUE_LEVEL").containsEntry("HOLDER_UNIT_CODE", "zrj");
            assertThat(accountabilityRecords(other, RESOLVE)).isZero();
        }

        @Test
        void levelsWrittenIntoTheProcessDataDoNotChooseTheLevelThatExpiredOrTheOneEntered() {
            ProcessInstance instance = triaged("1", null);
            runtime.setVariable(instance.getId(), IssueEscalation.Var.EXPIRED_LEVEL, 2);
            runtime.setVariable(instance.getId(), IssueEscalation.Var.ENTERED_LEVEL, 3);

            levelDeadlinePasses(instance, 1);

            assertThat(issue(instance).level()).isEqualTo(2);
            assertThat(instance).isWaitingAt(COORDINATE).isNotWaitingAt(DECIDE);
            assertThat(issues.events(instance.getBusinessKey())).filteredOn(e -> e.kind() == IssueEvent.Kind.DEADLINE_MISSED)
                    .singleElement().satisfies(e -> assertThat(e.level()).isEqualTo(1));
        }
    }

    /** Input a reporter or the project office can type that is refused: nothing is written. */
    @Nested
    class BadInput {

        private int issueCount() {
            return jdbc.queryForObject("select count(*) from issue", Integer.class);
        }

        private void refused(Map<String, Object> form, String field, String message) {
            int before = issueCount();
            identity.setAuthentication(OFFICER, List.of(OFFICER_UNIT));
            try {
                assertThatThrownBy(() -> runtime.startProcessInstanceByKey(IssueEscalation.KEY, form))
                        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining(message)
                        .satisfies(e -> assertThat((Object) ((FormFieldValidationException) e).getDetail()).isEqualTo(field));
            } finally {
                identity.clearAuthentication();
            }
            assertThat(issueCount()).isEqualTo(before);
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IssueEscalation.KEY).active().list())
                    .noneMatch(p -> p.getBusinessKey() == null);
        }

        @Test
        void unknownProjectIsRefused() {
            refused(Map.of("projectCode", "XM-0000-000", "category", "LAND", "description", "x"), "projectCode", "项目 XM-0000-000 不存在");
        }

        @Test
        void emptyDescriptionIsRefused() {
            refused(Map.of("projectCode", project, "category", "LAND", "description", "  "), "description", "请填写「问题描述」");
        }

        @Test
        void categoryOutsideTheListIsRefused() {
            refused(Map.of("projectCode", project, "category", "天气", "description", "连续降雨"), "category", "未知的问题类别「天气」");
        }

        @Test
        void deadlineInThePastIsRefusedAtTriage() {
            ProcessInstance instance = report("LAND", "NORMAL");
            Task triage = taskAt(instance, TRIAGE);
            assertThatThrownBy(() -> projectOfficeCompletes(triage, Map.of("leadUnit", "zrj", "majorLevel", "1", "deadline", "2026-10-30")))
                    .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("「办理期限」不能早于今天");
            assertThat(issue(instance).leadUnitCode()).isNull();
            assertThat(instance).isWaitingAt(TRIAGE);
        }

        @Test
        void transferToTheSameUnitIsRefused() {
            ProcessInstance instance = triaged("1", null);
            Task resolve = taskAt(instance, RESOLVE);
            assertThatThrownBy(() -> zrjCompletes(resolve, Map.of("outcome", "TRANSFER", "transferTo", "市自然资源和规划局", "transferReason", "x")))
                    .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("不能转办给本单位");
            assertThat(kinds(instance)).doesNotContain(IssueEvent.Kind.TRANSFER_REQUESTED);
        }

        @Test
        void unknownUnitAtTriageIsRefused() {
            ProcessInstance instance = report("LAND", "NORMAL");
            assertThatThrownBy(() -> projectOfficeCompletes(taskAt(instance, TRIAGE), Map.of("leadUnit", "市气象局", "majorLevel", "1")))
                    .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("未知的单位「市气象局」");
        }

        @Test
        void anEnterpriseTakesOnNoIssue() {
            ProcessInstance instance = report("LAND", "NORMAL");
            assertThatThrownBy(() -> projectOfficeCompletes(taskAt(instance, TRIAGE), Map.of("leadUnit", "华芯集成电路有限公司", "majorLevel", "1")))
                    .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("「华芯集成电路有限公司」是企业，不承办问题");
            assertThat(instance).isWaitingAt(TRIAGE);
        }
    }

}
