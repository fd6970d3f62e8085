package cn.tuijin.deadline;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * The kind of deadline a user task carries, as its diagram declares it: the property {@value #PROPERTY} of the task
 * (Camunda Modeler: Extensions → Properties), one of {@link DeadlineKind}. The deadline engine knows no task by its id;
 * a task without the property, or with a kind the policy does not know, is refused when it is created (the model
 * contract test finds it before a deployment does). A task of an instance started on an older version of its diagram,
 * deployed before the property was there, takes the kind its task has in the latest version.
 */
@Component
public class DeadlineKinds {

    /** The name of the task's extension property. */
    public static final String PROPERTY = "deadlineKind";

    private final RepositoryService repository;
    private final Map<String, DeadlineKind> byDefinitionAndTask = new ConcurrentHashMap<>();

    DeadlineKinds(RepositoryService repository) {
        this.repository = repository;
    }

    /** The task's kind of deadline. */
    public DeadlineKind of(DelegateTask task) {
        return byDefinitionAndTask.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
                key -> declared(task.getBpmnModelElementInstance())
                        .or(() -> inLatestVersion(task.getProcessDefinitionId(), task.getTaskDefinitionKey()))
                        .map(value -> parse(value, task.getTaskDefinitionKey()))
                        .orElseThrow(() -> new IllegalStateException("任务 " + task.getTaskDefinitionKey()
                                + " 的流程图未声明期限类型（扩展属性 " + PROPERTY + "）")));
    }

    /** The value of the element's {@value #PROPERTY} property, if it declares one. */
    public static Optional<String> declared(BaseElement element) {
        ExtensionElements extensions = element == null ? null : element.getExtensionElements();
        if (extensions == null) {
            return Optional.empty();
        }
        return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(properties -> properties.getCamundaProperties().stream())
                .filter(property -> PROPERTY.equals(property.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .findFirst();
    }

    private Optional<String> inLatestVersion(String definitionId, String taskId) {
        ProcessDefinition definition = repository.getProcessDefinition(definitionId);
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(definition.getKey())
                .latestVersion().singleResult();
        if (latest == null || latest.getId().equals(definitionId)) {
            return Optional.empty();
        }
        return declared(repository.getBpmnModelInstance(latest.getId()).getModelElementById(taskId));
    }

    private static DeadlineKind parse(String value, String taskId) {
        try {
            return DeadlineKind.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("任务 " + taskId + " 的期限类型“" + value + "”不存在", e);
        }
    }
}
