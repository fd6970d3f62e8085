package cn.tuijin.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import cn.tuijin.TuijinTest;
import cn.tuijin.issue.IssueEscalation;
import cn.tuijin.notice.NoticeProcess;
import cn.tuijin.project.ProjectLifecycle;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What {@link DeadlineWiring} gives the deployed diagrams, seen where an administrator sees it (the job definitions of
 * each process in Cockpit): every user task with a deadline has its warning and deadline timers, except where the
 * process itself moves on at that deadline; a diagram that draws its own wiring keeps it and gets nothing twice.
 */
@TuijinTest
class DeadlineWiringTest {

    private static final String KEY = "deadline-wiring-drawn";

    @Autowired RepositoryService repository;
    @Autowired ManagementService management;

    private final List<String> deployments = new ArrayList<>();

    @AfterEach
    void undeploy() {
        deployments.forEach(id -> repository.deleteDeployment(id, true));
    }

    @Test
    void everyLifecycleTaskHasItsWarningAndItsDeadline() {
        ProcessDefinition lifecycle = latest(ProjectLifecycle.KEY);
        List<String> tasks = repository.getBpmnModelInstance(lifecycle.getId()).getModelElementsByType(UserTask.class)
                .stream().map(UserTask::getId).toList();
        assertThat(tasks).hasSizeGreaterThanOrEqualTo(11);
        assertThat(timers(lifecycle)).filteredOn(id -> id.startsWith("BoundaryEvent_")).containsExactlyInAnyOrderElementsOf(tasks.stream()
                .flatMap(task -> Stream.of(DeadlineWiring.timerId(task, "DueSoon"), DeadlineWiring.timerId(task, "Overdue"))).toList());
    }

    @Test
    void anIssueTaskWhoseLevelEscalatesAtItsDeadlineHasNoDeadlineTimerOfItsOwn() {
        List<String> timers = timers(latest(IssueEscalation.KEY));
        assertThat(timers).contains("BoundaryEvent_Level1Expired", "BoundaryEvent_Level2Expired",
                "BoundaryEvent_ResolveLevel1DueSoon", "BoundaryEvent_CoordinateLevel2DueSoon", "BoundaryEvent_HoldMeetingDueSoon",
                "BoundaryEvent_TriageIssueOverdue", "BoundaryEvent_ApproveTransferOverdue", "BoundaryEvent_GiveOpinionOverdue",
                "BoundaryEvent_CompleteAssignmentOverdue", "BoundaryEvent_DecideLevel3Overdue", "BoundaryEvent_ConfirmResolutionOverdue");
        assertThat(timers).doesNotContain("BoundaryEvent_ResolveLevel1Overdue", "BoundaryEvent_CoordinateLevel2Overdue",
                "BoundaryEvent_HoldMeetingOverdue");
    }

    @Test
    void aDeadlineTimerTheDiagramDrawsBecauseTheProcessMovesOnIsNotAddedAgain() {
        List<String> timers = timers(latest(NoticeProcess.KEY));
        assertThat(timers).containsOnlyOnce(NoticeProcess.Element.ANSWER_OVERDUE, NoticeProcess.Element.ANSWER_DUE_SOON);
        assertThat(timers).contains("BoundaryEvent_FollowUpNoticeOverdue", "BoundaryEvent_ReviewAnswerOverdue");
        assertThat(timers(latest(ExtensionProcess.KEY))).containsExactlyInAnyOrder(
                "BoundaryEvent_DecideExtensionDueSoon", "BoundaryEvent_DecideExtensionOverdue",
                "BoundaryEvent_DecideLateExtensionDueSoon", "BoundaryEvent_DecideLateExtensionOverdue");
    }

    @Test
    void aDiagramDrawnWithItsOwnListenerAndTimerKeepsThemAndGetsOnlyWhatItLacks() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1).startEvent()
                .userTask("Task_Work").name("办理").camundaDueDate("${now()}").camundaFollowUpDate("${now()}")
                .camundaTaskListenerDelegateExpression(TaskListener.EVENTNAME_CREATE, "${deadlineTaskEvents}")
                .endEvent()
                .moveToActivity("Task_Work").boundaryEvent("BoundaryEvent_WorkOverdue").cancelActivity(false)
                .timerWithDate("${now()}").endEvent()
                .done();
        declareKind(model, "Task_Work", "VERIFICATION");
        ProcessDefinition drawn = deploy(model);

        assertThat(timers(drawn)).containsExactlyInAnyOrder("BoundaryEvent_WorkOverdue", "BoundaryEvent_WorkDueSoon");
        assertThat(deadlineListeners(drawn, "Task_Work", TaskListener.EVENTNAME_CREATE)).isEqualTo(1);
        assertThat(deadlineListeners(drawn, "Task_Work", TaskListener.EVENTNAME_COMPLETE)).isZero();
    }

    @Test
    void aTaskWithoutADeclaredKindGetsNoWiring() {
        ProcessDefinition plain = deploy(Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1).startEvent()
                .userTask("Task_Work").name("办理").camundaDueDate("${now()}").camundaFollowUpDate("${now()}").endEvent().done());

        assertThat(timers(plain)).isEmpty();
        assertThat(deadlineListeners(plain, "Task_Work", TaskListener.EVENTNAME_CREATE)).isZero();
    }

    private ProcessDefinition latest(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    }

    private List<String> timers(ProcessDefinition definition) {
        return management.createJobDefinitionQuery().processDefinitionId(definition.getId()).list().stream()
                .map(JobDefinition::getActivityId).toList();
    }

    private int deadlineListeners(ProcessDefinition definition, String taskId, String event) {
        ProcessDefinitionEntity deployed = (ProcessDefinitionEntity) ((RepositoryServiceImpl) repository).getDeployedProcessDefinition(definition.getId());
        return (int) ((UserTaskActivityBehavior) deployed.findActivity(taskId).getActivityBehavior()).getTaskDefinition()
                .getTaskListeners().getOrDefault(event, List.of()).stream().filter(DelegateExpressionTaskListener.class::isInstance).count();
    }

    private ProcessDefinition deploy(BpmnModelInstance model) {
        String deployment = repository.createDeployment().addModelInstance(KEY + ".bpmn", model).deploy().getId();
        deployments.add(deployment);
        return repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult();
    }

    private static void declareKind(BpmnModelInstance model, String taskId, String kind) {
        UserTask task = model.getModelElementById(taskId);
        ExtensionElements extensions = task.getExtensionElements() != null ? task.getExtensionElements()
                : model.newInstance(ExtensionElements.class);
        task.setExtensionElements(extensions);
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName(DeadlineKinds.PROPERTY);
        property.setCamundaValue(kind);
        extensions.addExtensionElement(CamundaProperties.class).addChildElement(property);
    }
}
