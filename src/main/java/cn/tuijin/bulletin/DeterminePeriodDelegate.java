package cn.tuijin.bulletin;

import java.time.YearMonth;
import java.util.Optional;

import cn.tuijin.bulletin.MonthlyBulletin.Var;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 确定通报月份: on the daily run, whether last month's bulletin is due today (from the month's first working day on,
 * until published); on a supervisor's request, whether the month asked for is still unpublished. Runs in the step
 * that starts the instance: the month becomes the business key and who asked is recorded, for the steps after the
 * save point to read instead of the start variables; sets the gateway's answer.
 */
@Component("bulletinPeriodDelegate")
class DeterminePeriodDelegate implements JavaDelegate {

    private final BulletinService bulletins;

    DeterminePeriodDelegate(BulletinService bulletins) {
        this.bulletins = bulletins;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requested = (String) execution.getVariable(Var.PERIOD);
        Optional<YearMonth> due = requested == null ? bulletins.scheduledPeriod()
                : Optional.of(YearMonth.parse(requested)).filter(bulletins::isDue);
        execution.setVariable(Var.DUE, due.isPresent());
        due.ifPresent(period -> {
            execution.setProcessBusinessKey(period.toString());
            if (requested != null) {
                bulletins.requested(execution.getProcessInstanceId(), period, (String) execution.getVariable(Var.REQUESTED_BY));
            }
        });
    }
}
