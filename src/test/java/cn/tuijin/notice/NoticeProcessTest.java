package cn.tuijin.notice;

import static cn.tuijin.notice.NoticeProcess.Element.ANSWER;
import static cn.tuijin.notice.NoticeProcess.Element.FOLLOW_UP;
import static cn.tuijin.notice.NoticeProcess.Element.RAISE;
import static cn.tuijin.notice.NoticeProcess.Element.REVIEW;
import static cn.tuijin.project.ProjectLifecycle.Element.CLAIM_SIGNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import cn.tuijin.TuijinProcessTest;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlineKind;
import cn.tuijin.deadline.DeadlineTracker;
import cn.tuijin.deadline.Deadlines;
import cn.tuijin.light.Light;
import cn.tuijin.light.LightService;
import cn.tuijin.project.LifecycleTestSupport;
import cn.tuijin.project.Stage;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Supervision notices (督办单) from issue to closure, with the engine clock moved by the tests. The clock starts on
 * Monday 2 November 2026, 9:00; the overdue item is the signing claim of a test project (lead unit 住建局, zjj;
 * contracting leader 马志远, mazy), due on Friday 16 October. The supervisor is 黄振华 (huangzh) of 督查室.
 */
@TuijinProcessTest
class NoticeProcessTest extends LifecycleTestSupport {

    private static final String SUPERVISOR = "huangzh";
    private static final List<String> SUPERVISOR_GROUPS = List.of("supervisors", "dcs");
    private static final String REQUIREMENT = "立即完成签约申报，并书面说明逾期原因";

    @Autowired NoticeService notices;
    @Autowired LightService lights;
    @Autowired DeadlineTracker tracker;

    private String project;
    private Task item;

    @BeforeEach
    void mondayAndAnOverdueSigningClaim() {
        clockAt(LocalDateTime.of(2026, 11, 2, 9, 0));
        project = newProject(Stage.NEGOTIATING, LocalDate.of(2026, 10, 16), LocalDate.of(2027, 3, 1));
        item = taskAt(lifecycle.start(project), CLAIM_SIGNING);
    }

    /** Another test project whose signing claim is overdue (or not, with a later planned date). */
    private Task signingClaim(LocalDate plannedSign) {
        return taskAt(lifecycle.start(newProject(Stage.NEGOTIATING, plannedSign, LocalDate.of(2027, 3, 1))), CLAIM_SIGNING);
    }

    private Notice issue(Task task, Integer workingDays, LocalDate dueDate, String requirement) {
        return issue(task.getId(), workingDays, dueDate, requirement);
    }

    private Notice issue(String taskId, Integer workingDays, LocalDate dueDate, String requirement) {
        identity.setAuthentication(SUPERVISOR, SUPERVISOR_GROUPS);
        try {
            return notices.issue(taskId, workingDays, dueDate, requirement);
        } finally {
            identity.clearAuthentication();
        }
    }

    private Notice issue(Task task) {
        return issue(task, null, null, REQUIREMENT);
    }

    private ProcessInstance process(Notice notice) {
        return runtime.createProcessInstanceQuery().processInstanceId(notice.processInstanceId()).singleResult();
    }

    private List<NoticeEvent.Kind> kinds(Notice notice) {
        return notices.events(notice.id()).stream().map(NoticeEvent::kind).toList();
    }

    private List<String> candidates(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .map(l -> l.getGroupId() != null ? l.getGroupId() : l.getUserId()).toList();
    }

    private void supervisorCompletes(Task task, Map<String, Object> values) {
        completeAs(SUPERVISOR, SUPERVISOR_GROUPS, task, values);
    }

    private void leaderCompletes(Task task, Map<String, Object> values) {
        completeAs("mazy", List.of("leaders"), task, values);
    }

    /** Runs the asynchronous step that raises a missed notice to the leader. */
    private void raiseToLeader(ProcessInstance instance) {
        Job raise = management.createJobQuery().processInstanceId(instance.getId()).activityId(RAISE).singleResult();
        management.executeJob(raise.getId());
    }

