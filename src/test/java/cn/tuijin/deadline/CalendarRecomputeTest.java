package cn.tuijin.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.tuijin.TuijinProcessTest;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.calendar.YearCalendar;
import cn.tuijin.light.LightService;
import cn.tuijin.project.LifecycleTestSupport;
import cn.tuijin.project.ProjectLifecycle.Element;
import cn.tuijin.project.Stage;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Next year's holidays arriving: the open deadlines computed provisionally across 2027 (Monday–Friday) are counted
 * again — a verification keeps its 3 working days, a milestone keeps its planned date and only its warning moves —
 * with their rows (which the sweep marks by) and lights; a preview changes nothing. The 2027 data here is made up for the test (元旦 1–3
 * January), not the State Council's; every test leaves 2027 without data, as the other tests expect.
 */
@TuijinProcessTest
class CalendarRecomputeTest extends LifecycleTestSupport {

    private static final String TEST_2027 = """
            {"year": 2027, "notice": "测试通知（非正式数据）",
             "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
             "workdays": []}""";

    @Autowired WorkingDayCalendar calendar;
    @Autowired CalendarCorrections corrections;
    @Autowired DeadlineTracker tracker;
    @Autowired LightService lights;

    private List<String> provisionalBefore;
    private Optional<YearCalendar> year2027Before;

    @BeforeEach
    void wednesdayBeforeNewYear() {
        // 2027 starts without holiday data here, whatever the calendar files hold (put back after).
        year2027Before = calendar.calendarFor(2027);
        calendar.removeYear(2027);
        provisionalBefore = jdbc.queryForList("select task_id from task_deadline where provisional", String.class);
        clockAt(LocalDateTime.of(2026, 12, 30, 10, 0));
    }

    /** 2027 without data again, and the deadlines that touch it provisional again. */
    @AfterEach
    void leave2027WithoutData() {
        year2027Before.ifPresentOrElse(calendar::replaceYear, () -> calendar.removeYear(2027));
        jdbc.update("delete from calendar_year where \"year\" = 2027");
        jdbc.batchUpdate("update task_deadline set provisional = true where task_id = ?",
                provisionalBefore.stream().map(id -> new Object[] {id}).toList());
    }

    /** A verification opened on Wednesday 30 December 2026: 3 working days, provisionally 31 Dec, 1 Jan, 4 Jan. */
    private ProcessInstance verificationOpenedDecember30() {
        ProcessInstance instance = lifecycle.start(newProject(Stage.NEGOTIATING, LocalDate.of(2026, 12, 31), LocalDate.of(2027, 3, 1)));
        officerCompletes(taskAt(instance, Element.CLAIM_SIGNING),
                Map.of("contractNo", "HT-2027", "signDate", "2026-12-29", "contractAmount", 800));
        return instance;
    }

    private CalendarCorrections.Saved saveAsAdmin(String json) throws Exception {
        identity.setAuthentication("admin", List.of("camunda-admin"));
        try {
            return corrections.correct(2027, new ObjectMapper().readTree(json));
        } finally {
            identity.clearAuthentication();
        }
    }

