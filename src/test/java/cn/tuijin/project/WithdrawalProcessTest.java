package cn.tuijin.project;

import static cn.tuijin.project.ProjectLifecycle.Element.CLAIM_START;
import static cn.tuijin.project.ProjectLifecycle.Element.VERIFY_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import cn.tuijin.TuijinProcessTest;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 撤回 on the lifecycle (also on PostgreSQL, as every process test): the start claim withdrawn before verification comes
 * back to its claimant with what he entered, its permit file and its deadline; the lifecycle goes on from there.
 * The clock starts on Monday 7 December 2026, 10:00.
 */
@TuijinProcessTest
class WithdrawalProcessTest extends LifecycleTestSupport {

    @Autowired ClaimWithdrawal withdrawals;

    @BeforeEach
    void monday() {
        clockAt(LocalDateTime.of(2026, 12, 7, 10, 0));
    }

    private <T> T as(String user, List<String> groups, java.util.function.Supplier<T> work) {
        identity.setAuthentication(user, groups);
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    private long pendingClaim(String code) {
        return jdbc.queryForObject("select id from stage_claim where project_code = ? and decision = 'PENDING'", Long.class, code);
    }

    @Test
    void aWithdrawnStartClaimComesBackWithItsValuesFileAndDeadlineAndIsClaimedAgain() {
        String code = newProject(Stage.SIGNED, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 12, 1));
        ProcessInstance instance = lifecycle.start(code);
        Task claim = taskAt(instance, CLAIM_START);
        tasks.claim(claim.getId(), OFFICER);
        officerAttachesThePermit(claim);
        officerCompletes(claim, Map.of("permitNo", "SG-2026-0901", "startDate", "2026-12-04"));
        assertThat(instance).isWaitingAt(VERIFY_START);
        long claimId = pendingClaim(code);
        assertThat(as(OFFICER, List.of(OFFICER_UNIT), withdrawals::mine)).extracting(p -> p.claim().id()).contains(claimId);

        // Nobody else may, not even the project office.
        assertThatThrownBy(() -> as("lina", List.of(OFFICER_UNIT), () -> withdrawals.withdraw(claimId)))
                .isInstanceOf(ForbiddenException.class);
        assertThat(instance).isWaitingAt(VERIFY_START);

        String verification = taskAt(instance, VERIFY_START).getId();
        Task back = as(OFFICER, List.of(OFFICER_UNIT), () -> withdrawals.withdraw(claimId));

        assertThat(instance).isWaitingAt(CLAIM_START).isNotWaitingAt(VERIFY_START);
        // Neither the project office (its verification is gone) nor his unit (the claim came back to him) is told of new work.
        assertThat(jdbc.queryForList("""
                select d.status from notification_delivery d join notification_outbox o on o.id = d.outbox_id
                where o.task_id in (?, ?) and d.event = 'TASK_ASSIGNED'""", String.class, verification, back.getId()))
                .isNotEmpty().containsOnly("DROPPED");
        assertThat(back.getAssignee()).isEqualTo(OFFICER);
        assertThat(back.getDueDate()).isEqualTo(claim.getDueDate());
        assertThat(tasks.getVariablesLocal(back.getId())).containsEntry("permitNo", "SG-2026-0901").containsEntry("startDate", "2026-12-04");
        assertThat(jdbc.queryForMap("select task_id, claim_id, submitted_at from evidence_file where project_code = ?", code))
                .containsEntry("TASK_ID", back.getId()).containsEntry("CLAIM_ID", null).containsEntry("SUBMITTED_AT", null);
        assertThat(jdbc.queryForObject("select decision from stage_claim where id = ?", String.class, claimId)).isEqualTo("WITHDRAWN");
        assertThatThrownBy(() -> as(OFFICER, List.of(OFFICER_UNIT), () -> withdrawals.withdraw(claimId)))
                .isInstanceOf(InvalidInputException.class).hasMessage("该申报已撤回");

        // Claimed again with the same file, approved: the lifecycle goes on to 竣工.
        officerCompletes(back, Map.of("permitNo", "SG-2026-0901", "startDate", "2026-12-03"));
        long again = pendingClaim(code);
        assertThat(jdbc.queryForObject("select count(*) from evidence_file where claim_id = ?", Integer.class, again)).isEqualTo(1);
        approve(instance, VERIFY_START);
        assertThat(project(code).stage()).isEqualTo(Stage.UNDER_CONSTRUCTION);
        assertThat(project(code).actualStartDate()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(instance).hasPassed(CLAIM_START, VERIFY_START);
        assertThatThrownBy(() -> as(OFFICER, List.of(OFFICER_UNIT), () -> withdrawals.withdraw(again)))
                .isInstanceOf(InvalidInputException.class).hasMessage("该申报已核验，不能撤回");
    }

    @Test
    void aLateClaimWithdrawnOrReturnedStaysOneMissedDeadlineUntilTheWorkIsFinallyDone() {
        String code = newProject(Stage.SIGNED, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 12, 9));
        ProcessInstance instance = lifecycle.start(code);
        Task claim = taskAt(instance, CLAIM_START);
        LocalDateTime due = LocalDateTime.ofInstant(claim.getDueDate().toInstant(), java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(fireTaskTimersBy(instance, CLAIM_START, due.plusHours(1))).isPositive();
        assertThat(accountabilityRecords(code, CLAIM_START)).isEqualTo(1);

        // Submitted late, withdrawn: the claim comes back with the deadline it missed; its timers fire again.
        tasks.claim(claim.getId(), OFFICER);
        officerAttachesThePermit(claim);
        officerCompletes(claim, Map.of("permitNo", "SG-2026-1209", "startDate", "2026-12-09"));
        assertThat(accountabilityRecord(code, CLAIM_START).get("COMPLETED_AT")).isNotNull();
        Task back = as(OFFICER, List.of(OFFICER_UNIT), () -> withdrawals.withdraw(pendingClaim(code)));
        assertThat(fireTaskTimersBy(instance, CLAIM_START, due.plusHours(2))).isPositive();

        Map<String, Object> record = accountabilityRecord(code, CLAIM_START);
        assertThat(accountabilityRecords(code, CLAIM_START)).as("one missed deadline, one record").isEqualTo(1);
        assertThat(record).containsEntry("TASK_ID", back.getId()).containsEntry("HOLDER_UNIT_CODE", OFFICER_UNIT)
                .containsEntry("COMPLETED_AT", null).containsEntry("WORKING_DAYS_LATE", null);
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where project_code = ? and event = 'OVERDUE'",
                Integer.class, code)).as("the holder was told of the missed deadline once").isEqualTo(1);

