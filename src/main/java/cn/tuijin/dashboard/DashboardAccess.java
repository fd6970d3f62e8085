package cn.tuijin.dashboard;

import cn.tuijin.org.Caller;
import cn.tuijin.org.Callers;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.org.Role;
import cn.tuijin.system.ForbiddenException;
import org.springframework.stereotype.Component;

/**
 * Who may see the supervisor dashboard, and how much of it: supervisors, the project office and administrators see the
 * whole city; a contracting leader sees the projects he leads; anyone else is refused. (The security filters refuse
 * the others before; this keeps the rule next to the data.)
 */
@Component
class DashboardAccess {

    static final String REFUSAL = "督查看板仅供督查室、重点项目办和分包领导查看";

    private final Callers callers;
    private final ProjectScope scope;

    DashboardAccess(Callers callers, ProjectScope scope) {
        this.callers = callers;
        this.scope = scope;
    }

    private Caller require() {
        Caller caller = callers.current();
        if (!caller.is(Role.SUPERVISOR) && !caller.is(Role.PROJECT_OFFICE) && !caller.is(Role.ADMIN) && !caller.is(Role.LEADER)) {
            throw new ForbiddenException(REFUSAL);
        }
        return caller;
    }

    /**
     * The leader whose projects alone the caller sees (a contracting leader: himself), or null for the whole city.
     * A leader asking for another leader's projects is refused.
     */
    String leaderLimit(String askedLeader) {
        Caller caller = require();
        if (caller.seesEverything()) {
            return null;
        }
        if (askedLeader != null && !askedLeader.isBlank() && !askedLeader.equals(caller.userId())) {
            throw new ForbiddenException("分包领导只能查看本人分包的项目");
        }
        return caller.userId();
    }

    void requireProject(String code) {
        scope.require(require(), code);
    }
}
