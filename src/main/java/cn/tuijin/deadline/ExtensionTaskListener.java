package cn.tuijin.deadline;

import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Glue on the decision tasks of an extension request: names the task after the late work, hands the decision to
 * {@link ExtensionService}. A decision has its own deadline, like any other task. The request is the one bound to the
 * instance: on create, in the step that starts the instance, the start variable requestId binds it (once); from then
 * on the binding alone says which request it is.
 */
@Component("extensionTaskListener")
class ExtensionTaskListener extends DeadlineTaskListener {

    private final ExtensionService extensions;

    ExtensionTaskListener(ExtensionService extensions, DeadlineTracker deadlines, TaskHolders holders) {
        super(deadlines, holders);
        this.extensions = extensions;
    }

    @Override
    protected String processKey() {
        return ExtensionProcess.KEY;
    }

    @Override
    protected String projectCode(DelegateTask task) {
        return request(task).projectCode();
    }

    @Override
    protected void created(DelegateTask task) {
        ExtensionRequest request = request(task);
        task.setName(task.getName() + "｜" + request.taskName());
        task.setDescription((String) task.getVariable(ExtensionProcess.Var.REQUEST_SUMMARY));
    }

    @Override
    protected void completed(DelegateTask task) {
        long requestId = extensions.forInstance(task.getProcessInstanceId()).orElseThrow().id();
        task.setVariable(ExtensionProcess.Var.APPROVED, extensions.decide(requestId, currentUser(task), task.getVariables()));
    }

    @Override
    protected Collection<String> formFields() {
        return List.of(ExtensionProcess.Var.DECISION_NOTE);
    }

    /** The request bound to the instance; bound now if this is the instance's first step. */
    private ExtensionRequest request(DelegateTask task) {
        String instance = task.getProcessInstanceId();
        return extensions.forInstance(instance).orElseGet(() ->
                extensions.bind(((Number) task.getVariable(ExtensionProcess.Var.REQUEST_ID)).longValue(), instance));
    }
}
