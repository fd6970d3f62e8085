package cn.tuijin.security;

import static cn.tuijin.security.RoleRule.only;

import java.util.Set;

import cn.tuijin.org.Callers;
import cn.tuijin.org.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Four filter chains:
 * <ul>
 * <li>{@code /camunda/**}: the webapps, which log in, protect against CSRF and write their headers themselves;</li>
 * <li>{@code /api/**} and {@code /engine-rest/**}: HTTP Basic against Camunda's identity, or the webapps' session;
 * roles from Camunda groups; the user set on the engine for the request; CSRF tokens for calls made with the session;</li>
 * <li>{@code /actuator/**}: health open to all (its details for administrators), the metrics for administrators or
 * from the networks of {@code tuijin.metrics.networks}; the same logins as the API;</li>
 * <li>everything else (the dashboard and bulletin pages, the API documentation): open, with security headers and a
 * content security policy that lets the pages load nothing from outside the application.</li>
 * </ul>
 * What each role may see of the projects, issues and records is decided by the services (see {@code ProjectScope}).
 */
@Configuration
@EnableWebSecurity
class WebSecurity {

    /** The cookie the pages read the CSRF token from, and the header they send it back in. */
    static final String CSRF_COOKIE = "TUIJIN-XSRF-TOKEN";
    static final String CSRF_HEADER = "X-TUIJIN-XSRF-TOKEN";

    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    @Order(1)
    SecurityFilterChain webapps(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/camunda/**"))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .headers(h -> h.disable())
                .requestCache(r -> r.disable())
                .securityContext(c -> c.disable())
                .sessionManagement(s -> s.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, Callers callers, ObjectProvider<IdentityService> identity,
                            CamundaIdentityAuthentication basic) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieName(CSRF_COOKIE);
        tokens.setHeaderName(CSRF_HEADER);
        tokens.setCookiePath("/");
        CsrfTokenRequestAttributeHandler plainToken = new CsrfTokenRequestAttributeHandler();
        plainToken.setCsrfRequestAttributeName(null);   // load the token on every request: the cookie is always there
        return http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
                .authenticationProvider(basic)
                .httpBasic(b -> b.authenticationEntryPoint(problems))
                .addFilterBefore(new WebappSessionAuthentication(callers), BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineIdentityBridge(identity), AuthorizationFilter.class)
                // The session is the webapps': never create one, never change its id (two calls of a page at once
                // would find the other's id gone).
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(f -> f.none()))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(r -> r.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .csrf(c -> c.csrfTokenRepository(tokens).csrfTokenRequestHandler(plainToken)
                        .requireCsrfProtectionMatcher(WebSecurity::madeWithTheBrowserSession))
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(path(HttpMethod.PUT, "/api/calendar/**"))
                        .access(only("只有系统管理员可以修改工作日历", Role.ADMIN))
                        .requestMatchers(path(HttpMethod.POST, "/api/calendar/**"))
                        .access(only("只有系统管理员可以修改工作日历", Role.ADMIN))
                        .requestMatchers(path(HttpMethod.POST, "/api/notices"))
                        .access(only("只有督查室（督查人员）可以下发督办单", Role.SUPERVISOR))
                        .requestMatchers(path(HttpMethod.POST, "/api/bulletins"))
                        .access(only("只有督查室可以发布通报", Role.SUPERVISOR))
                        .requestMatchers(path(HttpMethod.GET, "/api/notifications"))
                        .access(only("通知发送情况仅供督查室和系统管理员查看", Role.SUPERVISOR, Role.ADMIN))
                        .requestMatchers(path("/api/dashboard/**"))
                        .access(only("督查看板仅供督查室、重点项目办和分包领导查看", Role.SUPERVISOR, Role.PROJECT_OFFICE, Role.LEADER, Role.ADMIN))
                        .requestMatchers(path("/api/engine-audit"))
                        .access(only("引擎操作审计仅供系统管理员和督查室查看", Role.ADMIN, Role.SUPERVISOR))
                        .requestMatchers(path(HttpMethod.POST, "/api/ledger/import"))
                        .access(only("项目台账导入仅限重点项目办和系统管理员；如需调整项目信息，请联系重点项目办", Role.PROJECT_OFFICE, Role.ADMIN))
                        .requestMatchers(path("/api/ledger/imports"))
                        .access(only("导入记录仅供重点项目办、督查室和系统管理员查看", Role.PROJECT_OFFICE, Role.SUPERVISOR, Role.ADMIN))
                        .anyRequest().authenticated())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain actuator(HttpSecurity http, Callers callers, CamundaIdentityAuthentication basic,
                                 @Value("${tuijin.metrics.networks:}") String metricsNetworks) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        MetricsNetworks scrapers = new MetricsNetworks(metricsNetworks);
        RoleRule admins = only("运行监控指标仅供系统管理员查看", Role.ADMIN);
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authenticationProvider(basic)
                .httpBasic(b -> b.authenticationEntryPoint(problems))
                .addFilterBefore(new WebappSessionAuthentication(callers), BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(f -> f.none()))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(r -> r.disable())
                // Only reading endpoints are exposed (health, prometheus).
                .csrf(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .authorizeHttpRequests(a -> a
                        // The load balancer's and the operators' question; the details only for administrators
                        // (management.endpoint.health.show-details).
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.to(PrometheusScrapeEndpoint.class)).access(admins.or(scrapers::contains))
                        .anyRequest().access(admins))
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                // Nothing here changes anything: the pages' scripts call /api, which checks its tokens.
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(r -> r.disable())
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(c -> c.policyDirectives(PAGE_POLICY)))
                .build();
    }

    /** Addresses the firewall refuses are answered as refused input, like any other. */
    @Bean
    RequestRejectedHandler refusedAddresses() {
        return new ProblemResponses();
    }

    /**
     * A path pattern matched against the whole path (the REST API and the webapps are servlets of their own, not
     * Spring MVC's).
     */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    /**
     * A call that changes something and carries no credentials of its own but a session cookie rides on the
     * browser's session: only a page of this application (which can read the token cookie) may make it. Without a
     * session it is simply not logged in (401). A call with an
     * {@code Authorization} header comes from a program (browsers are never asked for Basic credentials here).
     */
    private static boolean madeWithTheBrowserSession(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod()) && request.getHeader("Authorization") == null
                && request.getSession(false) != null;
    }

    /**
     * Refusals at the engine's doors (its REST API and the webapps' API, which Tasklist calls) answered with their own
     * status and in Chinese; outside every other filter, so that it sees the final answer.
     */
    @Bean
    FilterRegistrationBean<DoorResponses> engineDoorResponses() {
        FilterRegistrationBean<DoorResponses> registration = new FilterRegistrationBean<>(new DoorResponses());
        registration.setName("engine-door-responses");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Camunda's REST API takes the user Spring Security authenticated (the request's principal) and sets it, with the
     * user's groups, on the engine, so Camunda's authorizations apply.
     */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        return registration;
    }
}
