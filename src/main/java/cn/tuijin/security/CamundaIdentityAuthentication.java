package cn.tuijin.security;

import cn.tuijin.org.Callers;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic credentials checked against Camunda's identity service: the same users and passwords as Tasklist.
 */
@Component
class CamundaIdentityAuthentication implements AuthenticationProvider {

    private final ObjectProvider<IdentityService> identity;
    private final Callers callers;

    /** The engine is looked up on the first request: the security filters are built before the engine. */
    CamundaIdentityAuthentication(ObjectProvider<IdentityService> identity, Callers callers) {
        this.identity = identity;
        this.callers = callers;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        if (user == null || user.isEmpty() || password == null
                || !identity.getObject().checkPassword(user, password.toString())) {
            throw new BadCredentialsException("用户名或密码错误");
        }
        return new CamundaUser(callers.of(user, callers.groupsOf(user)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
