package cn.tuijin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one HTTP client of the tests: the application called on its port (or at another node's address) as a demo user
 * (password demo, or another one given), anonymously (user null), or as a browser tab that keeps its cookies
 * ({@link #withCookies()}); and the checks of its answers. Every request goes over HTTP/1.1, as a browser's does to
 * Tomcat here, and none follows a redirect unless asked ({@link Request#followRedirects()}).
 */
public final class ApiCalls {

    private static final HttpClient HTTP = client().build();
    private static final HttpClient FOLLOWING = client().followRedirects(HttpClient.Redirect.NORMAL).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    /** Null for the shared clients; a tab's own client otherwise. */
    private final HttpClient tab;
    private final CookieManager cookies;

    /** The application of this JVM, on this port of localhost. */
    public ApiCalls(int port) {
        this("http://localhost:" + port);
    }

    /** The application at this address ({@code http://host:port}), e.g. another node. */
    public ApiCalls(String base) {
        this(base, null, null);
    }

    private ApiCalls(String base, HttpClient tab, CookieManager cookies) {
        this.base = base;
        this.tab = tab;
        this.cookies = cookies;
    }

    private static HttpClient.Builder client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
    }

    /** A browser tab on the same address: it keeps the cookies it is given, sends them back and follows redirects. */
    public ApiCalls withCookies() {
        CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        return new ApiCalls(base, client().cookieHandler(jar).followRedirects(HttpClient.Redirect.NORMAL).build(), jar);
    }

    /** The value of a cookie this tab keeps ("" if none). */
    public String cookie(String name) {
        if (cookies == null) {
            throw new IllegalStateException("no cookies kept: call withCookies() first");
        }
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> name.equals(c.getName()))
                .map(HttpCookie::getValue)
                .reduce((first, second) -> second)
                .orElse("");
    }

    /** A request to build: nothing is sent along but what is added to it (and a tab's cookies). */
    public Request request(String method, String path) {
        return new Request(method, path);
    }

    /** A JSON call (Content-Type application/json, with or without a body) as a demo user, or anonymously. */
    public HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return request(method, path).as(user).header("Content-Type", "application/json").body(null, body).send();
    }

    /** A GET whose answer is kept as bytes (a workbook, a file). */
    public HttpResponse<byte[]> download(String path, String user) throws Exception {
        return request("GET", path).as(user).send(HttpResponse.BodyHandlers.ofByteArray());
    }

    public JsonNode ok(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /**
     * Refused at the engine's doors (or by /api behind them) with this status and a plain Chinese message (no engine
     * code, exception name, id or English prefix) that, if given, mentions the text; returns the message.
     */
    public String refusedAtTheEngine(HttpResponse<String> answer, int status, String mentioning) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(answer.body());
        String message = body.has("message") ? body.path("message").asText() : body.path("detail").asText();   // engine : /api
        assertThat(message).as(answer.body()).containsPattern("\\p{IsHan}").doesNotContain("ENGINE-", "Exception", "Cannot ")
                .doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-");
        if (mentioning != null) {
            assertThat(message).contains(mentioning);
        }
        return message;
    }

    /** Refused with this status, a Chinese detail and, if given, the field at fault; returns the detail. */
    public String refused(HttpResponse<String> answer, int status, String field) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("detail").asText()).containsPattern("\\p{IsHan}");
        if (field != null) {
            assertThat(problem.path("field").asText()).isEqualTo(field);
        }
        return problem.path("detail").asText();
    }

    /** One request: who sends it, its headers and body; {@link #send()} sends it. */
    public final class Request {

        private final HttpRequest.Builder builder;
        private final String method;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        private boolean following;

        private Request(String method, String path) {
            this.builder = HttpRequest.newBuilder(URI.create(base + path));
            this.method = method;
        }

        /** Sent as this demo user with the password demo; a null user sends no credentials. */
        public Request as(String user) {
            return as(user, "demo");
        }

        /** Sent as this user with this password (HTTP Basic); a null user sends no credentials. */
        public Request as(String user, String password) {
            if (user != null) {
                builder.header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            return this;
        }

        public Request header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        /** A JSON body (Content-Type application/json); null sends neither a body nor a Content-Type. */
        public Request json(String json) {
            return json == null ? this : body("application/json", json);
        }

        /** A text body (UTF-8) of this type; a null type sends no Content-Type, a null text no body. */
        public Request body(String contentType, String text) {
            return body(contentType, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
        }

        /** A body of these bytes and this type; a null type sends no Content-Type, null bytes no body. */
        public Request body(String contentType, byte[] bytes) {
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            body = bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        /** A multipart/form-data body of one file in the named field, as a browser uploads it. */
        public Request file(String field, String fileName, String contentType, byte[] content) {
            String boundary = "----tuijin" + UUID.randomUUID();
            ByteArrayOutputStream multipart = new ByteArrayOutputStream();
            multipart.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            multipart.writeBytes(content);
            multipart.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return body("multipart/form-data; boundary=" + boundary, multipart.toByteArray());
        }

        public Request timeout(Duration timeout) {
            builder.timeout(timeout);
            return this;
        }

        /** Follows redirects to the final answer (a tab always does). */
        public Request followRedirects() {
            following = true;
            return this;
        }

        /** Sends it; the answer's body as text (UTF-8). */
        public HttpResponse<String> send() throws IOException, InterruptedException {
            return send(HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        public <T> HttpResponse<T> send(HttpResponse.BodyHandler<T> answer) throws IOException, InterruptedException {
            HttpClient http = tab != null ? tab : following ? FOLLOWING : HTTP;
            return http.send(builder.method(method, body).build(), answer);
        }
    }
}
