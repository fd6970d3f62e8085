package cn.tuijin.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The security filters' refusals as RFC 9457 problem details in Chinese, like every other refusal of the API.
 * A 401 carries no {@code WWW-Authenticate} challenge: browsers then never ask for and remember Basic credentials
 * for this site, so a request carrying them comes from a program, not from a page of another site (see CSRF).
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        boolean wrongPassword = request.getHeader("Authorization") != null;
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "urn:tuijin:unauthenticated", "未登录",
                wrongPassword ? "用户名或密码错误（与任务列表的账号相同）" : "请先登录（用户名和密码与任务列表相同）");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        if (e instanceof CsrfException) {
            write(response, HttpServletResponse.SC_FORBIDDEN, "urn:tuijin:csrf", "请求未通过防伪校验",
                    "页面的防伪令牌缺失或已失效，请刷新页面后重试");
        } else if (e instanceof AuthorizationDeniedException denied && denied.getAuthorizationResult() instanceof RoleRule.Refusal refusal) {
            write(response, HttpServletResponse.SC_FORBIDDEN, "urn:tuijin:forbidden", "无权操作", refusal.message());
        } else {
            write(response, HttpServletResponse.SC_FORBIDDEN, "urn:tuijin:forbidden", "无权操作", "您的账号无权执行此操作");
        }
    }

    /** An address the firewall refuses (a {@code ;}, an encoded {@code %}, {@code ..}): refused input naming the path. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) throws IOException {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "urn:tuijin:invalid-input");
        problem.put("title", "输入有误");
        problem.put("status", HttpServletResponse.SC_BAD_REQUEST);
        problem.put("detail", "请求地址中含有不允许的字符（如分号、编码的百分号或“..”），无法识别要访问的资源");
        problem.put("field", "path");
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/problem+json;charset=UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

    private static void write(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        response.setStatus(status);
        response.setContentType("application/problem+json;charset=UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }
}
