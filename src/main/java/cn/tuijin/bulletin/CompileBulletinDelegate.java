package cn.tuijin.bulletin;

import java.time.YearMonth;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 汇总通报数据: compiles the figures of the month that is the instance's business key and stores them, with who asked
 * (as recorded when the instance started).
 */
@Component("compileBulletinDelegate")
class CompileBulletinDelegate implements JavaDelegate {

    private final BulletinService bulletins;

    CompileBulletinDelegate(BulletinService bulletins) {
        this.bulletins = bulletins;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String instance = execution.getProcessInstanceId();
        bulletins.compile(YearMonth.parse(execution.getProcessBusinessKey()), bulletins.requestedBy(instance), instance);
    }
}
