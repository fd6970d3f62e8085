package cn.tuijin.supervision;

import java.util.List;
import java.util.Set;

import cn.tuijin.org.Groups;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.SystemActions;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may see the supervisor dashboard: supervisors, the project office, contracting leaders (and administrators).
 */
@Component
class DashboardAccess {

    private static final Set<String> ALLOWED = Set.of(Groups.SUPERVISORS, Groups.PROJECT_OFFICE, Groups.LEADERS, Groups.ADMINS);

    private final SystemActions system;

    DashboardAccess(SystemActions system) {
        this.system = system;
    }

    /** The current user's id, if they may see the dashboard; otherwise a Chinese refusal. */
    String require() {
        Authentication user = system.currentUser();
        List<String> groups = user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds();
        if (user == null || groups.stream().noneMatch(ALLOWED::contains)) {
            throw new ForbiddenException("督查看板仅供督查室、重点项目办和分包领导查看");
        }
        return user.getUserId();
    }
}
