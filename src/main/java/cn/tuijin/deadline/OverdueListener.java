package cn.tuijin.deadline;

import cn.tuijin.org.OrgDirectory;
import org.springframework.stereotype.Component;

/**
 * The deadline timer of a user task fired: write the accountability record of its holder.
 */
@Component("overdueListener")
class OverdueListener extends DeadlineTimerListener {

    OverdueListener(AccountabilityService accountability, OrgDirectory org) {
        super(accountability, org);
    }

    @Override
    protected void handle(LateTask task) {
        accountability.overdue(task);
    }
}
