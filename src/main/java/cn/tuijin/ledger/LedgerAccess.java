package cn.tuijin.ledger;

import java.util.List;
import java.util.Set;

import cn.tuijin.org.Caller;
import cn.tuijin.org.Callers;
import cn.tuijin.org.Groups;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.org.Role;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.SystemActions;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may do what with the ledger's spreadsheets. Importing writes the ledger: the project office and administrators.
 * The export holds the projects the caller sees ({@link ProjectScope}): all of them for the project office,
 * supervisors, the committee and administrators, a contracting leader's own projects, the projects an officer's unit
 * leads or cooperates on; anyone else is refused.
 */
@Component
class LedgerAccess {

    private static final Set<String> IMPORTERS = Set.of(Groups.PROJECT_OFFICE, Groups.ADMINS);

    /** What an export may show. */
    record Scope(String userId, ProjectScope.Condition projects) {
    }

    private final SystemActions system;
    private final Callers callers;
    private final ProjectScope projectScope;

    LedgerAccess(SystemActions system, Callers callers, ProjectScope projectScope) {
        this.system = system;
        this.callers = callers;
        this.projectScope = projectScope;
    }

    /** The current user's id if they may import; a Chinese refusal otherwise. */
    String requireImporter() {
        Authentication user = system.currentUser();
        if (user == null || groups(user).stream().noneMatch(IMPORTERS::contains)) {
            throw new ForbiddenException("项目台账导入仅限重点项目办和系统管理员；如需调整项目信息，请联系重点项目办");
        }
        return user.getUserId();
    }

    String requireImportLogReader() {
        Authentication user = system.currentUser();
        if (user == null || groups(user).stream().noneMatch(g -> IMPORTERS.contains(g) || Groups.SUPERVISORS.equals(g))) {
            throw new ForbiddenException("导入记录仅供重点项目办、督查室和系统管理员查看");
        }
        return user.getUserId();
    }

    Scope exportScope() {
        Caller caller = callers.current();
        if (!caller.seesEverything() && !caller.is(Role.LEADER) && caller.units().isEmpty()) {
            throw new ForbiddenException("项目台账仅供重点项目办、督查室、分包领导和责任单位查看");
        }
        return new Scope(caller.userId(), projectScope.projects(caller, "code"));
    }

    private static List<String> groups(Authentication user) {
        return user.getGroupIds() == null ? List.of() : user.getGroupIds();
    }
}
