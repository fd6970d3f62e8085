package cn.tuijin.bulletin;

import java.time.YearMonth;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 发布通报: freezes the compiled figures of the instance's month (its business key); from now on they do not change. */
@Component("publishBulletinDelegate")
class PublishBulletinDelegate implements JavaDelegate {

    private final BulletinService bulletins;

    PublishBulletinDelegate(BulletinService bulletins) {
        this.bulletins = bulletins;
    }

    @Override
    public void execute(DelegateExecution execution) {
        bulletins.publish(bulletins.compiled(YearMonth.parse(execution.getProcessBusinessKey())));
    }
}
