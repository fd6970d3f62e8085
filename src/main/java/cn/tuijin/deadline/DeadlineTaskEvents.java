package cn.tuijin.deadline;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * The one task listener {@link DeadlineWiring} puts on every user task with a deadline: hands each event to the
 * {@link DeadlineTaskListener} of the task's process (the process key names it). A process with deadline tasks and no
 * listener of its own is a programming error, refused when its first task is created.
 */
@Component("deadlineTaskEvents")
class DeadlineTaskEvents implements TaskListener {

    private final Map<String, DeadlineTaskListener> byProcess;

    DeadlineTaskEvents(List<DeadlineTaskListener> processes) {
        this.byProcess = processes.stream().collect(Collectors.toMap(DeadlineTaskListener::processKey, Function.identity()));
    }

    /** The listener of the process with this key, if it has deadline tasks. */
    Optional<DeadlineTaskListener> of(String processKey) {
        return Optional.ofNullable(byProcess.get(processKey));
    }

    @Override
    public void notify(DelegateTask task) {
        String process = ((TaskEntity) task).getProcessDefinition().getKey();
        DeadlineTaskListener listener = byProcess.get(process);
        if (listener == null) {
            throw new IllegalStateException("流程 " + process + " 的任务有期限，但没有期限任务监听器");
        }
        listener.notify(task);
    }
}
