package cn.tuijin.deadline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
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
 * {@value DeadlineKinds#PROPERTY}) gets, when its diagram is parsed, the deadline task listener on create, assignment,
 * complete and delete ({@link DeadlineTaskEvents}, which hands over to the task's own process). The diagrams therefore
 * draw the work and where it goes, not the deadline plumbing.
 *
 * <p>A process that declares {@code tuijin.deadlines = sweep} (every diagram since deadlines pass in sets) gets no
 * timer per task: its deadlines live in the deadline table and the sweep marks their warning and due times
 * ({@link DeadlineSweep}). Where the process itself moves on when the deadline passes — an enclosing sub-process has an
 * interrupting timer at the same date (an issue climbs a level), or the diagram draws the task's own overdue timer
 * ({@code BoundaryEvent_<task>Overdue}, a notice going to the leader) — that timer marks and records the passing and
 * the sweep leaves it alone ({@link #processTimer}).
 *
 * <p>A process deployed before that (no such property: the versions that running instances of an upgraded installation
 * still follow) is wired as it was then, so that its instances, timers and job definitions stay valid: a
 * non-interrupting timer at the task's follow-up date ({@code BoundaryEvent_<task>DueSoon}, {@link DueSoonListener})
 * and at its due date ({@code BoundaryEvent_<task>Overdue}, {@link OverdueListener}), the task a scope; the sweep
 * leaves those tasks' overdue to their timers. A task that already has task listeners (drawn by hand, in a diagram
 * from before this wiring) gets none added; a timer of that name already drawn is not added again.
 */
@Component
public class DeadlineWiring extends AbstractProcessEnginePlugin {

    static final String DUE_SOON = "DueSoon";
    static final String OVERDUE = "Overdue";
    /** The process property whose value {@value #SWEEP} says its deadlines are swept (no timer per task). */
    static final String DEADLINES_PROPERTY = "tuijin.deadlines";
    static final String SWEEP = "sweep";

    /** The property of a timer's activity that names the task it belongs to. */
    private static final String ATTACHED_TO = "tuijin.attachedTo";
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

    /** The id of the user task whose timer the execution is at. */
    static String attachedTask(DelegateExecution timer) {
        ActivityImpl activity = ((ExecutionEntity) timer).getActivity();
        Object wired = activity.getProperty(ATTACHED_TO);
        return wired != null ? (String) wired   // a timer drawn by hand is attached to its event scope, the task
                : activity.getEventScope().getId().replace(BpmnParse.MULTI_INSTANCE_BODY_ID_SUFFIX, "");
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
            if (property(element, DeadlineKinds.PROPERTY).isPresent()) {
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
            wire(process, process, property(element, DEADLINES_PROPERTY).filter(SWEEP::equals).isPresent());
            return process;
        }

        private void wire(ScopeImpl scope, ProcessDefinitionEntity process, boolean swept) {
            for (ActivityImpl activity : List.copyOf(scope.getActivities())) {
                if (Boolean.TRUE.equals(activity.getProperty(WIRED))) {
                    TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                    ActivityImpl eventScope = activity.isMultiInstance() ? activity.getParentFlowScopeActivity() : activity;
                    boolean drawn = eventScope.getFlowScope().findActivityAtLevelOfSubprocess(timerId(activity.getId(), OVERDUE)) != null;
                    boolean escalates = task.getDueDateExpression() != null && escalatesAt(activity, task.getDueDateExpression());
                    if (drawn || escalates || !swept) {
                        activity.setProperty(PROCESS_TIMER, true);
                    }
                    if (!swept) {
                        legacyTimers(activity, task, escalates, process);
                    }
                }
                wire(activity, process, swept);
            }
        }

        /** The timers a task got before deadlines were swept (a process deployed then). */
        private void legacyTimers(ActivityImpl activity, TaskDefinition task, boolean escalates, ProcessDefinitionEntity process) {
            if (task.getFollowUpDateExpression() != null) {
                timer(activity, DUE_SOON, "临近期限", task.getFollowUpDateExpression(), "${dueSoonListener}", process);
            }
            if (task.getDueDateExpression() != null && !escalates) {
                timer(activity, OVERDUE, "已逾期", task.getDueDateExpression(), "${overdueListener}", process);
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

        /** A camunda:property of the element (a user task, a process), if it has one of that name. */
        private static Optional<String> property(Element element, String name) {
            Element extensions = element.element("extensionElements");
            Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
            if (properties == null) {
                return Optional.empty();
            }
            return properties.elements("property").stream()
                    .filter(property -> name.equals(property.attribute("name")))
                    .map(property -> property.attribute("value"))
                    .findFirst();
        }
    }
}
