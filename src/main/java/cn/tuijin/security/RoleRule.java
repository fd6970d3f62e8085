package cn.tuijin.security;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import cn.tuijin.org.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * An endpoint open to some roles only, with the Chinese sentence a refused user reads.
 */
final class RoleRule implements AuthorizationManager<RequestAuthorizationContext> {

    /** A refusal that carries the sentence for the user. */
    static final class Refusal extends AuthorizationDecision {
        private final String message;

        Refusal(String message) {
            super(false);
            this.message = message;
        }

        String message() {
            return message;
        }
    }

    private final Set<String> authorities;
    private final String refusal;
    private final Predicate<HttpServletRequest> alsoOpen;

    private RoleRule(String refusal, Set<String> authorities, Predicate<HttpServletRequest> alsoOpen) {
        this.refusal = refusal;
        this.authorities = authorities;
        this.alsoOpen = alsoOpen;
    }

    static RoleRule only(String refusal, Role... roles) {
        return new RoleRule(refusal, Arrays.stream(roles).map(r -> "ROLE_" + r.name()).collect(Collectors.toUnmodifiableSet()),
                request -> false);
    }

    /** The same rule, and besides open to the requests that {@code open} accepts, whoever makes them. */
    RoleRule or(Predicate<HttpServletRequest> open) {
        return new RoleRule(refusal, authorities, alsoOpen.or(open));
    }

    @Override
    public AuthorizationResult authorize(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        if (alsoOpen.test(context.getRequest())) {
            return new AuthorizationDecision(true);
        }
        Authentication user = authentication.get();
        boolean granted = user instanceof CamundaUser && user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(authorities::contains);
        return granted ? new AuthorizationDecision(true) : new Refusal(refusal);
    }

    @Override
    @Deprecated
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return (AuthorizationDecision) authorize(authentication, context);
    }
}
