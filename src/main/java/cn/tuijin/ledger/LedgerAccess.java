package cn.tuijin.ledger;

import java.util.List;
import java.util.Set;

import cn.tuijin.org.Groups;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.Role;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.SystemActions;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may do what with the ledger's spreadsheets. Importing writes the ledger: the project office and administrators.
 * The whole ledger is read by the project office, supervisors, contracting leaders, the committee and administrators;
 * an officer exports the projects his unit leads; anyone else is refused.
 */
@Component
class LedgerAccess {

    private static final Set<String> IMPORTERS = Set.of(Groups.PROJECT_OFFICE, Groups.ADMINS);
    private static final Set<String> READERS = Set.of(Groups.PROJECT_OFFICE, Groups.SUPERVISORS, Groups.LEADERS,
            Groups.COMMITTEE, Groups.ADMINS);

    /** What an export may show: every project, or the projects one unit leads. */
    record Scope(String userId, String unitCode) {
        boolean everything() {
            return unitCode == null;
        }
    }

    private final SystemActions system;
    private final OrgDirectory org;

    LedgerAccess(SystemActions system, OrgDirectory org) {
        this.system = system;
        this.org = org;
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
        Authentication user = system.currentUser();
        if (user == null) {
            throw new ForbiddenException("请先登录");
        }
        if (groups(user).stream().anyMatch(READERS::contains)) {
            return new Scope(user.getUserId(), null);
        }
        Person person = org.person(user.getUserId()).orElse(null);
        if (person != null && person.role() == Role.OFFICER && person.unitCode() != null) {
            return new Scope(user.getUserId(), person.unitCode());
        }
        throw new ForbiddenException("项目台账仅供重点项目办、督查室、分包领导和责任单位查看");
    }

    private static List<String> groups(Authentication user) {
        return user.getGroupIds() == null ? List.of() : user.getGroupIds();
    }
}