    @Test
    void aVerificationDueInEarlyJanuaryMovesWhenNewYearsDayIsEntered() throws Exception {
        ProcessInstance instance = verificationOpenedDecember30();
        Task verify = taskAt(instance, Element.VERIFY_SIGNING);
        assertThat(verify.getDueDate()).isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2027, 1, 4)));
        assertThat(tracker.get(verify.getId()).provisional()).isTrue();
        assertThat(lights.get(instance.getBusinessKey()).provisional()).isTrue();

        CalendarCorrections.Saved saved = saveAsAdmin(TEST_2027);

        assertThat(saved.deadlines()).filteredOn(o -> o.deadline().taskId().equals(verify.getId()))
                .singleElement().satisfies(o -> assertThat(o.action()).isEqualTo(ProvisionalDeadline.Action.MOVE));
        Task moved = tasks.createTaskQuery().taskId(verify.getId()).singleResult();
        assertThat(moved.getDueDate()).as("31 Dec, 4 Jan, 5 Jan").isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2027, 1, 5)));
        assertThat(moved.getFollowUpDate()).isEqualTo(WorkingDayCalendar.startOf(LocalDate.of(2027, 1, 4)));
        assertThat(tracker.get(moved.getId()).dueAt()).as("the deadline the sweep marks").isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2027, 1, 5)).toInstant());
        assertThat(tracker.get(moved.getId()).warnAt()).as("the warning the sweep marks").isEqualTo(WorkingDayCalendar.startOf(LocalDate.of(2027, 1, 4)).toInstant());
        TaskDeadline row = tracker.get(verify.getId());
        assertThat(row.dueAt()).isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2027, 1, 5)).toInstant());
        assertThat(row.provisional()).isFalse();
        assertThat(lights.get(instance.getBusinessKey()).provisional()).as("light refreshed").isFalse();
        assertThat(calendar.hasDataFor(2027)).isTrue();

        clockAt(LocalDateTime.of(2027, 1, 5, 9, 0));
        sweep.sweep();
        assertThat(tracker.get(verify.getId()).overdue()).as("not late on the day it was provisionally due").isFalse();
        clockAt(LocalDateTime.of(2027, 1, 6, 9, 0));
        sweep.sweep();
        assertThat(tracker.get(verify.getId()).overdue()).as("late after the day it is due now").isTrue();
    }

    @Test
    void aMilestoneKeepsItsPlannedDateAndOnlyItsWarningIsCountedAgain() throws Exception {
        ProcessInstance instance = lifecycle.start(newProject(Stage.NEGOTIATING, LocalDate.of(2027, 1, 8), LocalDate.of(2027, 3, 1)));
        Task claim = taskAt(instance, Element.CLAIM_SIGNING);
        assertThat(claim.getFollowUpDate()).as("5 working days before, Monday–Friday")
                .isEqualTo(WorkingDayCalendar.startOf(LocalDate.of(2027, 1, 1)));

        saveAsAdmin(TEST_2027);

        Task after = tasks.createTaskQuery().taskId(claim.getId()).singleResult();
        assertThat(after.getDueDate()).isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2027, 1, 8)));
        assertThat(after.getFollowUpDate()).isEqualTo(WorkingDayCalendar.startOf(LocalDate.of(2026, 12, 31)));
        assertThat(tracker.get(after.getId()).warnAt()).as("the warning the sweep marks").isEqualTo(WorkingDayCalendar.startOf(LocalDate.of(2026, 12, 31)).toInstant());
        assertThat(tracker.get(after.getId()).dueAt()).as("the deadline the sweep marks").isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2027, 1, 8)).toInstant());
        assertThat(tracker.get(claim.getId()).provisional()).isFalse();
    }

    @Test
    void aPreviewChangesNothing() throws Exception {
        ProcessInstance instance = verificationOpenedDecember30();
        Task verify = taskAt(instance, Element.VERIFY_SIGNING);
        identity.setAuthentication("admin", List.of("camunda-admin"));
        CalendarCorrections.Preview preview;
        try {
            preview = corrections.preview(2027, new ObjectMapper().readTree(TEST_2027));
        } finally {
            identity.clearAuthentication();
        }

        assertThat(preview.deadlines()).filteredOn(o -> o.deadline().taskId().equals(verify.getId())).singleElement()
                .satisfies(o -> assertThat(o.newDueAt()).isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2027, 1, 5)).toInstant()));
        assertThat(calendar.hasDataFor(2027)).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from calendar_year where \"year\" = 2027", Integer.class)).isZero();
        Task same = tasks.createTaskQuery().taskId(verify.getId()).singleResult();
        assertThat(same.getDueDate()).isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2027, 1, 4)));
        assertThat(tracker.get(same.getId()).dueAt()).as("the deadline the sweep marks").isEqualTo(WorkingDayCalendar.endOf(LocalDate.of(2027, 1, 4)).toInstant());
        assertThat(tracker.get(verify.getId()).provisional()).isTrue();
    }
}
