package cn.tuijin.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A group robot on loopback for the tests: takes webhook calls as DingTalk does ({@code {"errcode":0}}), or fails
 * the next calls with HTTP 500 when told to; keeps what it took and the query (signature) of each call. Its address
 * names it localhost, the test rig's allowed host (application-test.yaml). Public: the desk's tests use it too.
 */
public class RobotReceiver implements AutoCloseable {

    /** A message the robot took: its path and query, and its JSON. */
    public record Taken(String path, String query, JsonNode json) {

        /** The text a person reads: a text message's content or a Markdown message's text. */
        public String text() {
            JsonNode content = json.path(json.path("msgtype").asText());
            return content.has("content") ? content.get("content").asText() : content.path("text").asText();
        }

        String queryParam(String name) {
            for (String pair : query == null ? new String[0] : query.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals(name)) {
                    return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Taken> taken = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    public RobotReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    /** The next n calls fail with HTTP 500 (the robot is down). */
    void failNext(int n) {
        failures.set(n);
    }

    public List<Taken> taken() {
        return List.copyOf(taken);
    }

    int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 500, "{\"errcode\":-1,\"errmsg\":\"system busy\"}");
            return;
        }
        taken.add(new Taken(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                json.readTree(new String(body, StandardCharsets.UTF_8))));
        answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
