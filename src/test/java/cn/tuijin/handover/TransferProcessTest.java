package cn.tuijin.handover;

import static cn.tuijin.project.ProjectLifecycle.Element.CLAIM_SIGNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import cn.tuijin.TuijinProcessTest;
import cn.tuijin.project.LifecycleTestSupport;
import cn.tuijin.project.Stage;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The diagram task-transfer (申请转办): the holder's request starts it, the project office decides in
 * 审批转办申请 (due in its verification window); 同意 moves the task to the unit asked for (转交办理单位), 不同意 ends it
 * with nothing moved; a task completed while the request waited is not moved. The clock starts on Monday
 * 7 December 2026, 10:00.
 */
@TuijinProcessTest
class TransferProcessTest extends LifecycleTestSupport {

    @Autowired TransferService transfers;

    @BeforeEach
    void monday() {
        clockAt(LocalDateTime.of(2026, 12, 7, 10, 0));
    }

    /** A project of 住建局 negotiating its contract: its signing claim is open, offered to 住建局. */
    private Task signingClaim() {
        ProcessInstance lifecycleInstance = lifecycle.start(newProject(Stage.NEGOTIATING, LocalDate.of(2026, 12, 18),
                LocalDate.of(2027, 3, 1)));
        return taskAt(lifecycleInstance, CLAIM_SIGNING);
    }

    /** wangjg asks to hand the task to 市自然资源和规划局; returns the instance deciding it. */
    private ProcessInstance requested(Task task) {
        identity.setAuthentication(OFFICER, List.of(OFFICER_UNIT));
        try {
            transfers.request(task.getId(), "zrj", "土地出让合同由自然资源和规划局签订");
        } finally {
            identity.clearAuthentication();
        }
        return runtime.createProcessInstanceQuery().processDefinitionKey(TransferProcess.KEY)
                .processInstanceBusinessKey(runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                        .singleResult().getBusinessKey()).active().singleResult();
    }

    private Task decision(ProcessInstance instance) {
        return taskAt(instance, TransferProcess.Element.DECIDE);
    }

    private List<String> candidateGroups(String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    private String status(Task task) {
        return jdbc.queryForObject("select status from task_transfer where task_id = ? order by id desc fetch first 1 rows only",
                String.class, task.getId());
    }

    @Test
    void approvedTheTaskMovesToTheUnitAskedFor() {
        Task claim = signingClaim();
        ProcessInstance instance = requested(claim);

        assertThat(instance).isStarted().isWaitingAt(TransferProcess.Element.DECIDE);
        Task decision = decision(instance);
        assertThat(decision).hasCandidateGroup("projectOffice");
        assertThat(decision.getName()).isEqualTo("审批转办申请｜" + claim.getName() + " → 市自然资源和规划局");
        assertThat(decision.getDescription()).contains("由市住房城乡建设局申请转交市自然资源和规划局办理（申请人 王建国）", "土地出让合同由自然资源和规划局签订");
        assertThat(decision.getDueDate()).as("the project office's verification window").isNotNull();

        projectOfficeCompletes(decision, Map.of("approved", "true"));

        assertThat(instance).hasPassedInOrder(TransferProcess.Element.DECIDE, "Gateway_TransferApproved",
                TransferProcess.Element.APPLY, "EndEvent_Transferred").isEnded();
        assertThat(instance).hasNotPassed("EndEvent_Refused");
        assertThat(candidateGroups(claim.getId())).containsExactly("zrj");
        assertThat(status(claim)).isEqualTo("APPROVED");
    }

    @Test
    void refusedNothingMovesAndARefusalWithoutItsReasonIsRefused() {
        Task claim = signingClaim();
        ProcessInstance instance = requested(claim);
        Task decision = decision(instance);

        assertThatThrownBy(() -> projectOfficeCompletes(decision, Map.of("approved", "false")))
                .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("不同意转办时请填写「理由」");
        assertThat(instance).isWaitingAt(TransferProcess.Element.DECIDE);

        projectOfficeCompletes(decision, Map.of("approved", "false", "decisionNote", "签约由住建局牵头"));

        assertThat(instance).hasPassed("EndEvent_Refused").hasNotPassed(TransferProcess.Element.APPLY).isEnded();
        assertThat(candidateGroups(claim.getId())).containsExactly(OFFICER_UNIT);
        assertThat(status(claim)).isEqualTo("REFUSED");
    }

    @Test
    void aTaskCompletedWhileTheRequestWaitedStaysWhereItWasDone() {
        Task claim = signingClaim();
        ProcessInstance instance = requested(claim);
        officerCompletes(claim, Map.of("contractNo", "HT-2026-0101", "signDate", "2026-12-04", "contractAmount", 12000));

        projectOfficeCompletes(decision(instance), Map.of("approved", "true"));

        assertThat(instance).hasPassed(TransferProcess.Element.APPLY, "EndEvent_Transferred").isEnded();
        assertThat(status(claim)).isEqualTo("OBSOLETE");
    }
}
