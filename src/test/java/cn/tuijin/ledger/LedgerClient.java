package cn.tuijin.ledger;

import java.net.http.HttpResponse;

import cn.tuijin.ApiCalls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ledger's HTTP API as a test calls it, through {@link ApiCalls}: as a demo user (password "demo") or anonymously,
 * uploads as multipart.
 */
final class LedgerClient {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ApiCalls api;
    private final ObjectMapper json = new ObjectMapper();

    LedgerClient(int port) {
        this.api = new ApiCalls(port);
    }

    HttpResponse<byte[]> get(String path, String user) throws Exception {
        return api.download(path, user);
    }

    HttpResponse<String> getText(String path, String user) throws Exception {
        return api.request("GET", path).as(user).send();
    }

    /** Uploads the bytes as the multipart field {@code file}. */
    HttpResponse<String> upload(String query, String user, String fileName, byte[] content) throws Exception {
        return api.request("POST", "/api/ledger/import" + query).as(user).file("file", fileName, XLSX, content).send();
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
        return api.ok(response);
    }

    JsonNode status(HttpResponse<String> response, int status) throws Exception {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but was " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
