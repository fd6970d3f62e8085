package cn.tuijin.deadline;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Glue of 调整办理期限: moves the task's deadline to the approved date of the request bound to the instance.
 */
@Component("applyExtensionDelegate")
class ApplyExtensionDelegate implements JavaDelegate {

    private final ExtensionService extensions;

    ApplyExtensionDelegate(ExtensionService extensions) {
        this.extensions = extensions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        extensions.apply(extensions.forInstance(execution.getProcessInstanceId()).orElseThrow().id());
    }
}
