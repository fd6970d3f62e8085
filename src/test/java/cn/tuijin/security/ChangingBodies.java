package cn.tuijin.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.tuijin.bulletin.MonthlyBulletin;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.project.Stage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bodies of the enumerated door test, made from each operation's request schema: every property the domain cares
 * about is set to a change (a due date in 2030, another unit's officer or group, another unit's approval as process
 * data, no retries, suspension, a jump to the step that records a project's start, a history removed in 2000), every
 * other property is left out unless the schema requires it. Process data goes only at the top of a body: an
 * administrator's modification or migration is then a real one, which the test lets change its own project.
 */
final class ChangingBodies {

    /** A body: its content type and bytes. */
    record Body(String contentType, byte[] bytes) {

        @Override
        public String toString() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final String LATER = "2030-01-01T00:00:00.000+0800";
    private static final String EARLIER = "2000-01-01T00:00:00.000+0800";
    private static final String BOUNDARY = "tuijin-door-test";
    /** Nested objects worth filling even where the schema does not require them. */
    private static final Set<String> NESTED = Set.of("migrationPlan", "instructions", "profile", "credentials", "query");
    private static final int DEPTH = 4;
    /** Values of the query parameters some operations require. */
    private static final Map<String, String> QUERY = Map.of("permissionName", "UPDATE", "resourceName", "Task",
            "resourceType", "7", "reportType", "duration", "periodUnit", "month", "userId", "wangjg");

    private final EngineApi api;
    private final ObjectMapper json = new ObjectMapper();
    /** A property, or {@code Schema.property}, and the values to try in turn (the first that fits the schema). */
    private final Map<String, List<Object>> changes = new LinkedHashMap<>();
    private final ObjectNode processData = json.createObjectNode();
    private final ObjectNode variableValue = json.createObjectNode();

    ChangingBodies(EngineApi api, DoorTargets targets) {
        this.api = api;
        variableValue.put("value", targets.otherUnitsApproval()).put("type", "Long");
        processData.set(ProjectLifecycle.Var.APPROVAL_ID, variableValue.deepCopy());
        processData.set("entryStage", json.createObjectNode().put("value", Stage.OPERATING.name()));
        for (String date : List.of("due", "followUp", "duedate", "dueDate", "followUpDate")) {
            change(date, LATER);
        }
        change("absoluteRemovalTime", EARLIER);
        for (String person : List.of("userId", "assignee", "owner", "candidateUser", "username")) {
            change(person, "zhaol");
        }
        change("groupId", "zrj");
        change("candidateGroup", "zrj");
        change("name", "改个名");
        for (String text : List.of("description", "annotation", "deleteReason", "message")) {
            change(text, "改个说明");
        }
        change("priority", 99);
        change("retries", 0);
        change("historyTimeToLive", 0);
        for (String flag : List.of("suspended", "includeProcessInstances", "includeJobs", "enableTelemetry")) {
            change(flag, true);
        }
        change("processInstanceId", targets.processInstanceId());
        change("processInstanceIds", List.of(targets.processInstanceId()));
        change("processInstances", List.of(targets.processInstanceId()));
        change("historicProcessInstanceIds", List.of(targets.processInstanceId()));
        for (String definition : List.of("processDefinitionId", "sourceProcessDefinitionId", "targetProcessDefinitionId")) {
            change(definition, targets.processDefinitionId());
        }
        change("processDefinitionKey", targets.processDefinitionKey());
        change("executionId", targets.executionId());
        change("taskId", targets.taskId());
        change("jobId", targets.jobId());
        change("jobIds", List.of(targets.jobId()));
        change("jobDefinitionId", targets.jobDefinitionId());
        change("activityId", DoorTargets.JUMP_TO);
        change("MigrationPlanDto.instructions", targets.migrationInstructions());
        change("businessKey", DoorTargets.OTHER_UNITS_PROJECT);
        change("messageName", MonthlyBulletin.REQUESTED);
        change("deletions", List.of(targets.variableName()));
        change("password", "Changed-by-door-1");
        change("authenticatedUserPassword", "demo");
        change("permissions", List.of("ALL"));
        change("resourceType", 7, "Task");
        change("resourceId", "*");
        change("type", "startBeforeActivity", 1);
        change("IdentityLinkDto.type", "candidate");
        change("GroupDto.type", "WORKFLOW");
        // a grant to 自然资源局's group (an authorization names a user or a group, not both)
        change("AuthorizationCreateDto.userId");
        change("AuthorizationUpdateDto.userId");
        change("id", "doorsnew");
        change("incidentType", "failedJob");
        change("workerId", "doors");
        change("valueType", "Bytes");
        change("deployment-name", "改流程");
        change("attachment-name", "改个名");
    }

    private void change(String property, Object... values) {
        changes.put(property, List.of(values));
    }

    /** The query of a call to the operation: the parameters it requires, and a short page where it lists. */
    static String query(EngineApi.Operation operation) {
        List<String> parameters = new java.util.ArrayList<>();
        for (String name : operation.requiredQuery()) {
            parameters.add(name + "=" + QUERY.getOrDefault(name, "doors"));
        }
        if (operation.pages()) {
            parameters.add("maxResults=5");
        }
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    /** The body of a call to the operation, or null if it takes none. */
    Body body(EngineApi.Operation operation) {
        String type = operation.contentType();
        if (type == null) {
            return null;
        }
        if (type.startsWith("multipart/")) {
            return multipart(operation.requestSchema());
        }
        return new Body("application/json", value(operation.requestSchema(), 0).toString().getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode value(JsonNode reference, int depth) {
        String name = EngineApi.schemaName(reference);
        JsonNode schema = api.resolve(reference);
        if ("VariableValueDto".equals(name)) {
            return variableValue.deepCopy();
        }
        if (name != null && name.endsWith("QueryDto")) {
            // a query reads: its criteria change nothing
            return json.createObjectNode();
        }
        if (isProcessData(schema)) {
            return depth <= 1 ? processData.deepCopy() : json.createObjectNode();
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> object(name, schema, depth);
            case "array" -> {
                ArrayNode items = json.createArrayNode();
                if (depth < DEPTH && schema.has("items") && "object".equals(type(api.resolve(schema.get("items"))))) {
                    items.add(value(schema.get("items"), depth + 1));
                }
                yield items;
            }
            case "boolean" -> json.getNodeFactory().booleanNode(false);
            case "integer", "number" -> json.getNodeFactory().numberNode(1);
            default -> schema.has("enum") ? schema.get("enum").get(0)
                    : json.getNodeFactory().textNode("date-time".equals(schema.path("format").asText()) ? LATER : "doors");
        };
    }

    private ObjectNode object(String name, JsonNode schema, int depth) {
        ObjectNode body = json.createObjectNode();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        Set<String> required = new HashSet<>();
        collect(schema, properties, required);
        // a suspension names what it suspends once: the first of its ids or keys
        boolean namesOnce = name != null && name.contains("SuspensionState");
        boolean named = false;
        for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
            String key = property.getKey();
            JsonNode propertySchema = api.resolve(property.getValue());
            JsonNode change = change(name, key, propertySchema);
            boolean names = key.endsWith("Id") || key.endsWith("Ids") || key.endsWith("Key");
            if (change != null && names && namesOnce && named) {
                continue;
            }
            named |= change != null && names;
            if (change != null) {
                body.set(key, change);
            } else if (isProcessData(propertySchema) && depth == 0) {
                body.set(key, processData.deepCopy());
            } else if (depth < DEPTH && (required.contains(key) || NESTED.contains(key))) {
                body.set(key, value(property.getValue(), depth + 1));
            }
        }
        return body;
    }

    /** The first value of the dictionary for this property that fits its schema. */
    private JsonNode change(String schemaName, String property, JsonNode schema) {
        List<Object> values = changes.getOrDefault(schemaName + "." + property, changes.get(property));
        if (values == null) {
            return null;
        }
        String type = type(schema);
        for (Object value : values) {
            JsonNode node = json.valueToTree(value);
            boolean fits = switch (type) {
                case "string" -> node.isTextual() && (!schema.has("enum") || contains(schema.get("enum"), node));
                case "integer", "number" -> node.isNumber();
                case "boolean" -> node.isBoolean();
                case "array" -> node.isArray();
                default -> false;
            };
            if (fits) {
                return node;
            }
        }
        return null;
    }

    private void collect(JsonNode schema, Map<String, JsonNode> properties, Set<String> required) {
        for (JsonNode part : schema.path("allOf")) {
            collect(api.resolve(part), properties, required);
        }
        schema.path("properties").fields().forEachRemaining(p -> properties.put(p.getKey(), p.getValue()));
        schema.path("required").forEach(r -> required.add(r.asText()));
    }

    /** A map of variables (name to {@code VariableValueDto}): process data. */
    private static boolean isProcessData(JsonNode schema) {
        return "VariableValueDto".equals(EngineApi.schemaName(schema.get("additionalProperties")));
    }

    private static String type(JsonNode schema) {
        if (schema.has("type")) {
            return schema.get("type").asText();
        }
        return schema.has("properties") || schema.has("allOf") ? "object" : "string";
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** A multipart body: the schema's text fields from the dictionary, its files a few bytes each. */
    private Body multipart(JsonNode reference) {
        JsonNode schema = api.resolve(reference);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder parts = new StringBuilder();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        collect(schema, properties, new HashSet<>());
        properties.put("data", json.createObjectNode().put("type", "string").put("format", "binary"));
        for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
            JsonNode propertySchema = api.resolve(property.getValue());
            parts.append("--").append(BOUNDARY).append("\r\n");
            if ("binary".equals(propertySchema.path("format").asText())) {
                parts.append("Content-Disposition: form-data; name=\"").append(property.getKey())
                        .append("\"; filename=\"doors.bpmn\"\r\nContent-Type: application/octet-stream\r\n\r\n<改流程/>\r\n");
            } else {
                JsonNode change = change(EngineApi.schemaName(reference), property.getKey(), propertySchema);
                parts.append("Content-Disposition: form-data; name=\"").append(property.getKey()).append("\"\r\n\r\n")
                        .append(change == null ? value(property.getValue(), DEPTH).asText() : change.asText()).append("\r\n");
            }
        }
        parts.append("--").append(BOUNDARY).append("--\r\n");
        out.writeBytes(parts.toString().getBytes(StandardCharsets.UTF_8));
        return new Body("multipart/form-data; boundary=" + BOUNDARY, out.toByteArray());
    }
}
