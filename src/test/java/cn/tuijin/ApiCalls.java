package cn.tuijin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The application's JSON API called as a demo user (password demo) or anonymously (user null), and the checks of its
 * answers, for the tests that go through the application on its port ({@link TuijinTest}).
 */
public final class ApiCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    public ApiCalls(int port) {
        this.port = port;
    }

    public HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
}
