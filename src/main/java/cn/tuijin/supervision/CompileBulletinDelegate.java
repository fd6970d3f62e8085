package cn.tuijin.supervision;

import java.time.YearMonth;

import cn.tuijin.supervision.MonthlyBulletin.Var;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 汇总通报数据: compiles the month's figures from the ledger and stores them. */
@Component("compileBulletinDelegate")
class CompileBulletinDelegate implements JavaDelegate {

    private final BulletinService bulletins;

    CompileBulletinDelegate(BulletinService bulletins) {
        this.bulletins = bulletins;
    }

    @Override
    public void execute(DelegateExecution execution) {
        YearMonth period = YearMonth.parse((String) execution.getVariable(Var.PERIOD));
        long id = bulletins.compile(period, (String) execution.getVariable(Var.REQUESTED_BY), execution.getProcessInstanceId());
        execution.setVariable(Var.BULLETIN_ID, id);
    }
}
