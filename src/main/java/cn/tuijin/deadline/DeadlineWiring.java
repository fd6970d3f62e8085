package cn.tuijin.deadline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.BoundaryEventActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.listener.DelegateExpressionExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationType;
import org.camunda.bpm.engine.impl.jobexecutor.TimerExecuteNestedActivityJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityStartBehavior;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * The deadline wiring of every diagram, in one place: each user task that declares its kind of deadline (the property
 * {@value DeadlineKinds#PROPERTY}) gets, when its diagram is parsed,
 * <ul>
 *   <li>the deadline task listener on create, assignment, complete and delete ({@link DeadlineTaskEvents}, which hands
 *       over to the task's own process);</li>
 *   <li>a non-interrupting timer at its follow-up date, the warning ({@code BoundaryEvent_<task>DueSoon}, handled by
 *       {@link DueSoonListener}), if the task has a follow-up date;</li>
 *   <li>a non-interrupting timer at its due date, the deadline ({@code BoundaryEvent_<task>Overdue}, handled by
 *       {@link OverdueListener}): accountability record, reminder, red light. Not where an enclosing sub-process has
 *       an interrupting timer at the same date: there the process itself moves on (an issue climbs a level) and the
 *       escalation records the passing.</li>
 * </ul>
 * The timers take the task's own due and follow-up expressions: each date is written once, on the task. The diagrams
 * therefore draw the work and where it goes, not the deadline plumbing. A diagram deployed before this wiring (its
 * listeners and timers drawn by hand) keeps its own: a task that already has task listeners, or a timer of that name,
 * gets nothing added.
 */
@Component
public class DeadlineWiring extends AbstractProcessEnginePlugin {

    static final String DUE_SOON = "DueSoon";
    static final String OVERDUE = "Overdue";

    /** The property of a timer's activity that names the task it belongs to. */
    private static final String ATTACHED_TO = "tuijin.attachedTo";
    /** The property of a user task's activity that marks it as wired. */
    private static final String WIRED = "tuijin.deadlineWired";
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

    /** The id of the user task whose timer the execution is at. */
    static String attachedTask(DelegateExecution timer) {
        ActivityImpl activity = ((ExecutionEntity) timer).getActivity();
        Object wired = activity.getProperty(ATTACHED_TO);
        return wired != null ? (String) wired   // a timer drawn by hand is attached to its event scope, the task
                : activity.getEventScope().getId().replace(BpmnParse.MULTI_INSTANCE_BODY_ID_SUFFIX, "");
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
                    if (task.getFollowUpDateExpression() != null) {
                        timer(activity, DUE_SOON, "临近期限", task.getFollowUpDateExpression(), "${dueSoonListener}", process);
                    }
                    if (task.getDueDateExpression() != null && !escalatesAt(activity, task.getDueDateExpression())) {
                        timer(activity, OVERDUE, "已逾期", task.getDueDateExpression(), "${overdueListener}", process);
                    }
                }
                wire(activity, process);
            }
        }

        /** Adds a non-interrupting timer to the task at {@code date}, unless one of that id exists (drawn by hand). */
        private void timer(ActivityImpl task, String suffix, String name, Expression date, String listener,
                           ProcessDefinitionEntity process) {
            ActivityImpl eventScope = task.isMultiInstance() ? task.getParentFlowScopeActivity() : task;
            ScopeImpl flowScope = eventScope.getFlowScope();
            String id = timerId(task.getId(), suffix);
            if (flowScope.findActivityAtLevelOfSubprocess(id) != null) {
                return;
            }
            eventScope.setScope(true);
            ActivityImpl timer = flowScope.createActivity(id);
            timer.setProperty("name", task.getName() + name);
            timer.getProperties().set(BpmnProperties.TYPE, ActivityTypes.BOUNDARY_TIMER);
            timer.setProperty(ATTACHED_TO, task.getId());
            timer.setEventScope(eventScope);
            timer.setActivityStartBehavior(ActivityStartBehavior.CONCURRENT_IN_FLOW_SCOPE);
            timer.setActivityBehavior(new BoundaryEventActivityBehavior());
            timer.addListener(ExecutionListener.EVENTNAME_START,
                    new DelegateExpressionExecutionListener(expressionManager.createExpression(listener), List.of()));

            TimerDeclarationImpl declaration = new TimerDeclarationImpl(date, TimerDeclarationType.DATE, TimerExecuteNestedActivityJobHandler.TYPE);
            declaration.setRawJobHandlerConfiguration(id);
            declaration.setExclusive(true);
            declaration.setActivity(timer);
            declaration.setJobConfiguration(TimerDeclarationType.DATE + ": " + date.getExpressionText());
            eventScope.getProperties().putMapEntry(BpmnProperties.TIMER_DECLARATIONS, id, declaration);
            addJobDeclarationToProcessDefinition(declaration, process);   // its job definition, as for a drawn timer
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
