package cn.tuijin.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who calls the application's {@code /api}: a user logged into the Camunda webapps (the same session, so the
 * dashboard works after logging into Tasklist or Cockpit), or HTTP Basic against Camunda's identity. Anyone else
 * gets 401 with a Chinese problem detail. The user is set on Camunda's IdentityService for the request, so the
 * engine's authorizations apply.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    private static final String ENGINE = "default";

    private final ObjectProvider<IdentityService> engineIdentity;

    /** The engine is looked up on the first request: filters are built before the engine and Flyway have run. */
    ApiAuthenticationFilter(ObjectProvider<IdentityService> engineIdentity) {
        this.engineIdentity = engineIdentity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IdentityService identity = engineIdentity.getObject();
        String user = null;
        List<String> groups = null;
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] credentials = decode(header.substring(6));
            if (credentials != null && identity.checkPassword(credentials[0], credentials[1])) {
                user = credentials[0];
                groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
            }
        } else {
            HttpSession session = request.getSession(false);
            Authentications auths = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
            Authentication auth = auths == null ? null : auths.getAuthenticationForProcessEngine(ENGINE);
            if (auth instanceof UserAuthentication u) {
                user = u.getName();
                groups = u.getGroupIds();
            }
        }
        if (user == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                // Not to pages of our own (the dashboard), which show their own login form.
                response.setHeader("WWW-Authenticate", "Basic realm=\"tuijin\"");
            }
            response.setContentType("application/problem+json;charset=UTF-8");
            response.getOutputStream().write(("{\"type\":\"urn:tuijin:unauthenticated\",\"title\":\"未登录\",\"status\":401,"
                    + "\"detail\":\"请先登录（用户名和密码与任务列表相同）\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        identity.setAuthentication(user, groups);
        try {
            chain.doFilter(request, response);
        } finally {
            identity.clearAuthentication();
        }
    }

    private static String[] decode(String encoded) {
        try {
            String text = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return colon < 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
