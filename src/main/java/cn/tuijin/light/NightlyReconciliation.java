package cn.tuijin.light;

import cn.tuijin.deadline.VanishedTasks;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The nightly reconciliation (processes/deadline-reconciliation.bpmn, one job in the cluster): closes the deadlines of
 * tasks that no longer exist, then recomputes every project's light and logs what it corrected.
 */
@Component("reconcileDelegate")
class NightlyReconciliation implements JavaDelegate {

    private final VanishedTasks vanished;
    private final LightService lights;

    NightlyReconciliation(VanishedTasks vanished, LightService lights) {
        this.vanished = vanished;
        this.lights = lights;
    }

    @Override
    public void execute(DelegateExecution execution) {
        vanished.closeDeadlines();
        lights.reconcile();
    }
}
