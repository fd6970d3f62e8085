package cn.tuijin.deadline;

import cn.tuijin.system.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Glue on the decision tasks of an extension request: names the task after the late work, hands the decision to
 * {@link ExtensionService}. The request is the one bound to the instance: on create, in the step that starts the
 * instance, the start variable requestId binds it (once); from then on the binding alone says which request it is.
 */
@Component("extensionTaskListener")
class ExtensionTaskListener implements TaskListener {

    private final ExtensionService extensions;

    ExtensionTaskListener(ExtensionService extensions) {
        this.extensions = extensions;
    }

    @Override
    public void notify(DelegateTask task) {
        String instance = task.getProcessInstanceId();
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            ExtensionRequest request = extensions.forInstance(instance).orElseGet(() ->
                    extensions.bind(((Number) task.getVariable(ExtensionProcess.Var.REQUEST_ID)).longValue(), instance));
            task.setName(task.getName() + "｜" + request.taskName());
            task.setDescription((String) task.getVariable(ExtensionProcess.Var.REQUEST_SUMMARY));
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            String user = auth != null ? auth.getUserId() : task.getAssignee() != null ? task.getAssignee() : "system";
            try {
                long requestId = extensions.forInstance(instance).orElseThrow().id();
                task.setVariable(ExtensionProcess.Var.APPROVED, extensions.decide(requestId, user, task.getVariables()));
            } catch (InvalidInputException e) {
                throw new FormFieldValidationException(e.field(), e.getMessage());
            }
        }
    }
}
