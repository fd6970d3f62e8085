package cn.tuijin.ledger;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ledger's HTTP API as a test calls it: as a demo user (password "demo") or anonymously, uploads as multipart.
 */
final class LedgerClient {

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    LedgerClient(int port) {
        this.port = port;
    }

    HttpResponse<byte[]> get(String path, String user) throws Exception {
        return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> getText(String path, String user) throws Exception {
        return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Uploads the bytes as the multipart field {@code file}. */
    HttpResponse<String> upload(String query, String user, String fileName, byte[] content) throws Exception {
        String boundary = "----tuijin" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest r = request("/api/ledger/import" + query, user)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode dryRun(byte[] xlsx) throws Exception {
        return ok(upload("?dryRun=true", "zhengwt", "ledger.xlsx", xlsx));
    }

    JsonNode commit(byte[] xlsx) throws Exception {
        return ok(upload("?dryRun=false", "zhengwt", "ledger.xlsx", xlsx));
    }

    /** Uploads for real as the project office and expects a refusal (400); returns the problem detail. */
    JsonNode refusedCommit(byte[] xlsx) throws Exception {
        return status(upload("?dryRun=false", "zhengwt", "ledger.xlsx", xlsx), 400);
    }

    JsonNode refusedDryRun(byte[] xlsx) throws Exception {
        return status(upload("?dryRun=true", "zhengwt", "ledger.xlsx", xlsx), 400);
    }

    JsonNode ok(HttpResponse<String> response) throws Exception {
        return status(response, 200);
    }

    JsonNode status(HttpResponse<String> response, int status) throws Exception {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but was " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }
}
