package cn.tuijin.deadline;

import cn.tuijin.org.OrgDirectory;
import org.springframework.stereotype.Component;

/**
 * The warning timer of a user task fired: mark the task as due soon.
 */
@Component("dueSoonListener")
class DueSoonListener extends DeadlineTimerListener {

    DueSoonListener(AccountabilityService accountability, OrgDirectory org) {
        super(accountability, org);
    }

    @Override
    protected void handle(LateTask task) {
        accountability.dueSoon(task);
    }
}
