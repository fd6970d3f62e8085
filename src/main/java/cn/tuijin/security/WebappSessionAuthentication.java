package cn.tuijin.security;

import java.io.IOException;

import cn.tuijin.org.Callers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A user logged into the Camunda webapps (Tasklist, Cockpit) is logged into the application too: the dashboard and the
 * bulletin pages call {@code /api} with that session. Only when the request carries no credentials of its own.
 */
class WebappSessionAuthentication extends OncePerRequestFilter {

    private static final String ENGINE = "default";

    private final Callers callers;

    WebappSessionAuthentication(Callers callers) {
        this.callers = callers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && request.getHeader("Authorization") == null) {
            Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
            Authentication auth = auths == null ? null : auths.getAuthenticationForProcessEngine(ENGINE);
            if (auth instanceof UserAuthentication user) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new CamundaUser(callers.of(user.getName(),
                        user.getGroupIds() != null ? user.getGroupIds() : callers.groupsOf(user.getName()))));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
