package cn.tuijin.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The engine's doors answer refusals as users should read them: with the status {@link EngineDoors} chose (a lost race
 * is 409, not 500), and a Chinese message without the REST layer's English prefix ("Cannot submit task form …: "),
 * without engine codes, exception names or ids, as JSON whatever the layer that refused wrote (nothing, plain text).
 * Registered on {@code /engine-rest/*} and the webapps' API.
 */
class DoorResponses extends OncePerRequestFilter {

    /** A query whose criteria the engine cannot run together. */
    static final String UNUSABLE_QUERY = "查询条件有误或相互矛盾，请检查后重试";

    /**
     * The engine's own words for input it cannot take (an administrator's mistake, not a failure of the server), some
     * written before any command runs: what the user reads instead.
     */
    private static final Map<Pattern, String> BAD_INPUT = Map.of(
            Pattern.compile("^Invalid query usage"), UNUSABLE_QUERY,
            Pattern.compile("has an invalid id: .* is not a valid resource identifier"), "编号不合规：只能由英文字母和数字组成",
            Pattern.compile("You must specify at least one of"), "请至少选择一项要处理的对象（编号或查询条件）",
            Pattern.compile("must either have a 'userId' or a 'groupId'"), "授权须指定一个用户或一个用户组，二者只能选一");

    static final String STATUS = DoorResponses.class.getName() + ".status";

    private static final String FETCH_AND_LOCK = "/external-task/fetchAndLock";
    /** The REST layer's answer when its own lookup by id finds nothing ("No task found for task id …"). */
    private static final Pattern NOTHING_FOUND = Pattern.compile("^No [a-zA-Z ]+ found");

    /** The REST layer's English prefix before the Chinese message (ids inside it may hold colons). */
    private static final Pattern PREFIX = Pattern.compile("^Cannot [\\x00-\\x7F]{0,300}?: (?=[^\\x00-\\x7F])");
    private static final Pattern INTERNALS = Pattern.compile("ENGINE-|Exception|[0-9a-f]{8}-[0-9a-f]{4}-|\\bat [a-z]+\\.");
    /** Text a user can read: at least one Chinese character. */
    static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    private final ObjectMapper json = new ObjectMapper();

    /** The status a refusal of the current request should be answered with. */
    static void status(int status) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(STATUS, status, RequestAttributes.SCOPE_REQUEST);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new Answered(response);
        try {
            try {
                chain.doFilter(request, wrapper);
            } catch (ServletException | RuntimeException e) {
                if (!longPollAtTheWebapp(request)) {
                    throw e;
                }
                // Camunda registers the webapps' API without asynchronous support: a worker's long poll cannot start
                wrapper.resetBuffer();
                wrapper.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
            if (wrapper.getStatus() >= 400) {
                answer(request, wrapper);
            }
        } finally {
            wrapper.copyBodyToResponse();
        }
    }

    /**
     * A response whose errors are answered here rather than by the container's error page (English, from Spring Boot):
     * the webapps' login filter (401), the REST layer's unknown path or method (404, 405). Refusals in plain text
     * (a body the JSON reader could not map) are answered here too.
     */
    private static final class Answered extends ContentCachingResponseWrapper {

        Answered(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) {
            resetBuffer();
            setStatus(status);
        }

        @Override
        public void sendError(int status, String message) {
            sendError(status);
        }
    }

    private void answer(HttpServletRequest request, ContentCachingResponseWrapper response) throws IOException {
        if (request.getAttribute(STATUS) instanceof Integer status) {
            response.setStatus(status);
        }
        JsonNode body = json(response);
        if (body != null && body.has("detail")) {
            return;   // the application's own problem detail (ProblemResponses): Chinese already
        }
        ObjectNode problem = body instanceof ObjectNode object && object.has("message") ? object : json.createObjectNode();
        if (response.getStatus() >= 500 && longPollAtTheWebapp(request)) {
            response.setStatus(DoorRefusal.BAD_REQUEST);
            problem.put("message", "本系统不使用外部任务；请勿通过网页接口领取外部任务");
        }
        String badInput = response.getStatus() >= 500 ? badInput(problem.path("message").asText("")) : null;
        if (badInput != null) {
            // input the engine cannot take, found by the REST layer itself (building a query, copying a body)
            response.setStatus(DoorRefusal.BAD_REQUEST);
            problem.put("message", badInput);
        }
        if (response.getStatus() == DoorRefusal.BAD_REQUEST && NOTHING_FOUND.matcher(problem.path("message").asText("")).find()) {
            // the REST layer's own lookup (a task's history for its comments): not there, or not the caller's to see
            response.setStatus(DoorRefusal.NOT_FOUND);
            problem.put("message", "要查找的对象不存在、已办结或不属于您，请刷新");
        }
        problem.put("message", message(problem.path("message").asText(""), response.getStatus()));
        problem.put("type", kind(response.getStatus()));
        response.resetBuffer();
        response.setContentType("application/json;charset=UTF-8");
        byte[] bytes = json.writeValueAsBytes(problem);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** An external worker's fetch-and-lock through the webapps' API (Tuijin has no external tasks). */
    private static boolean longPollAtTheWebapp(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.startsWith(request.getContextPath() + "/camunda/api/") && uri.endsWith(FETCH_AND_LOCK);
    }

    /** The body as JSON, or null (nothing, plain text). */
    private JsonNode json(ContentCachingResponseWrapper response) {
        String type = response.getContentType();
        if (type == null || !type.contains("json")) {
            return null;
        }
        try {
            return json.readTree(response.getContentAsByteArray());
        } catch (IOException e) {
            return null;
        }
    }

    /** What the user reads for an engine message that names input the engine cannot take, or null. */
    static String badInput(String message) {
        if (message == null) {
            return null;
        }
        for (Map.Entry<Pattern, String> known : BAD_INPUT.entrySet()) {
            if (known.getKey().matcher(message).find()) {
                return known.getValue();
            }
        }
        return null;
    }

    static String message(String message, int status) {
        String text = PREFIX.matcher(message).replaceFirst("");
        if (INTERNALS.matcher(text).find() || !CHINESE.matcher(text).find()) {
            return switch (status) {
                case 401 -> "请先登录";
                case 403 -> "没有权限执行此操作";
                case 404 -> "要查找的对象不存在或已办结，请刷新";
                case 409 -> DoorRefusal.LOST_RACE;
                default -> status < 500 ? "请求有误，无法办理，请检查后重试" : "系统暂时无法办理，请稍后重试；如仍失败，请联系系统管理员";
            };
        }
        return text;
    }

    private static String kind(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            default -> status < 500 ? "Refused" : "ServerError";
        };
    }
}
