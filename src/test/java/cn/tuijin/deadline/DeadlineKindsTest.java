package cn.tuijin.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;

import cn.tuijin.TuijinTest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
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
 * A task's kind of deadline comes from its diagram: from the version its instance runs on, or, for an instance started
 * before its diagram declared kinds, from the latest version; a task whose diagram declares none, or a kind the policy
 * does not know, is refused instead of counted as a milestone.
 */
@TuijinTest
class DeadlineKindsTest {

    private static final String KEY = "deadline-kinds-versions";

    @Autowired DeadlineKinds kinds;
    @Autowired RepositoryService repository;

    private final List<String> deployments = new ArrayList<>();

    @AfterEach
    void undeploy() {
        deployments.forEach(id -> repository.deleteDeployment(id, true));
    }

    @Test
    void aTaskOfAnOlderVersionWithoutTheDeclarationTakesTheKindOfTheLatestVersion() {
        ProcessDefinition old = deploy(null);
        deploy("APPROVAL");

        assertThat(kinds.of(task(old))).isEqualTo(DeadlineKind.APPROVAL);
    }

    @Test
    void theVersionsOwnDeclarationComesFirst() {
        ProcessDefinition notice = deploy("NOTICE");
        deploy("APPROVAL");

        assertThat(kinds.of(task(notice))).isEqualTo(DeadlineKind.NOTICE);
    }

    @Test
    void aTaskWithoutADeclaredKindOrWithAnUnknownOneIsRefused() {
        ProcessDefinition none = deploy(null);
        assertThatThrownBy(() -> kinds.of(task(none))).hasMessageContaining("未声明期限类型");

        ProcessDefinition unknown = deploy("SOMEDAY");
        assertThatThrownBy(() -> kinds.of(task(unknown))).hasMessageContaining("SOMEDAY");
    }

    private ProcessDefinition deploy(String kind) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1).startEvent()
                .userTask("Task_Work").name("办理").camundaDueDate("${now()}").endEvent().done();
        if (kind != null) {
            UserTask task = model.getModelElementById("Task_Work");
            ExtensionElements extensions = model.newInstance(ExtensionElements.class);
            task.setExtensionElements(extensions);
            CamundaProperty property = model.newInstance(CamundaProperty.class);
            property.setCamundaName(DeadlineKinds.PROPERTY);
            property.setCamundaValue(kind);
            extensions.addExtensionElement(CamundaProperties.class).addChildElement(property);
        }
        String deployment = repository.createDeployment().addModelInstance(KEY + ".bpmn", model).deploy().getId();
        deployments.add(deployment);
        return repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult();
    }

    /** The task as a listener sees it when the engine creates it in an instance of that version. */
    private DelegateTask task(ProcessDefinition definition) {
        UserTask element = repository.getBpmnModelInstance(definition.getId()).getModelElementById("Task_Work");
        DelegateTask task = mock(DelegateTask.class);
        when(task.getProcessDefinitionId()).thenReturn(definition.getId());
        when(task.getTaskDefinitionKey()).thenReturn("Task_Work");
        when(task.getBpmnModelElementInstance()).thenReturn(element);
        return task;
    }
}