        // Submitted again, returned by the project office: still the same record, open until the last submission.
        officerCompletes(back, Map.of("permitNo", "SG-2026-1209", "startDate", "2026-12-09"));
        projectOfficeCompletes(taskAt(instance, VERIFY_START), Map.of("approved", "false", "returnReason", "许可证照片不清晰"));
        Task returned = taskAt(instance, CLAIM_START);
        fireTaskTimersBy(instance, CLAIM_START, due.plusDays(1));
        assertThat(accountabilityRecords(code, CLAIM_START)).isEqualTo(1);
        assertThat(accountabilityRecord(code, CLAIM_START)).containsEntry("TASK_ID", returned.getId()).containsEntry("COMPLETED_AT", null);
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where project_code = ? and event = 'OVERDUE'",
                Integer.class, code)).isEqualTo(1);

        clockAt(due.toLocalDate().plusDays(6).atTime(10, 0));
        officerAttachesThePermit(returned);
        officerCompletes(returned, Map.of("permitNo", "SG-2026-1209", "startDate", "2026-12-09"));
        approve(instance, VERIFY_START);
        record = accountabilityRecord(code, CLAIM_START);
        assertThat(record.get("COMPLETED_AT")).isEqualTo(java.sql.Timestamp.from(clock.now()));
        assertThat((Integer) record.get("WORKING_DAYS_LATE")).as("counted to the last submission").isGreaterThanOrEqualTo(4);
    }
}
