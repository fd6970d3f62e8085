package cn.tuijin.deadline;

import cn.tuijin.system.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Glue on the decision tasks of an extension request: names the task after the late work, hands the decision to
 * {@link ExtensionService}.
 */
@Component("extensionTaskListener")
class ExtensionTaskListener implements TaskListener {

    private final ExtensionService extensions;

    ExtensionTaskListener(ExtensionService extensions) {
        this.extensions = extensions;
    }

    @Override
    public void notify(DelegateTask task) {
        long requestId = ((Number) task.getVariable(ExtensionProcess.Var.REQUEST_ID)).longValue();
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setName(task.getName() + "｜" + extensions.get(requestId).taskName());
            task.setDescription((String) task.getVariable(ExtensionProcess.Var.REQUEST_SUMMARY));
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            String user = auth != null ? auth.getUserId() : task.getAssignee() != null ? task.getAssignee() : "system";
            try {
                task.setVariable(ExtensionProcess.Var.APPROVED, extensions.decide(requestId, user, task.getVariables()));
            } catch (InvalidInputException e) {
                throw new FormFieldValidationException(e.field(), e.getMessage());
            }
        }
    }
}
