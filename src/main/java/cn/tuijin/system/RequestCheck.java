package cn.tuijin.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartRequest;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * Checks what Spring would let through or stumble over before a controller of the API sees the request. Refuses,
 * with a Chinese message naming the parameter: query parameters and form parts the endpoint does not have, a
 * parameter given more than once, and percent-encoding that is broken or not UTF-8. Otherwise Spring would ignore the
 * first, take the first value of the second (or join them with commas) and the servlet container would drop the
 * third silently, so that a typo ({@code ?stauts=OPEN}) or a mangled link got an answer as if it had been a valid,
 * unfiltered request. A Content-Type header that is no media type, or a wildcard, is refused (415) too: Spring
 * would fail on it with a server error.
 */
class RequestCheck implements HandlerInterceptor {

    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    /** What a handler method takes: the names of its parameters (null: any), and whether it takes uploaded files. */
    private record Takes(Set<String> names, boolean files) {
    }

    private final Map<Method, Takes> takes = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException, ServletException {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        requireMediaType(request.getContentType());
        Takes t = takes.computeIfAbsent(method.getMethod(), m -> takes(method));
        if (t.names() == null) {
            return true;
        }
        Map<String, Integer> seen = new HashMap<>();
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), null);
                decode(eq < 0 ? "" : pair.substring(eq + 1), name);
                count(seen, name, t.names());
            }
        }
        // Form parts only for endpoints that take files: elsewhere a multipart body is the wrong type (415).
        if (t.files() && WebUtils.getNativeRequest(request, MultipartRequest.class) != null) {
            for (Part part : request.getParts()) {
                count(seen, part.getName(), t.names());
            }
        }
        return true;
    }

    private static void requireMediaType(String contentType) throws HttpMediaTypeNotSupportedException {
        if (contentType == null) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotSupportedException("Invalid Content-Type: " + e.getMessage());
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON));
        }
    }

    private static void count(Map<String, Integer> seen, String name, Set<String> known) {
        if (!known.contains(name)) {
            throw new InvalidInputException(name, "不认识的参数「" + TextInput.shown(name) + "」"
                    + (known.isEmpty() ? "：该接口没有查询参数" : "（可用：" + String.join("、", known) + "）"));
        }
        if (seen.merge(name, 1, Integer::sum) > 1) {
            throw new InvalidInputException(name, "参数「" + name + "」只能出现一次");
        }
    }

    /**
     * Percent-decodes a query name or value strictly as UTF-8; {@code name} is the parameter the value belongs to
     * (null while decoding the name itself).
     */
    private static String decode(String text, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                if (lo < 0) {
                    throw badEncoding(name == null ? text : name);
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw badEncoding(name == null ? text : name);
        }
    }

    private static InvalidInputException badEncoding(String name) {
        return new InvalidInputException(name, "参数「" + TextInput.shown(name) + "」的编码有误：须为 UTF-8 的百分号编码（如 %E4%B8%AD）");
    }

    private static Takes takes(HandlerMethod method) {
        Set<String> names = new TreeSet<>();
        boolean files = false;
        for (MethodParameter p : method.getMethodParameters()) {
            p.initParameterNameDiscovery(NAMES);
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            RequestPart part = p.getParameterAnnotation(RequestPart.class);
            if (param != null && Map.class.isAssignableFrom(p.getParameterType())) {
                return new Takes(null, true);
            }
            String name = param != null ? param.name() : part != null ? part.name() : null;
            if (name != null) {
                names.add(name.isEmpty() ? p.getParameterName() : name);
                files |= part != null || MultipartFile.class.isAssignableFrom(p.getNestedParameterType())
                        || Part.class.isAssignableFrom(p.getNestedParameterType());
            }
        }
        return new Takes(names, files);
    }
}
