package cn.tuijin.org;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who is calling, as the application sees them: the user, their Camunda groups, the roles those groups grant and the
 * units whose groups they belong to. An officer is a member of a unit's group and acts for that unit only; a
 * contracting leader sees the projects they lead; the project office, supervisors, the committee and administrators
 * see every project.
 */
public record Caller(String userId, List<String> groups, Set<Role> roles, Set<String> units) {

    private static final Set<Role> SEE_ALL = EnumSet.of(Role.PROJECT_OFFICE, Role.SUPERVISOR, Role.COMMITTEE, Role.ADMIN);

    public Caller {
        groups = List.copyOf(groups);
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        units = Set.copyOf(units);
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** Reads every project, issue and record (project office, supervisors, committee, administrators). */
    public boolean seesEverything() {
        return roles.stream().anyMatch(SEE_ALL::contains);
    }

    public boolean inUnit(String unitCode) {
        return unitCode != null && units.contains(unitCode);
    }
}
