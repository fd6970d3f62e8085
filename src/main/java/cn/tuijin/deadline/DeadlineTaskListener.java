package cn.tuijin.deadline;

import java.util.Collection;

import cn.tuijin.system.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * What every user task with a deadline does on its events, whatever its process: on create the process's own
 * decoration, then the deadline opens; on assignment the new holder; on complete the process's own handling of the
 * form (refused input keeps the task open with the Chinese message, field named), the form's values are not kept as
 * process variables, and the deadline closes; on delete (a cancelled task) the deadline closes too.
 */
public abstract class DeadlineTaskListener implements TaskListener {

    private final DeadlineTracker deadlines;
    private final TaskHolders holders;

    protected DeadlineTaskListener(DeadlineTracker deadlines, TaskHolders holders) {
        this.deadlines = deadlines;
        this.holders = holders;
    }

    @Override
    public final void notify(DelegateTask task) {
        String projectCode = projectCode(task);
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> {
                created(task);
                HeldTask held = holders.describe(task, projectCode);
                held(task, held);
                deadlines.opened(held, DeadlineWiring.processTimer(task));
            }
            case EVENTNAME_ASSIGNMENT -> {
                HeldTask held = holders.describe(task, projectCode);
                held(task, held);
                deadlines.assigned(held, currentUser(task));
            }
            case EVENTNAME_COMPLETE -> {
                try {
                    completed(task);
                } catch (InvalidInputException e) {
                    throw new FormFieldValidationException(e.field(), e.getMessage());
                }
                task.removeVariables(formFields());
                deadlines.completed(task.getId(), projectCode);
            }
            case EVENTNAME_DELETE -> deadlines.cancelled(task.getId(), projectCode);
            default -> {
            }
        }
    }

    /** The key of the process whose user tasks this listener serves. */
    protected abstract String processKey();

    /** The project whose deadline (and light) the task is: from the process's own records, not its variables. */
    protected abstract String projectCode(DelegateTask task);

    /** Names the task and sets what its form shows. */
    protected abstract void created(DelegateTask task);

    /** Hands the submitted form to the process's services; refuses bad input with {@link InvalidInputException}. */
    protected abstract void completed(DelegateTask task);

    /** The form fields whose values go to the application's tables, not to process variables. */
    protected abstract Collection<String> formFields();

    /** Someone holds the task now (created or claimed); nothing by default. */
    protected void held(DelegateTask task, HeldTask held) {
    }

    /** Who completes the task: the logged-in user, or the assignee (when the engine itself completes it). */
    protected static String currentUser(DelegateTask task) {
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (auth != null && auth.getUserId() != null) {
            return auth.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "system";
    }
}
