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
    void noLifecycleTaskHasAnEngineTimerOfItsOwnTheSweepMarksItsDeadline() {
        ProcessDefinition lifecycle = latest(ProjectLifecycle.KEY);
        List<String> tasks = repository.getBpmnModelInstance(lifecycle.getId()).getModelElementsByType(UserTask.class)
                .stream().map(UserTask::getId).toList();
        assertThat(tasks).hasSizeGreaterThanOrEqualTo(11);
        assertThat(timers(lifecycle)).as("only the monthly dispatch's cycle").filteredOn(id -> id.startsWith("BoundaryEvent_")).isEmpty();
        for (String task : tasks) {
            assertThat(deadlineListeners(lifecycle, task, TaskListener.EVENTNAME_CREATE)).as(task).isEqualTo(1);
            assertThat(processTimer(lifecycle, task)).as(task).isFalse();
        }
    }

    @Test
    void anIssueTaskWhoseLevelEscalatesAtItsDeadlineIsMarkedByTheEscalationNotByTheSweep() {
        ProcessDefinition issue = latest(IssueEscalation.KEY);
        assertThat(timers(issue)).containsExactlyInAnyOrder("BoundaryEvent_Level1Expired", "BoundaryEvent_Level2Expired");
        assertThat(processTimer(issue, "Task_ResolveLevel1")).isTrue();
        assertThat(processTimer(issue, "Task_CoordinateLevel2")).isTrue();
        assertThat(processTimer(issue, "Task_TriageIssue")).isFalse();
        assertThat(processTimer(issue, "Task_ConfirmResolution")).isFalse();
    }

    @Test
    void aDeadlineTimerTheDiagramDrawsBecauseTheProcessMovesOnStaysAndMarksItsTask() {
        ProcessDefinition notice = latest(NoticeProcess.KEY);
        assertThat(timers(notice)).containsExactly(NoticeProcess.Element.ANSWER_OVERDUE);
        assertThat(processTimer(notice, "Task_AnswerNotice")).isTrue();
        assertThat(processTimer(notice, "Task_FollowUpNotice")).isFalse();
        assertThat(timers(latest(ExtensionProcess.KEY))).isEmpty();
    }

    @Test
    void aDiagramDrawnWithItsOwnListenerAndTimerKeepsThem() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1).startEvent()
                .userTask("Task_Work").name("办理").camundaDueDate("${now()}").camundaFollowUpDate("${now()}")
                .camundaTaskListenerDelegateExpression(TaskListener.EVENTNAME_CREATE, "${deadlineTaskEvents}")
                .endEvent()
                .moveToActivity("Task_Work").boundaryEvent("BoundaryEvent_WorkOverdue").cancelActivity(false)
                .timerWithDate("${now()}").endEvent()
                .done();
        declareKind(model, "Task_Work", "VERIFICATION");
        declareSwept(model);
        ProcessDefinition drawn = deploy(model);

        assertThat(timers(drawn)).containsExactly("BoundaryEvent_WorkOverdue");
        assertThat(processTimer(drawn, "Task_Work")).isTrue();
        assertThat(deadlineListeners(drawn, "Task_Work", TaskListener.EVENTNAME_CREATE)).isEqualTo(1);
        assertThat(deadlineListeners(drawn, "Task_Work", TaskListener.EVENTNAME_COMPLETE)).isZero();
    }

    @Test
    void aProcessDeployedBeforeDeadlinesWereSweptKeepsItsTimerPerTaskForTheInstancesStillRunningIt() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1).startEvent()
                .userTask("Task_Work").name("办理").camundaDueDate("${now()}").camundaFollowUpDate("${now()}").endEvent()
                .done();
        declareKind(model, "Task_Work", "VERIFICATION");
        ProcessDefinition before = deploy(model);

        assertThat(timers(before)).containsExactlyInAnyOrder("BoundaryEvent_WorkDueSoon", "BoundaryEvent_WorkOverdue");
        assertThat(processTimer(before, "Task_Work")).as("its timers mark it, not the sweep").isTrue();
        assertThat(deployed(before).findActivity("Task_Work").isScope()).as("as its running instances' executions are").isTrue();
        assertThat(deadlineListeners(before, "Task_Work", TaskListener.EVENTNAME_CREATE)).isEqualTo(1);

        declareSwept(model);
        ProcessDefinition swept = deploy(model);
        assertThat(timers(swept)).isEmpty();
        assertThat(processTimer(swept, "Task_Work")).isFalse();
        assertThat(deployed(swept).findActivity("Task_Work").isScope()).isFalse();
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
                .filter(job -> job.getJobType().startsWith("timer")).map(JobDefinition::getActivityId).toList();
    }

    private int deadlineListeners(ProcessDefinition definition, String taskId, String event) {
        ProcessDefinitionEntity deployed = (ProcessDefinitionEntity) ((RepositoryServiceImpl) repository).getDeployedProcessDefinition(definition.getId());
        return (int) ((UserTaskActivityBehavior) deployed.findActivity(taskId).getActivityBehavior()).getTaskDefinition()
                .getTaskListeners().getOrDefault(event, List.of()).stream().filter(DelegateExpressionTaskListener.class::isInstance).count();
    }

    /** Whether the parsed task's deadline is marked by the process's own timer, not the sweep. */
    private boolean processTimer(ProcessDefinition definition, String taskId) {
        ProcessDefinitionEntity deployed = (ProcessDefinitionEntity) ((RepositoryServiceImpl) repository).getDeployedProcessDefinition(definition.getId());
        return Boolean.TRUE.equals(deployed.findActivity(taskId).getProperty("tuijin.processTimer"));
    }

    private ProcessDefinition deploy(BpmnModelInstance model) {
        String deployment = repository.createDeployment().addModelInstance(KEY + ".bpmn", model).deploy().getId();
        deployments.add(deployment);
        return repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult();
    }

    private ProcessDefinitionEntity deployed(ProcessDefinition definition) {
        return (ProcessDefinitionEntity) ((RepositoryServiceImpl) repository).getDeployedProcessDefinition(definition.getId());
    }

    /** The process property of every diagram since deadlines are swept. */
    private static void declareSwept(BpmnModelInstance model) {
        org.camunda.bpm.model.bpmn.instance.Process process = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
                .iterator().next();
        ExtensionElements extensions = process.getExtensionElements() != null ? process.getExtensionElements()
                : model.newInstance(ExtensionElements.class);
        process.setExtensionElements(extensions);
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName("tuijin.deadlines");
        property.setCamundaValue("sweep");
        extensions.addExtensionElement(CamundaProperties.class).addChildElement(property);
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
