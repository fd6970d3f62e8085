package cn.tuijin.deadline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationType;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * The deadline wiring of every diagram, in one place: each user task that declares its kind of deadline (the property
 * {@value DeadlineKinds#PROPERTY}) gets, when its diagram is parsed, the deadline task listener on create, assignment,
 * complete and delete ({@link DeadlineTaskEvents}, which hands over to the task's own process). The deadline then
 * lives in the deadline table, and its warning and due times are marked by the sweep ({@link DeadlineSweep}): no
 * engine timer per task. Where the process itself moves on when the deadline passes — an enclosing sub-process has
 * an interrupting timer at the same date (an issue climbs a level), or the diagram draws the task's own overdue timer
 * ({@code BoundaryEvent_<task>Overdue}, a notice going to the leader) — that timer marks and records the passing
 * and the sweep leaves it alone ({@link #processTimer}). The diagrams therefore draw the work and where it goes, not
 * the deadline plumbing. A diagram deployed before this wiring (its listeners drawn by hand) keeps its own: a task
 * that already has task listeners gets none added.
 */
@Component
public class DeadlineWiring extends AbstractProcessEnginePlugin {

    static final String DUE_SOON = "DueSoon";
    static final String OVERDUE = "Overdue";

    /** The property of a user task's activity that marks it as wired. */
    private static final String WIRED = "tuijin.deadlineWired";
    /** The property of a wired user task's activity whose deadline the process's own timer marks. */
    private static final String PROCESS_TIMER = "tuijin.processTimer";
    private static final List<String> TASK_EVENTS = List.of(TaskListener.EVENTNAME_CREATE,
            TaskListener.EVENTNAME_ASSIGNMENT, TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setBpmnParseFactory(parser -> new WiredParse(parser));
    }

    /** The id of the task's timer, {@link #DUE_SOON} or {@link #OVERDUE}: {@code BoundaryEvent_ClaimSigningOverdue}. */
    static String timerId(String taskId, String suffix) {
        return "BoundaryEvent_" + (taskId.startsWith("Task_") ? taskId.substring("Task_".length()) : taskId) + suffix;
    }

    /** The id of the user task whose drawn timer the execution is at. */
    static String attachedTask(DelegateExecution timer) {
        ActivityImpl activity = ((ExecutionEntity) timer).getActivity();
        return activity.getEventScope().getId().replace(BpmnParse.MULTI_INSTANCE_BODY_ID_SUFFIX, "");
    }

    /** Whether the process's own timer marks the task's deadline as passed (else the sweep does). */
    static boolean processTimer(DelegateTask task) {
        ExecutionEntity execution = (ExecutionEntity) task.getExecution();
        ActivityImpl activity = execution == null ? null : execution.getActivity();
        return activity != null && Boolean.TRUE.equals(activity.getProperty(PROCESS_TIMER));
    }

    /** The engine's parse of a diagram, with the deadline wiring added to each process it parses. */
    private static final class WiredParse extends BpmnParse {

        WiredParse(BpmnParser parser) {
            super(parser);
        }

        @Override
        public ActivityImpl parseUserTask(Element element, ScopeImpl scope) {
            ActivityImpl activity = super.parseUserTask(element, scope);
            if (declaredKind(element).isPresent()) {
                activity.setProperty(WIRED, true);
                TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                if (!drawsTaskListeners(element)) {   // else drawn by hand, in a diagram from before this wiring
                    TaskListener events = new DelegateExpressionTaskListener(expressionManager.createExpression("${deadlineTaskEvents}"), List.of());
                    TASK_EVENTS.forEach(event -> task.addTaskListener(event, events));
                }
            }
            return activity;
        }

        @Override
        public ProcessDefinitionEntity parseProcess(Element element) {
            ProcessDefinitionEntity process = super.parseProcess(element);
            wire(process, process);
            return process;
        }

        private void wire(ScopeImpl scope, ProcessDefinitionEntity process) {
            for (ActivityImpl activity : List.copyOf(scope.getActivities())) {
                if (Boolean.TRUE.equals(activity.getProperty(WIRED))) {
                    TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                    ActivityImpl eventScope = activity.isMultiInstance() ? activity.getParentFlowScopeActivity() : activity;
                    boolean drawn = eventScope.getFlowScope().findActivityAtLevelOfSubprocess(timerId(activity.getId(), OVERDUE)) != null;
                    if (drawn || task.getDueDateExpression() != null && escalatesAt(activity, task.getDueDateExpression())) {
                        activity.setProperty(PROCESS_TIMER, true);
                    }
                }
                wire(activity, process);
            }
        }

        /** An enclosing sub-process has an interrupting timer at the same date as the task's deadline. */
        private static boolean escalatesAt(ActivityImpl task, Expression due) {
            for (ActivityImpl scope = task.getParentFlowScopeActivity(); scope != null; scope = scope.getParentFlowScopeActivity()) {
                for (Map.Entry<String, TimerDeclarationImpl> timer : TimerDeclarationImpl.getDeclarationsForScope(scope).entrySet()) {
                    if (timer.getValue().isInterruptingTimer()
                            && timer.getValue().getJobConfiguration().equals(TimerDeclarationType.DATE + ": " + due.getExpressionText())) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean drawsTaskListeners(Element userTask) {
            Element extensions = userTask.element("extensionElements");
            return extensions != null && !extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "taskListener").isEmpty();
        }

        private static Optional<String> declaredKind(Element userTask) {
            Element extensions = userTask.element("extensionElements");
            Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
            if (properties == null) {
                return Optional.empty();
            }
            return properties.elements("property").stream()
                    .filter(property -> DeadlineKinds.PROPERTY.equals(property.attribute("name")))
                    .map(property -> property.attribute("value"))
                    .findFirst();
        }
    }
}
