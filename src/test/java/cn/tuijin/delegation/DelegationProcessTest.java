package cn.tuijin.delegation;

import static cn.tuijin.issue.IssueEscalation.Element.COORDINATE;
import static cn.tuijin.issue.IssueEscalation.Element.TRIAGE;
import static cn.tuijin.project.ProjectLifecycle.Element.CLAIM_SIGNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.tuijin.TuijinProcessTest;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.issue.IssueEscalation;
import cn.tuijin.issue.IssueService;
import cn.tuijin.project.LifecycleTestSupport;
import cn.tuijin.project.Stage;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Delegations on the processes: a deadline that passes while the delegate holds the task is recorded against the
 * officer away, naming the delegate as acting, and both are reminded; a leader's coordination task, offered to him
 * alone, reaches his secretary while he is away, and its missed level names both. The clock starts on Monday
 * 21 September 2026, 9:00.
 */
@TuijinProcessTest
class DelegationProcessTest extends LifecycleTestSupport {

    @Autowired DelegationService delegations;
    @Autowired IssueService issues;

    @BeforeEach
    void monday() {
        clockAt(LocalDateTime.of(2026, 9, 21, 9, 0));
    }

    @AfterEach
    void endWhatWasMade() {
        for (var row : jdbc.queryForList("select id, delegator_id from delegation where ended_at is null")) {
            delegations.end((String) row.get("DELEGATOR_ID"), ((Number) row.get("ID")).longValue());
        }
    }

    @Test
    void aDeadlinePassingWhileLinaHoldsWangjgsTaskIsRecordedAgainstHimWithHerActing() {
        ProcessInstance instance = lifecycle.start(newProject(Stage.NEGOTIATING, LocalDate.of(2026, 10, 16), LocalDate.of(2026, 12, 1)));
        Task signing = taskAt(instance, CLAIM_SIGNING);
        tasks.claim(signing.getId(), OFFICER);
        delegations.delegate(OFFICER, new DelegationService.Request("lina", "2026-09-21", "2026-10-31", "LEAVE", "赴省厅跟班学习"));
        assertThat(taskAt(instance, CLAIM_SIGNING).getAssignee()).isEqualTo("lina");
        assertThat(jdbc.queryForList("select body from notification_outbox where task_id = ? and event = 'TASK_ASSIGNED' and recipient_user = 'lina'",
                String.class, signing.getId())).as("she is told on whose behalf").anyMatch(body -> body.contains("由您代 王建国 办理"));

        fireTaskTimersBy(instance, CLAIM_SIGNING, LocalDateTime.of(2026, 10, 19, 9, 0));

        assertThat(accountabilityRecord(instance.getBusinessKey(), CLAIM_SIGNING))
                .containsEntry("HOLDER_UNIT_CODE", OFFICER_UNIT).containsEntry("HOLDER_USER_ID", OFFICER).containsEntry("ACTING_USER_ID", "lina");
        assertThat(jdbc.queryForList("select recipient_user from notification_outbox where task_id = ? and event = 'OVERDUE'",
                String.class, signing.getId())).as("the reminder to her, a copy to him").containsExactlyInAnyOrder("lina", OFFICER);
        assertThat(jdbc.queryForObject("select body from notification_outbox where task_id = ? and event = 'OVERDUE' and recipient_user = ?",
                String.class, signing.getId(), OFFICER)).contains("您委托 李娜 代为办理").contains("责任人为您");
    }

    @Test
    void aLeadersCoordinationTaskReachesHisSecretaryWhileHeIsAway() {
        String project = newProject(Stage.SIGNED, LocalDate.of(2026, 6, 1), LocalDate.of(2027, 3, 1));   // leader: mazy
        delegations.delegate("mazy", new DelegationService.Request("yangl", "2026-09-21", "2026-10-31", "TRAVEL", null));

        ProcessInstance instance = reportedAndTriagedToLevelTwo(project);
        Task coordinate = taskAt(instance, COORDINATE);
        assertThat(coordinate.getOwner()).isEqualTo("mazy");
        assertThat(coordinate.getAssignee()).as("in his secretary's 我的待办").isEqualTo("yangl");

        clockAt(LocalDateTime.ofInstant(issues.get(instance.getBusinessKey()).levelDueAt(), WorkingDayCalendar.ZONE).plusMinutes(1));
        Job expired = management.createJobQuery().processInstanceId(instance.getId()).activityId("BoundaryEvent_Level2Expired").singleResult();
        management.executeJob(expired.getId());
        management.executeJob(management.createJobQuery().processInstanceId(instance.getId()).activityId("Task_EscalateFromLevel2")
                .singleResult().getId());

        assertThat(accountabilityRecord(project, COORDINATE)).containsEntry("HOLDER_USER_ID", "mazy").containsEntry("ACTING_USER_ID", "yangl");
    }

    private ProcessInstance reportedAndTriagedToLevelTwo(String project) {
        Map<String, Object> form = new HashMap<>(Map.of("projectCode", project, "category", "LAND_CLEARANCE",
                "description", "地块内尚有3户未完成拆迁", "supportNeeded", "请自然资源局牵头协调补偿标准", "severity", "NORMAL"));
        identity.setAuthentication(OFFICER, List.of(OFFICER_UNIT));
        ProcessInstance instance;
        try {
            instance = runtime.startProcessInstanceByKey(IssueEscalation.KEY, form);
        } finally {
            identity.clearAuthentication();
        }
        projectOfficeCompletes(taskAt(instance, TRIAGE), Map.of("leadUnit", "市自然资源和规划局", "majorLevel", "2"));
        return instance;
    }
}