    @Test
    void unitAnswersAndTheSupervisorAcceptsTheRectification() {
        Notice notice = issue(item);
        assertThat(notice.number()).isEqualTo("督办〔2026〕第" + notice.seq() + "号");
        assertThat(notice.status()).isEqualTo(Notice.Status.OPEN);
        assertThat(notice.unitCode()).isEqualTo("zjj");
        assertThat(notice.itemName()).isEqualTo(item.getName());
        assertThat(notice.workingDays()).isEqualTo(5);
        // The policy's five working days from Monday 2 November: Monday 9 November.
        assertThat(notice.dueAt()).isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2026, 11, 9)).toInstant());
        ProcessInstance instance = process(notice);
        assertThat(instance.getBusinessKey()).isEqualTo(notice.number());
        assertThat(runtime.getVariables(instance.getId())).isEmpty();

        Task answer = taskAt(instance, ANSWER);
        assertThat(candidates(answer)).containsExactly("zjj");
        assertThat(answer.getName()).isEqualTo("报送整改情况｜" + notice.number() + " " + item.getName());
        assertThat(answer.getDueDate()).isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2026, 11, 9)));
        assertThat(answer.getFollowUpDate()).isEqualTo(WorkingDayCalendar.startOf(LocalDate.of(2026, 11, 6)));
        assertThat(tasks.getVariableLocal(answer.getId(), "noticeInfo")).asString().contains(notice.number(), REQUIREMENT, "2026-11-09");
        assertThat(tracker.get(answer.getId()).kind()).isEqualTo(DeadlineKind.NOTICE);

        officerCompletes(answer, Map.of("rectification", "已完成合同签署，今日申报签约"));
        assertThat(notices.get(notice.id()).status()).isEqualTo(Notice.Status.ANSWERED);
        assertThat(runtime.getVariables(instance.getId())).isEmpty();
        Task review = taskAt(instance, REVIEW);
        assertThat(candidates(review)).containsExactly("supervisors");
        assertThat(tasks.getVariableLocal(review.getId(), "answerInfo")).asString().contains("已完成合同签署", OFFICER);
        supervisorCompletes(review, Map.of("accepted", "true"));

        assertThat(instance).isEnded().hasPassed(NoticeProcess.Element.CLOSED);
        Notice closed = notices.get(notice.id());
        assertThat(closed.status()).isEqualTo(Notice.Status.CLOSED);
        assertThat(closed.answeredBy()).isEqualTo(OFFICER);
        assertThat(closed.reviewedBy()).isEqualTo(SUPERVISOR);
        assertThat(closed.closedAt()).isNotNull();
        assertThat(closed.raisedToLeader()).isFalse();
        assertThat(kinds(notice)).containsExactly(NoticeEvent.Kind.ISSUED, NoticeEvent.Kind.ANSWERED, NoticeEvent.Kind.ACCEPTED);
        assertThat(tracker.get(answer.getId()).open()).isFalse();
        assertThat(accountabilityRecords(project, ANSWER)).isZero();
        // Once closed, the item may get another notice.
        assertThat(issue(item).seq()).isEqualTo(notice.seq() + 1);
    }

    @Test
    void rejectedAnswerGoesBackToTheUnitWithTheReasonOnItsForm() {
        Notice notice = issue(item);
        ProcessInstance instance = process(notice);
        Task first = taskAt(instance, ANSWER);
        officerCompletes(first, Map.of("rectification", "正在协调企业签约"));
        Task review = taskAt(instance, REVIEW);
        assertThatThrownBy(() -> supervisorCompletes(review, Map.of("accepted", "false")))
                .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("退回时请填写「退回理由」");
        assertThat(instance).isWaitingAt(REVIEW);

        clockAt(LocalDateTime.of(2026, 11, 4, 10, 0)); // Wednesday
        supervisorCompletes(review, Map.of("accepted", "false", "reviewNote", "未说明逾期原因，也没有完成时限"));
        Task again = taskAt(instance, ANSWER);
        assertThat(again.getId()).isNotEqualTo(first.getId());
        assertThat(candidates(again)).containsExactly("zjj");
        assertThat(tasks.getVariableLocal(again.getId(), "returnReason")).isEqualTo("未说明逾期原因，也没有完成时限");
        assertThat(again.getDescription()).contains("退回理由：未说明逾期原因");
        // A new round: the policy's five working days from Wednesday 4 November, later than the first deadline.
        assertThat(again.getDueDate()).isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2026, 11, 11)));
        Notice returned = notices.get(notice.id());
        assertThat(returned.status()).isEqualTo(Notice.Status.RETURNED);
        assertThat(returned.reviewNote()).isEqualTo("未说明逾期原因，也没有完成时限");

        officerCompletes(again, Map.of("rectification", "已签约；逾期原因为企业法定代表人变更，已于11月3日完成"));
        supervisorCompletes(taskAt(instance, REVIEW), Map.of("accepted", "true"));
        assertThat(instance).isEnded();
        assertThat(notices.get(notice.id()).answerCount()).isEqualTo(2);
        assertThat(kinds(notice)).containsExactly(NoticeEvent.Kind.ISSUED, NoticeEvent.Kind.ANSWERED, NoticeEvent.Kind.RETURNED,
                NoticeEvent.Kind.ANSWERED, NoticeEvent.Kind.ACCEPTED);
    }

    @Test
    void missedNoticeDeadlineIsRecordedOnceAgainstTheUnitAndRaisedToTheLeader() {
        Notice notice = issue(item);
        ProcessInstance instance = process(notice);
        Task answer = taskAt(instance, ANSWER);

        fireTaskTimersBy(instance, ANSWER, LocalDateTime.of(2026, 11, 6, 9, 0)); // the warning window opens
        assertThat(jdbc.queryForList("select event from notification_outbox where task_id = ? order by id", String.class, answer.getId()))
                .containsExactly("TASK_ASSIGNED", "DUE_SOON");
        assertThat(fireTaskTimersBy(instance, ANSWER, LocalDateTime.of(2026, 11, 10, 9, 0))).isEqualTo(1);
        raiseToLeader(instance);

        assertThat(accountabilityRecords(project, ANSWER)).isEqualTo(1);
        assertThat(accountabilityRecord(project, ANSWER)).containsEntry("HOLDER_UNIT_CODE", "zjj")
                .containsEntry("HOLDER_USER_ID", "").containsEntry("KIND", "NOTICE").containsEntry("TASK_ID", answer.getId());
        assertThat(jdbc.queryForObject("select recipient_group from notification_outbox where task_id = ? and event = 'OVERDUE'",
                String.class, answer.getId())).isEqualTo("zjj");
        Task followUp = taskAt(instance, FOLLOW_UP);
        assertThat(candidates(followUp)).containsExactly("mazy");
        assertThat(followUp.getName()).isEqualTo("督办事项（已逾期）｜" + notice.number() + " " + item.getName());
        Notice raised = notices.get(notice.id());
        assertThat(raised.raisedToLeader()).isTrue();
        assertThat(raised.leaderId()).isEqualTo("mazy");
        assertThat(raised.status()).isEqualTo(Notice.Status.ESCALATED);
        assertThat(notices.events(notice.id()).get(1).text()).contains("已记入问责", "马志远");
        assertThat(instance).isWaitingAt(ANSWER, FOLLOW_UP);
        assertThat(lights.get(project).light()).isEqualTo(Light.RED);
        assertThat(lights.get(project).reason()).contains("报送整改情况｜" + notice.number());
        assertThat(fireTaskTimersBy(instance, ANSWER, LocalDateTime.of(2026, 11, 10, 10, 0))).as("the deadline fires once").isZero();

        leaderCompletes(followUp, Map.of("followUpNote", "已约谈住建局分管负责人，要求11月12日前报送"));
        clockAt(LocalDateTime.of(2026, 11, 12, 15, 0)); // Thursday: three working days late
        officerCompletes(taskAt(instance, ANSWER), Map.of("rectification", "已完成签约申报"));
        supervisorCompletes(taskAt(instance, REVIEW), Map.of("accepted", "true"));

        assertThat(instance).isEnded();
        assertThat(kinds(notice)).containsExactly(NoticeEvent.Kind.ISSUED, NoticeEvent.Kind.RAISED, NoticeEvent.Kind.FOLLOWED_UP,
                NoticeEvent.Kind.ANSWERED, NoticeEvent.Kind.ACCEPTED);
        assertThat(notices.events(notice.id()).get(3).text()).contains("逾期 3 个工作日");
        assertThat(accountabilityRecords(project, ANSWER)).isEqualTo(1);
        assertThat(accountabilityRecord(project, ANSWER).get("WORKING_DAYS_LATE")).isEqualTo(3);
        Notice closed = notices.get(notice.id());
        assertThat(closed.status()).isEqualTo(Notice.Status.CLOSED);
        assertThat(closed.raisedToLeader()).isTrue();
    }

    @Test
    void missedNoticeDeadlineRunOnTwoNodesAtOnceIsRecordedAndRaisedOnce() throws Exception {
        ProcessInstance instance = process(issue(item));
        Task answer = taskAt(instance, ANSWER);
        clockAt(LocalDateTime.of(2026, 11, 10, 9, 0));
        Job overdue = management.createJobQuery().processInstanceId(instance.getId())
                .activityId(NoticeProcess.Element.ANSWER_OVERDUE).singleResult();
        assertThat(executeOnNodesAtOnce(overdue.getId(), 2)).isGreaterThanOrEqualTo(1);
        assertThat(accountabilityRecords(project, ANSWER)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where task_id = ? and event = 'OVERDUE'",
                Integer.class, answer.getId())).isEqualTo(1);
        raiseToLeader(instance);
        assertThat(tasksAt(instance, FOLLOW_UP)).hasSize(1);
    }

    @Test
    void acceptingTheRectificationEndsTheLeadersFollowUp() {
        Notice notice = issue(item, null, LocalDate.of(2026, 11, 5), REQUIREMENT);
        assertThat(notice.workingDays()).isNull();
        assertThat(notice.dueAt()).isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2026, 11, 5)).toInstant());
        ProcessInstance instance = process(notice);
        // Due soon first (the sweep marks it), then overdue (the notice's own timer: the leader is to follow it up).
        Instant warnAt = tracker.get(taskAt(instance, ANSWER).getId()).warnAt();
        assertThat(fireTaskTimersBy(instance, ANSWER, LocalDateTime.ofInstant(warnAt, WorkingDayCalendar.ZONE).plusMinutes(1)))
                .as("due soon").isEqualTo(1);
        assertThat(fireTaskTimersBy(instance, ANSWER, LocalDateTime.of(2026, 11, 6, 9, 0))).as("overdue").isEqualTo(1);
        raiseToLeader(instance);
        Task followUp = taskAt(instance, FOLLOW_UP);

        officerCompletes(taskAt(instance, ANSWER), Map.of("rectification", "已完成签约申报"));
        supervisorCompletes(taskAt(instance, REVIEW), Map.of("accepted", "true"));
        assertThat(instance).isEnded();
        assertThat(tracker.get(followUp.getId()).open()).isFalse();
        assertThat(lights.get(project).reason()).doesNotContain(notice.number());
    }

    @Test
    void lateReviewAndLateFollowUpAreRecordedAgainstTheirHolders() {
        Notice notice = issue(item, 1, null, REQUIREMENT); // due Tuesday 3 November
        ProcessInstance instance = process(notice);
        fireTaskTimersBy(instance, ANSWER, LocalDateTime.of(2026, 11, 4, 9, 0));
        raiseToLeader(instance);
        officerCompletes(taskAt(instance, ANSWER), Map.of("rectification", "已完成签约申报"));

        fireTaskTimersBy(instance, REVIEW, LocalDateTime.of(2026, 11, 12, 9, 0));
        fireTaskTimersBy(instance, FOLLOW_UP, LocalDateTime.of(2026, 11, 12, 9, 0));
        assertThat(accountabilityRecord(project, REVIEW)).containsEntry("HOLDER_UNIT_CODE", "dcs").containsEntry("KIND", "VERIFICATION");
        assertThat(accountabilityRecord(project, FOLLOW_UP)).containsEntry("HOLDER_USER_ID", "mazy").containsEntry("KIND", "NOTICE");
        assertThat(accountabilityRecords(project, ANSWER)).isEqualTo(1);
        assertThat(instance).isWaitingAt(REVIEW, FOLLOW_UP);
    }

    @Test
    void noticesAreNumberedInTheirYearWithoutGapsAndFromOneAgainInTheNextYear() {
        Task second = signingClaim(LocalDate.of(2026, 10, 20));
        Task third = signingClaim(LocalDate.of(2026, 10, 21));
        Notice first = issue(item);
        assertThatThrownBy(() -> issue(second, 0, null, REQUIREMENT)).isInstanceOf(InvalidInputException.class);
        Notice next = issue(second);
        assertThat(next.number()).isEqualTo("督办〔2026〕第" + (first.seq() + 1) + "号");

        // the first year without a notice, whatever the suite's day (the demo city issues one before its seeding day)
        int year = jdbc.queryForObject("select max(notice_year) from notice", Integer.class) + 1;
        clockAt(LocalDateTime.of(year, 1, 4, 9, 0));
        Notice newYear = issue(third);
        assertThat(newYear.number()).isEqualTo("督办〔" + year + "〕第1号");
        assertThat(newYear.year()).isEqualTo(year);
        assertThat(newYear.seq()).isEqualTo(1);
    }

    @Test
    void twoSupervisorsIssuingAtOnceGetConsecutiveNumbers() throws Exception {
        List<Task> items = List.of(signingClaim(LocalDate.of(2026, 10, 22)), signingClaim(LocalDate.of(2026, 10, 23)));
        int last = jdbc.queryForObject("select coalesce(max(notice_seq), 0) from notice where notice_year = 2026", Integer.class);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService supervisors = Executors.newFixedThreadPool(2);
        List<Future<Notice>> runs = new ArrayList<>();
        for (Task t : items) {
            runs.add(supervisors.submit(() -> {
                start.await();
                return issue(t);
            }));
        }
        start.countDown();
        List<Integer> numbers = new ArrayList<>();
        for (Future<Notice> run : runs) {
            numbers.add(run.get(30, TimeUnit.SECONDS).seq());
        }
        supervisors.shutdown();
        assertThat(numbers).containsExactlyInAnyOrder(last + 1, last + 2);
    }

    /** Refused input: a Chinese message naming the field, and nothing written. */
    @Nested
    class Refused {

        private int rows(String table) {
            return jdbc.queryForObject("select count(*) from " + table, Integer.class);
        }

        private void refused(ThrowingCallable call, String field, String message) {
            int notices = rows("notice");
            int events = rows("notice_event");
            long instances = runtime.createProcessInstanceQuery().processDefinitionKey(NoticeProcess.KEY).count();
            assertThatThrownBy(call).isInstanceOf(InvalidInputException.class).hasMessageContaining(message)
                    .extracting(e -> ((InvalidInputException) e).field()).isEqualTo(field);
            assertThat(rows("notice")).isEqualTo(notices);
            assertThat(rows("notice_event")).isEqualTo(events);
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(NoticeProcess.KEY).count()).isEqualTo(instances);
        }

        @Test
        void itemNotYetOverdue() {
            Task onTime = signingClaim(LocalDate.of(2026, 12, 15));
            refused(() -> issue(onTime), "taskId", "尚未逾期（期限 2026-12-15），不能下发督办单");
        }

        @Test
        void unknownItem() {
            refused(() -> issue("no-such-task", null, null, REQUIREMENT), "taskId", "事项 no-such-task 不存在或已办结");
        }

        @Test
        void secondNoticeWhileTheFirstIsOpen() {
            Notice open = issue(item);
            refused(() -> issue(item), "taskId", "已有督办单 " + open.number() + " 尚未办结");
        }

        @Test
        void emptyRequirement() {
            refused(() -> issue(item, null, null, "  "), "requirement", "请填写「整改要求」");
            refused(() -> issue(item, null, null, null), "requirement", "请填写「整改要求」");
        }

        @Test
        void zeroOrNegativeWorkingDays() {
            refused(() -> issue(item, 0, null, REQUIREMENT), "workingDays", "「整改期限」须为1到60个工作日");
            refused(() -> issue(item, -3, null, REQUIREMENT), "workingDays", "「整改期限」须为1到60个工作日");
        }

        @Test
        void dateNotAfterTodayOrBothDaysAndDate() {
            refused(() -> issue(item, null, LocalDate.of(2026, 11, 2), REQUIREMENT), "dueDate", "「整改截止日期」须晚于今天（2026-11-02）");
            refused(() -> issue(item, 5, LocalDate.of(2026, 11, 20), REQUIREMENT), "workingDays", "只能填写一项");
        }

        @Test
        void onlySupervisorsIssueNotices() {
            int before = rows("notice");
            identity.setAuthentication(OFFICER, List.of(OFFICER_UNIT));
            try {
                assertThatThrownBy(() -> notices.issue(item.getId(), null, null, REQUIREMENT))
                        .isInstanceOf(ForbiddenException.class).hasMessageContaining("只有督查室");
            } finally {
                identity.clearAuthentication();
            }
            assertThatThrownBy(() -> notices.issue(item.getId(), null, null, REQUIREMENT)).isInstanceOf(ForbiddenException.class);
            assertThat(rows("notice")).isEqualTo(before);
        }

        @Test
        void emptyRectificationReport() {
            Notice notice = issue(item);
            ProcessInstance instance = process(notice);
            assertThatThrownBy(() -> officerCompletes(taskAt(instance, ANSWER), Map.of("rectification", " ")))
                    .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("请填写「整改情况」");
            assertThat(instance).isWaitingAt(ANSWER);
            assertThat(notices.get(notice.id()).status()).isEqualTo(Notice.Status.OPEN);
        }

        @Test
        void supervisorsCompleteTheReviewButNotTheUnitsAnswer() {
            ProcessInstance instance = process(issue(item));
            // the engine's doors refuse it before Camunda's authorization would: the answer is the unit's
            assertThatThrownBy(() -> supervisorCompletes(taskAt(instance, ANSWER), Map.of("rectification", "代为报送")))
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("不能办理");
            officerCompletes(taskAt(instance, ANSWER), Map.of("rectification", "已完成签约申报"));
            assertThatThrownBy(() -> officerCompletes(taskAt(instance, REVIEW), Map.of("accepted", "true")))
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("不能办理");
            supervisorCompletes(taskAt(instance, REVIEW), Map.of("accepted", "true"));
            assertThat(instance).isEnded();
        }
    }

    /**
     * Process data that got into the engine somehow — written here by the application itself, without a user — decides
     * nothing: the notice a task or step acts on is the one whose number is the instance's business key.
     */
    @Nested
    class ForgedProcessData {

        @Test
        void aProjectCodeWrittenIntoTheProcessDoesNotChooseTheProjectTheAnswersTimerRecordsTheDeadlineFor() {
            Notice notice = issue(item);
            ProcessInstance instance = process(notice);
            Task answer = taskAt(instance, ANSWER);
            String other = newProject(Stage.NEGOTIATING, LocalDate.of(2026, 10, 16), LocalDate.of(2027, 3, 1));
            // A deadline never recorded (a task older than the deadline engine): the notice's timer describes it from the engine.
            jdbc.update("delete from task_deadline where task_id = ?", answer.getId());
            runtime.setVariable(instance.getId(), "projectCode", other); // the variable the timers read before issue 14

            fireTaskTimersBy(instance, ANSWER, LocalDateTime.ofInstant(notice.dueAt(), WorkingDayCalendar.ZONE).plusMinutes(1));

            assertThat(jdbc.queryForObject("select project_code from task_deadline where task_id = ?", String.class, answer.getId()))
                    .isEqualTo(project);
            assertThat(accountabilityRecords(project, ANSWER)).isEqualTo(1);
            assertThat(accountabilityRecords(other, ANSWER)).isZero();
        }

        @Test
        void aNoticeIdWrittenIntoTheProcessDoesNotChooseTheNoticeAnsweredSentBackOrRaised() {
            Notice notice = issue(item);
            Notice other = issue(signingClaim(LocalDate.of(2026, 10, 20)), 10, null, "另一项逾期事项的整改要求");
            ProcessInstance instance = process(notice);
            Task answer = taskAt(instance, ANSWER);

            tasks.setVariableLocal(answer.getId(), NoticeProcess.Var.NOTICE_ID, other.id());
            runtime.setVariable(instance.getId(), NoticeProcess.Var.NOTICE_ID, other.id());
            officerCompletes(answer, Map.of("rectification", "已完成签约申报"));
            assertThat(notices.get(notice.id()).status()).isEqualTo(Notice.Status.ANSWERED);
            assertThat(notices.get(other.id()).status()).isEqualTo(Notice.Status.OPEN);
            assertThat(notices.get(other.id()).answer()).isNull();

            // Sent back: the new round's task has this notice's new deadline (five working days from Wednesday), not
            // the other's (16 November).
            clockAt(LocalDateTime.of(2026, 11, 4, 10, 0));
            supervisorCompletes(taskAt(instance, REVIEW), Map.of("accepted", "false", "reviewNote", "未说明逾期原因"));
            Task again = taskAt(instance, ANSWER);
            assertThat(again.getDueDate()).isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2026, 11, 11)));
            assertThat(again.getName()).contains(notice.number());

            // Its deadline passes: this notice goes to the leader, the other stays with its unit.
            fireTaskTimersBy(instance, ANSWER, LocalDateTime.of(2026, 11, 12, 9, 0));
            raiseToLeader(instance);
            assertThat(notices.get(notice.id()).raisedToLeader()).isTrue();
            assertThat(notices.get(other.id()).raisedToLeader()).isFalse();
            assertThat(kinds(other)).containsExactly(NoticeEvent.Kind.ISSUED);
        }
    }
}
