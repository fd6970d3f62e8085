package cn.tuijin.notice;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Glue of 提交分包领导跟进: the rectification deadline passed; the notice (its number is the business key) shows it was
 * raised to the leader.
 */
@Component("raiseNoticeDelegate")
class RaiseNoticeDelegate implements JavaDelegate {

    private final NoticeService notices;
    private final NoticeWork work;

    RaiseNoticeDelegate(NoticeService notices, NoticeWork work) {
        this.notices = notices;
        this.work = work;
    }

    @Override
    public void execute(DelegateExecution execution) {
        work.raise(notices.idOf(execution.getProcessBusinessKey()));
    }
}
