package cn.tuijin.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import cn.tuijin.ApiCalls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends generated malformed requests as one user and checks every answer: a refusal of bad input (400, 404, 409,
 * 413, 415 or 422 — never 2xx, never 5xx), as an RFC 9457 problem detail ({@code application/problem+json}) with a
 * Chinese title and detail that is short (no echo of a megabyte) and free of framework English, its {@code status},
 * and a {@code field} naming the field at fault. Answers that are not are collected, one example per kind of fault
 * and symptom, for one compact report.
 */
final class RefusalCheck {

    static final Set<Integer> REFUSALS = Set.of(400, 404, 409, 413, 415, 422);

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    /** Words of Spring, Jackson, Tomcat or Java messages that must not reach a user. */
    private static final Pattern FRAMEWORK = Pattern.compile(
            "Exception|JSON parse error|Cannot deserialize|Unrecognized|Required request|Failed to|not supported|"
                    + "Could not|Invalid mime|Unexpected character|java\\.|jakarta\\.|org\\.spring|com\\.fasterxml|"
                    + "Bad Request|Internal Server Error|Not Found|at \\[Source");
    private static final int MAX_DETAIL = 600;

    private final ObjectMapper json = new ObjectMapper();
    private final ApiCalls api;

    RefusalCheck(int port) {
        this.api = new ApiCalls(port);
    }

    /** What a run found: how many requests were sent, and the first example and count of each failure. */
    static final class Report {
        private final String endpoint;
        private int sent;
        private final Map<String, Failure> failures = new LinkedHashMap<>();

        private Report(String endpoint) {
            this.endpoint = endpoint;
        }

        int sent() {
            return sent;
        }

        boolean clean() {
            return failures.isEmpty();
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(endpoint).append(": ").append(sent).append(" malformed requests, ")
                    .append(failures.values().stream().mapToInt(Failure::count).sum()).append(" not refused properly, ")
                    .append(failures.size()).append(" distinct:");
            failures.values().stream().limit(40).forEach(f -> s.append("\n  - ").append(f));
            if (failures.size() > 40) {
                s.append("\n  … and ").append(failures.size() - 40).append(" more");
            }
            return s.toString();
        }
    }

    private static final class Failure {
        private final String key;
        private final Attempt example;
        private final String answer;
        private int count;

        Failure(String key, Attempt example, String answer) {
            this.key = key;
            this.example = example;
            this.answer = answer;
        }

        int count() {
            return count;
        }

        @Override
        public String toString() {
            return key + " (×" + count + ")\n      request: " + example.shown() + "\n      answer:  " + answer;
        }
    }

    /** Sends {@code count} requests from the generator, seeded, as {@code user} (password "demo"). */
    Report run(String endpoint, String user, RequestGenerator generator, long seed, int count) {
        Random random = new Random(seed);
        Report report = new Report(endpoint);
        for (int i = 0; i < count; i++) {
            Attempt attempt = generator.next(random);
            report.sent++;
            String symptom;
            String answer;
            try {
                HttpResponse<String> response = send(attempt, user);
                answer = response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("-") + " "
                        + Attempt.cut(response.body(), 300).replace("\n", "\\n");
                symptom = symptom(attempt, response);
            } catch (IOException e) {
                answer = e.toString();
                symptom = "no answer: " + e.getClass().getSimpleName();
            }
            if (symptom != null) {
                String key = attempt.mutation() + " → " + symptom;
                String shown = answer;
                report.failures.computeIfAbsent(key, k -> new Failure(k, attempt, shown)).count++;
            }
        }
        return report;
    }

    HttpResponse<String> send(Attempt attempt, String user) throws IOException {
        return send(attempt, user, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The bytes a GET answers with 200. */
    byte[] download(String path, String user) throws IOException {
        HttpResponse<byte[]> response = send(new Attempt("download", "GET", path, null, null, null, 0), user,
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode());
        }
        return response.body();
    }

    private <T> HttpResponse<T> send(Attempt attempt, String user, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return attempt.request(api).timeout(Duration.ofSeconds(30)).as(user).send(handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** What is wrong with the answer to a malformed request, or null if it is a proper refusal. */
    private String symptom(Attempt attempt, HttpResponse<String> response) {
        int status = response.statusCode();
        if (attempt.status() != 0 ? status != attempt.status() : !REFUSALS.contains(status)) {
            return "status " + status + (attempt.status() != 0 ? " instead of " + attempt.status() : "");
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "not a problem detail (" + type + ")";
        }
        JsonNode problem;
        try {
            problem = json.readTree(response.body());
        } catch (IOException e) {
            return "problem detail not JSON";
        }
        String detail = problem.path("detail").asText("");
        if (!HAN.matcher(detail).find() || !HAN.matcher(problem.path("title").asText("")).find()) {
            return "title or detail not in Chinese";
        }
        if (FRAMEWORK.matcher(detail).find()) {
            return "framework English in the detail";
        }
        if (detail.length() > MAX_DETAIL) {
            return "detail of " + detail.length() + " characters";
        }
        if (problem.path("status").asInt() != status) {
            return "status property " + problem.path("status");
        }
        if (!problem.path("field").isTextual()) {
            return "no field named";
        }
        String field = problem.path("field").asText();
        if (!field.equals(attempt.field())) {
            return "field \"" + Attempt.cut(field, 40) + "\" instead of \"" + Attempt.cut(attempt.field(), 40) + "\"";
        }
        return null;
    }

    /** Row counts of the tables the API writes to, and of Camunda's runtime and history. */
    static List<String> tables() {
        return List.of("project", "project_approval", "project_cooperating_unit", "stage_claim", "monthly_report",
                "accountability_record", "task_deadline", "project_light", "notification_outbox", "extension_request",
                "task_pause", "calendar_year", "issue", "issue_cooperating_unit", "issue_event", "issue_meeting",
                "issue_assignment", "notice", "notice_event", "bulletin", "ledger_import", "ledger_import_project",
                "ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_RU_JOB", "ACT_RU_IDENTITYLINK",
                "ACT_HI_PROCINST", "ACT_HI_TASKINST", "ACT_HI_COMMENT", "ACT_HI_VARINST", "ACT_GE_BYTEARRAY");
    }
}
