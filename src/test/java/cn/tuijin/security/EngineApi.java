package cn.tuijin.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Camunda's REST API as Camunda publishes it: the OpenAPI document of {@code camunda-engine-rest-openapi} (a test
 * dependency of the same version as the engine). Every operation it names is a door of {@code /engine-rest} and of the
 * webapps' API; a door Camunda adds in a later version appears here the day the version is upgraded.
 */
final class EngineApi {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "options", "head");

    /** One operation: its method, its path template (relative to an engine) and what the document says of it. */
    record Operation(String id, String method, String path, JsonNode description) {

        /** The query parameters it cannot be called without. */
        List<String> requiredQuery() {
            List<String> names = new ArrayList<>();
            description.path("parameters").forEach(p -> {
                if ("query".equals(p.path("in").asText()) && p.path("required").asBoolean()) {
                    names.add(p.path("name").asText());
                }
            });
            return names;
        }

        /** Whether it lists (and so takes {@code maxResults}). */
        boolean pages() {
            for (JsonNode p : description.path("parameters")) {
                if ("maxResults".equals(p.path("name").asText())) {
                    return true;
                }
            }
            return false;
        }

        /** The content type of its request body, or null if it takes none. */
        String contentType() {
            var types = description.path("requestBody").path("content").fieldNames();
            return types.hasNext() ? types.next() : null;
        }

        JsonNode requestSchema() {
            return contentType() == null ? null : description.path("requestBody").path("content").path(contentType()).path("schema");
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + id + ")";
        }
    }

    private final JsonNode document;

    private EngineApi(JsonNode document) {
        this.document = document;
    }

    /** The document on the test class path (the root resource {@code openapi.json} of Camunda's artifact). */
    static EngineApi load() {
        URL url = EngineApi.class.getClassLoader().getResource("openapi.json");
        if (url == null || !url.toString().contains("camunda-engine-rest-openapi")) {
            throw new IllegalStateException("Camunda's OpenAPI document (camunda-engine-rest-openapi) is not on the class path: " + url);
        }
        try (InputStream in = url.openStream()) {
            return new EngineApi(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.add(new Operation(op.getValue().path("operationId").asText(), op.getKey().toUpperCase(),
                        path.getKey(), op.getValue()));
            }
        }));
        return operations;
    }

    /** A schema with its reference followed ({@code #/components/schemas/…}). */
    JsonNode resolve(JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved != null && resolved.has("$ref")) {
            String ref = resolved.get("$ref").asText();
            resolved = document.at(ref.substring(1));
        }
        return resolved;
    }

    /** The name of the schema a reference points to, or null. */
    static String schemaName(JsonNode schema) {
        if (schema == null || !schema.has("$ref")) {
            return null;
        }
        String ref = schema.get("$ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
