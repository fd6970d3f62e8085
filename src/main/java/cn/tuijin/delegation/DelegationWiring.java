package cn.tuijin.delegation;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every diagram the delegation hook ({@link DelegationTaskListener}) on create, assignment
 * and complete, when the diagram is parsed. A parse listener runs inside the parse of the task, before the deadline
 * wiring adds its listeners: the deadline engine therefore sees who works the task once the hook has handed it over.
 */
@Component
class DelegationWiring extends AbstractProcessEnginePlugin {

    private static final List<String> EVENTS = List.of(TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT,
            TaskListener.EVENTNAME_COMPLETE);

    private final ObjectProvider<DelegationTaskListener> listener;

    DelegationWiring(ObjectProvider<DelegationTaskListener> listener) {
        this.listener = listener;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPostBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPostBPMNParseListeners());
        }
        TaskListener hook = task -> listener.getObject().notify(task);
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                EVENTS.forEach(event -> task.addTaskListener(event, hook));
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
