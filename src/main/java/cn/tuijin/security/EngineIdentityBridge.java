package cn.tuijin.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the authenticated user and groups on Camunda's identity service for the request, so that the engine's
 * authorizations apply to everything the application does on the user's behalf, and clears them afterwards.
 */
class EngineIdentityBridge extends OncePerRequestFilter {

    private final ObjectProvider<IdentityService> identity;

    EngineIdentityBridge(ObjectProvider<IdentityService> identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof CamundaUser user)) {
            chain.doFilter(request, response);
            return;
        }
        IdentityService service = identity.getObject();
        service.setAuthentication(user.getName(), user.groups());
        try {
            chain.doFilter(request, response);
        } finally {
            service.clearAuthentication();
        }
    }
}
