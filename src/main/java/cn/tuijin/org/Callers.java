package cn.tuijin.org;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.tuijin.system.ForbiddenException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link Caller} of the current request from the user set on Camunda's identity service (the security
 * filters set it for every authenticated call of {@code /api} and {@code /engine-rest}), and the roles of a user
 * from their groups (for the security filters).
 */
@Component
public class Callers {

    private final ObjectProvider<IdentityService> identity;
    private final JdbcTemplate jdbc;

    /** The engine is looked up on first use: the security filters are built before the engine. */
    Callers(ObjectProvider<IdentityService> identity, JdbcTemplate jdbc) {
        this.identity = identity;
        this.jdbc = jdbc;
    }

    /**
     * The caller of the current request (as the security filters built it when they authenticated the request); a
     * Chinese refusal if nobody is logged in.
     */
    public Caller current() {
        Authentication user = identity.getObject().getCurrentAuthentication();
        if (user == null || user.getUserId() == null) {
            throw new ForbiddenException("请先登录");
        }
        org.springframework.security.core.Authentication request = SecurityContextHolder.getContext().getAuthentication();
        if (request != null && request.getDetails() instanceof Caller built && built.userId().equals(user.getUserId())) {
            return built;
        }
        List<String> groups = user.getGroupIds() != null ? user.getGroupIds() : groupsOf(user.getUserId());
        return of(user.getUserId(), groups);
    }

    /** A user's Camunda groups, read with the application's own rights. */
    public List<String> groupsOf(String userId) {
        IdentityService service = identity.getObject();
        Authentication current = service.getCurrentAuthentication();
        service.clearAuthentication();
        try {
            return service.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        } finally {
            if (current != null) {
                service.setAuthentication(current);
            }
        }
    }

    public Caller of(String userId, List<String> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (role.group() != null && groups.contains(role.group())) {
                roles.add(role);
            }
        }
        Set<String> units = new HashSet<>(unitGroups(groups));
        if (!units.isEmpty()) {
            roles.add(Role.OFFICER);
        }
        return new Caller(userId, groups, roles, units);
    }

    private List<String> unitGroups(List<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(groups);
        return jdbc.queryForList("select code from unit where code in (" + String.join(", ", groups.stream().map(g -> "?").toList()) + ")",
                String.class, args.toArray());
    }
}
