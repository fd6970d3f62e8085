package cn.tuijin.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import cn.tuijin.org.Caller;
import cn.tuijin.org.Role;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated user of Camunda's identity: the user id, the Camunda groups (authorities {@code GROUP_<id>}) and
 * the roles they grant (authorities {@code ROLE_<role>}, e.g. {@code ROLE_SUPERVISOR}, {@code ROLE_OFFICER}).
 */
final class CamundaUser extends AbstractAuthenticationToken {

    private final String userId;
    private final List<String> groups;

    CamundaUser(Caller caller) {
        super(authorities(caller));
        this.userId = caller.userId();
        this.groups = caller.groups();
        // The caller as the filters built it: Callers.current() reads it instead of looking the units up again.
        setDetails(caller);
        setAuthenticated(true);
    }

    private static Collection<GrantedAuthority> authorities(Caller caller) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Role role : caller.roles()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
        }
        for (String group : caller.groups()) {
            authorities.add(new SimpleGrantedAuthority("GROUP_" + group));
        }
        return authorities;
    }

    List<String> groups() {
        return groups;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return userId;
    }

    @Override
    public String getName() {
        return userId;
    }
}
