package cn.tuijin.system;

import static cn.tuijin.system.RequestGenerator.any;
import static cn.tuijin.system.RequestGenerator.encode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Malformed variants of one valid JSON request: a field with a wrong value, type or none at all; a field nobody
 * knows; a body that is no JSON object; the right body under the wrong Content-Type; an unknown path variable or
 * query parameter; and faults of the endpoint's own (two fields that exclude each other). Each variant has one
 * fault; free-text fields not at fault may carry odd but valid text (SQL, HTML, emoji) as noise.
 */
final class JsonRequests implements RequestGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final String path;
    private final ObjectNode valid;
    private final Map<String, String> pathVariables = new LinkedHashMap<>();
    private final Map<String, List<String>> badPathValues = new LinkedHashMap<>();
    private final List<JsonField> fields = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();

    /** A fault of the endpoint's own: a change to the valid body and the field its refusal names. */
    private record Fault(String label, Consumer<ObjectNode> change, String field) {
    }

    private JsonRequests(String method, String path, ObjectNode valid) {
        this.method = method;
        this.path = path;
        this.valid = valid;
    }

    /** Variants of {@code method path} with the valid body {@code json}; the path may have {variables}. */
    static JsonRequests of(String method, String path, String json) {
        try {
            return new JsonRequests(method, path, (ObjectNode) JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** A path variable, its valid value and wrong ones (each refused naming the variable). */
    JsonRequests pathVariable(String name, String validValue, List<String> bad) {
        pathVariables.put(name, validValue);
        badPathValues.put(name, bad);
        return this;
    }

    JsonRequests field(JsonField field) {
        fields.add(field);
        return this;
    }

    JsonRequests fault(String label, Consumer<ObjectNode> change, String field) {
        faults.add(new Fault(label, change, field));
        return this;
    }

    /** The valid request itself. */
    Attempt validRequest() {
        return new Attempt("valid", method, path(pathVariables), "application/json", bytes(valid), null, 0);
    }

    @Override
    public Attempt next(Random random) {
        int pick = random.nextInt(100);
        if (pick < 50) {
            return badField(random);
        } else if (pick < 60) {
            return unknownField(random);
        } else if (pick < 75) {
            return notAJsonObject(random);
        } else if (pick < 86) {
            return wrongContentType(random);
        } else if (pick < 93 && !pathVariables.isEmpty()) {
            return badPathVariable(random);
        } else if (pick < 97 && !faults.isEmpty()) {
            Fault fault = any(random, faults);
            ObjectNode body = noisy(random, null);
            fault.change().accept(body);
            return json(fault.label(), path(pathVariables), body, fault.field());
        }
        return unknownQueryParameter(random);
    }

    private Attempt badField(Random random) {
        JsonField field = any(random, fields);
        JsonField.Bad bad = any(random, field.badValues(at(valid, field.path())));
        ObjectNode body = noisy(random, field);
        field.clears().forEach(other -> set(body, other, null));
        set(body, field.path(), bad.value());
        return json(field.path() + ": " + bad.label(), path(pathVariables), body, bad.field());
    }

    private Attempt unknownField(Random random) {
        List<String> names = new ArrayList<>(BadValues.UNKNOWN_NAMES);
        valid.fieldNames().forEachRemaining(n -> {
            names.add(n + " ");
            names.add(n.toLowerCase().equals(n) ? n.toUpperCase() : n.toLowerCase());
        });
        String name = any(random, names);
        ObjectNode body = noisy(random, null);
        JsonNode value = any(random, List.of(TextNode.valueOf("x"), JSON.getNodeFactory().numberNode(1),
                JSON.getNodeFactory().nullNode(), JSON.createArrayNode(), JSON.createObjectNode(), TextNode.valueOf(BadValues.ONE_MB)));
        body.set(name, value);
        return json("unknown field", path(pathVariables), body, name);
    }

    private Attempt notAJsonObject(Random random) {
        String valid = text(this.valid);
        int pick = random.nextInt(9);
        String p = path(pathVariables);
        return switch (pick) {
            case 0 -> raw("truncated JSON", p, valid.substring(0, 1 + random.nextInt(valid.length() - 1)));
            case 1 -> raw("trailing garbage", p, valid + any(random, List.of(" x", "}", "]", ",", valid, " // comment", "\u0000")));
            case 2 -> raw("JSON array of the body", p, "[" + valid + "]");
            case 3 -> withBrokenString("control character unescaped in a string", p, new byte[] {0x01});
            case 4 -> withBrokenString("invalid UTF-8 in a string", p, any(random, List.of(
                    new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, 0x28}, new byte[] {(byte) 0xe4, (byte) 0xb8},
                    new byte[] {(byte) 0xc0, (byte) 0x80}, new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80})));
            case 5 -> duplicateKey(random, p);
            default -> raw("not a JSON object", p, any(random, BadValues.NOT_A_JSON_OBJECT));
        };
    }

    private Attempt wrongContentType(Random random) {
        String p = path(pathVariables);
        String json = text(valid);
        return switch (random.nextInt(9)) {
            case 0 -> new Attempt("Content-Type text/plain", method, p, "text/plain;charset=UTF-8", utf8(json), "body", 415);
            case 1 -> new Attempt("Content-Type application/xml", method, p, "application/xml", utf8(xml()), "body", 415);
            case 2 -> new Attempt("Content-Type form", method, p, "application/x-www-form-urlencoded", utf8(form()), "body", 415);
            case 3 -> {
                String boundary = "fuzz" + random.nextInt(1_000_000);
                yield new Attempt("Content-Type multipart", method, p, "multipart/form-data; boundary=" + boundary,
                        utf8(multipart(boundary)), "body", 415);
            }
            case 4 -> new Attempt("no Content-Type", method, p, null, utf8(json), "body", 415);
            case 5 -> new Attempt("Content-Type octet-stream", method, p, "application/octet-stream", utf8(json), "body", 415);
            case 6 -> new Attempt("Content-Type text/json", method, p, "text/json", utf8(json), "body", 415);
            case 7 -> new Attempt("Content-Type image/png", method, p, "image/png", utf8(json), "body", 415);
            default -> new Attempt("Content-Type malformed", method, p, any(random, List.of("json", "application/", "/json", ";;",
                    "application/json; charset=no-such-charset", "application/json; charset=\"", "*/*")), utf8(json), "body", 415);
        };
    }

    private Attempt badPathVariable(Random random) {
        String name = any(random, List.copyOf(pathVariables.keySet()));
        Map<String, String> values = new LinkedHashMap<>(pathVariables);
        String bad = any(random, badPathValues.get(name));
        values.put(name, bad);
        return json(name + ": unknown or malformed", path(values), noisy(random, null), BadValues.fieldOfPathValue(name, bad));
    }

    private Attempt unknownQueryParameter(Random random) {
        String name = any(random, BadValues.UNKNOWN_NAMES);
        String query = "?" + encode(name) + "=" + encode(any(random, List.of("1", "true", "x", "")));
        return json("unknown query parameter", path(pathVariables) + query, noisy(random, null), name);
    }

    /** The valid body; free-text fields other than {@code faulty} may carry odd but valid text. */
    private ObjectNode noisy(Random random, JsonField faulty) {
        ObjectNode body = valid.deepCopy();
        for (JsonField f : fields) {
            if (f != faulty && f.kind() == JsonField.Kind.TEXT && random.nextInt(3) == 0) {
                String text = any(random, BadValues.ODD_BUT_VALID_TEXT);
                if (text.length() <= f.max()) {
                    set(body, f.path(), TextNode.valueOf(text));
                }
            }
        }
        return body;
    }

    private Attempt json(String label, String pathAndQuery, ObjectNode body, String field) {
        return new Attempt(label, method, pathAndQuery, "application/json", bytes(body), field, 0);
    }

    private Attempt raw(String label, String pathAndQuery, String body) {
        return new Attempt(label, method, pathAndQuery, "application/json", utf8(body), "body", 0);
    }

    /** The valid body with bytes that break it put into the first text field's value. */
    private Attempt withBrokenString(String label, String pathAndQuery, byte[] broken) {
        JsonField first = fields.stream().filter(f -> f.isText() && at(valid, f.path()) != null).findFirst().orElseThrow();
        ObjectNode body = valid.deepCopy();
        set(body, first.path(), TextNode.valueOf("@@BROKEN@@"));
        String[] parts = text(body).split("@@BROKEN@@", 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(parts[0]));
        out.writeBytes(broken);
        out.writeBytes(utf8(parts[1]));
        return new Attempt(label, method, pathAndQuery, "application/json", out.toByteArray(), "body", 0);
    }

    /** The first field twice, with its valid value and another: the refusal names it. */
    private Attempt duplicateKey(Random random, String pathAndQuery) {
        String name = valid.fieldNames().next();
        String again = "\"" + name + "\":" + text(any(random, List.of(valid.get(name), TextNode.valueOf("x")))) + ",";
        return new Attempt("duplicate key", method, pathAndQuery, "application/json", utf8("{" + again + text(valid).substring(1)),
                name, 0);
    }

    private String path(Map<String, String> values) {
        String p = path;
        for (Map.Entry<String, String> v : values.entrySet()) {
            p = p.replace("{" + v.getKey() + "}", encode(v.getValue()));
        }
        return p;
    }

    private String xml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><request>");
        valid.fields().forEachRemaining(e -> xml.append('<').append(e.getKey()).append('>').append(e.getValue().asText())
                .append("</").append(e.getKey()).append('>'));
        return xml.append("</request>").toString();
    }

    private String form() {
        StringBuilder form = new StringBuilder();
        valid.fields().forEachRemaining(e -> form.append(form.isEmpty() ? "" : "&").append(encode(e.getKey())).append('=')
                .append(encode(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString())));
        return form.toString();
    }

    private String multipart(String boundary) {
        StringBuilder body = new StringBuilder();
        valid.fields().forEachRemaining(e -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(e.getKey()).append("\"\r\n\r\n").append(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString())
                .append("\r\n"));
        return body.append("--").append(boundary).append("--\r\n").toString();
    }

    // ---- JSON helpers: paths like "holidays[0].from" ----

    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            int bracket = step.indexOf('[');
            node = node.get(bracket < 0 ? step : step.substring(0, bracket));
            if (bracket >= 0 && node != null) {
                node = node.get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
            }
        }
        return node;
    }

    /** Sets the value at the path; null removes the field. */
    static void set(ObjectNode root, String path, JsonNode value) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : at(root, path.substring(0, dot));
        String last = dot < 0 ? path : path.substring(dot + 1);
        int bracket = last.indexOf('[');
        if (bracket >= 0) {
            ArrayNode array = (ArrayNode) parent.get(last.substring(0, bracket));
            int index = Integer.parseInt(last.substring(bracket + 1, last.length() - 1));
            if (value == null) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
        } else if (value == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    /**
     * The JSON text of a node. Lone surrogate halves are written as \\u escapes: as raw characters they could not be
     * sent in UTF-8 at all.
     */
    static String text(JsonNode node) {
        String json;
        try {
            json = JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(json.charAt(i - 1));
            if (Character.isSurrogate(c) && !paired) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static byte[] bytes(JsonNode node) {
        return utf8(text(node));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
