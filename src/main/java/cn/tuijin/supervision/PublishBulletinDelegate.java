package cn.tuijin.supervision;

import cn.tuijin.supervision.MonthlyBulletin.Var;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 发布通报: freezes the compiled figures; from now on the bulletin does not change. */
@Component("publishBulletinDelegate")
class PublishBulletinDelegate implements JavaDelegate {

    private final BulletinService bulletins;

    PublishBulletinDelegate(BulletinService bulletins) {
        this.bulletins = bulletins;
    }

    @Override
    public void execute(DelegateExecution execution) {
        bulletins.publish(((Number) execution.getVariable(Var.BULLETIN_ID)).longValue());
    }
}
