package cn.tuijin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import cn.tuijin.ApiCalls;
import cn.tuijin.security.DoorExpectations.Answer;
import cn.tuijin.security.DoorExpectations.Caller;
import cn.tuijin.system.WebappBrowser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every operation of Camunda's REST API, as Camunda's OpenAPI document lists them ({@link EngineApi}), called through
 * both doors — {@code /engine-rest} with HTTP Basic and the webapps' API with a logged-in session and its XSRF token —
 * by anonymous, an officer of the unit, an officer of another unit, a leader, the project office, a supervisor and the
 * administrator, with bodies that try to change something ({@link ChangingBodies}) aimed at real objects of the demo
 * city ({@link DoorTargets}). Each answer is checked against {@link DoorExpectations} (an operation missing from it
 * fails the test), no answer is a 5xx, every refusal is in Chinese
 * without engine codes, exception names or ids, and after each call the domain ({@link DomainSnapshot}) is as it was.
 * The number of calls and the time they took are printed.
 *
 * <p>The administrator is allowed operations that change things for good (deleting, modifying and migrating a process,
 * suspending, users, groups and authorizations). So that they wreck nothing: the test has its own application context
 * with its own in-memory database ({@value #DATABASE}) and its own process engine ({@value #ENGINE}, reached at
 * {@code /engine-rest/engine/doors/…} and {@code /camunda/api/engine/engine/doors/…}: the default engine's paths would
 * reach the engine of another test's context in the same JVM); every other caller goes first, and the administrator's
 * calls run in the order reads, refusals, changes of a process, operations that leave the domain as it is, and the
 * deletions last. An administrator's change of a process may change its project ({@value DoorTargets#PROJECT}) only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:" + EngineDoorsEnumeratedTest.DATABASE + ";DB_CLOSE_DELAY=-1",
        "camunda.bpm.process-engine-name=" + EngineDoorsEnumeratedTest.ENGINE,
        // thousands of refusals, each checked here: the engine's and the REST layer's stack traces of them are noise
        "logging.level.org.camunda.bpm.engine.context=off", "logging.level.org.camunda.bpm.engine.rest.exception=off"})
@ActiveProfiles({"demo", "test"})
@DirtiesContext   // no other test shares its context: closed at the end rather than kept for the rest of the suite
class EngineDoorsEnumeratedTest {

    static final String DATABASE = "doors";
    static final String ENGINE = "doors";

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-");

    /** A way into the engine: the path every operation's path is appended to. */
    enum Door {
        ENGINE_REST("/engine-rest/engine/" + ENGINE),
        WEBAPP("/camunda/api/engine/engine/" + ENGINE);

        final String prefix;

        Door(String prefix) {
            this.prefix = prefix;
        }

        /** The operation's path at this door ({@code /engine} lists the engines: it is above them). */
        String path(String path) {
            return path.equals("/engine") ? prefix.substring(0, prefix.lastIndexOf('/')) : prefix + path;
        }
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProcessEngine engine;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<Caller, WebappBrowser> sessions = new EnumMap<>(Caller.class);

    @Test
    void theTableNamesEveryOperationOfCamundasDocumentAndNoOther() {
        Set<String> documented = new TreeSet<>();
        EngineApi.load().operations().forEach(op -> documented.add(op.id()));

        assertThat(documented).as("operations of Camunda's OpenAPI document").hasSizeGreaterThan(390);
        assertThat(new TreeSet<>(DoorExpectations.operations())).as("the table of expected answers").isEqualTo(documented);
    }

    @Test
    void everyOperationAnswersEachCallerAsTheRulesSayAndChangesNothingItMayNot() throws Exception {
        long started = System.nanoTime();
        EngineApi api = EngineApi.load();
        DoorTargets targets = new DoorTargets(engine, jdbc);
        ChangingBodies bodies = new ChangingBodies(api, targets);
        for (Caller caller : Caller.values()) {
            sessions.put(caller, logIn(caller));
        }
        Set<String> wrong = new LinkedHashSet<>();
        int calls = 0;
        long snapshotNanos = 0;
        DomainSnapshot before = DomainSnapshot.take(jdbc);
        for (Call call : plan(api.operations())) {
            EngineApi.Operation op = call.operation();
            String path = targets.path(op.path()) + ChangingBodies.query(op);
            ChangingBodies.Body body = bodies.body(op);
            for (Door door : Door.values()) {
                Answer expected = DoorExpectations.answer(op.id(), call.caller(), door == Door.WEBAPP);
                if (expected == null) {
                    wrong.add(op + ": not in the table of expected answers");
                    continue;
                }
                HttpResponse<String> answer = send(door, call.caller(), op.method(), door.path(path), body);
                calls++;
                String what = op + " as " + call.caller() + " at " + door + " (" + path + (body == null ? "" : " " + body) + ")";
                String problem = judge(expected, answer);
                if (problem != null) {
                    wrong.add(what + ": expected " + expected + ", " + problem);
                }
                long t0 = System.nanoTime();
                DomainSnapshot after = DomainSnapshot.take(jdbc);
                snapshotNanos += System.nanoTime() - t0;
                List<String> changed = before.changesUntil(after, expected == Answer.CHANGES_ALLOWED ? DoorTargets.PROJECT : null,
                        call.caller() == Caller.ADMIN);
                if (!changed.isEmpty()) {
                    wrong.add(what + ": answered " + answer.statusCode() + " and changed " + changed);
                }
                before = after;
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("Engine doors: %d operations, %d calls, %d rows checked after each, %d s (%d s checking)%n",
                api.operations().size(), calls, before.size(), seconds, snapshotNanos / 1_000_000_000L);
        assertThat(wrong).as("%d calls; the wrong answers", calls).isEmpty();
    }

    /** One operation called by one caller (at each door). */
    private record Call(EngineApi.Operation operation, Caller caller) {
    }

    /**
     * Everyone but the administrator first, operation by operation; then the administrator: reads, refusals, changes of
     * a process, operations that leave the domain as it is, deletions.
     */
    private static List<Call> plan(List<EngineApi.Operation> operations) {
        List<Call> calls = new ArrayList<>();
        for (EngineApi.Operation op : operations) {
            for (Caller caller : Caller.values()) {
                if (caller != Caller.ADMIN) {
                    calls.add(new Call(op, caller));
                }
            }
        }
        List<EngineApi.Operation> byAdmin = new ArrayList<>(operations);
        byAdmin.sort(Comparator.comparingInt(EngineDoorsEnumeratedTest::adminsTurn));
        byAdmin.forEach(op -> calls.add(new Call(op, Caller.ADMIN)));
        return calls;
    }

    private static int adminsTurn(EngineApi.Operation op) {
        Answer answer = DoorExpectations.answer(op.id(), Caller.ADMIN, false);
        boolean deletes = op.method().equals("DELETE") || op.id().toLowerCase().contains("delete");
        return answer == null ? 0 : switch (answer) {
            case OK, SEEN, UNAUTHENTICATED -> 0;
            case REFUSED -> 1;
            case CHANGES_ALLOWED -> deletes ? 5 : 2;
            case ADMINISTERED -> deletes ? 4 : 3;
        };
    }

    /** What is wrong with the answer, or null. */
    private String judge(Answer expected, HttpResponse<String> answer) {
        int status = answer.statusCode();
        boolean ok = status >= 200 && status < 300;
        boolean refused = status >= 400 && status < 500 && status != 401;
        boolean fits = switch (expected) {
            case UNAUTHENTICATED -> status == 401;
            case OK -> ok;
            case REFUSED -> refused;
            case SEEN, ADMINISTERED, CHANGES_ALLOWED -> ok || refused;
        };
        if (!fits) {
            return "got " + status + " " + abbreviate(answer.body());
        }
        if (status >= 400) {
            String message = message(answer.body());
            if (message == null || !HAN.matcher(message).find() || message.contains("ENGINE-") || message.contains("Exception")
                    || message.contains("Cannot ") || ID.matcher(message).find()) {
                return "got " + status + " without a plain Chinese message: " + abbreviate(answer.body());
            }
        }
        return null;
    }

    private String message(String body) {
        try {
            JsonNode problem = json.readTree(body);
            if (problem == null) {
                return null;
            }
            JsonNode message = problem.has("message") ? problem.get("message") : problem.get("detail");
            return message == null ? null : message.asText();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private HttpResponse<String> send(Door door, Caller caller, String method, String path, ChangingBodies.Body body)
            throws Exception {
        ApiCalls.Request request;
        if (door == Door.WEBAPP) {
            WebappBrowser browser = sessions.get(caller);
            request = browser.request(method, path).header("X-XSRF-TOKEN", browser.xsrfToken());
        } else {
            request = new ApiCalls(port).request(method, path).as(caller.user);
        }
        request.header("Accept", "application/json, */*");
        if (body != null) {
            request.body(body.contentType(), body.bytes());
        }
        return request.send();
    }

    /** A browser logged into Tasklist (the administrator: Cockpit); anonymous: one that only opened Tasklist. */
    private WebappBrowser logIn(Caller caller) throws Exception {
        WebappBrowser browser = new WebappBrowser("http://localhost:" + port);
        if (caller.user == null) {
            browser.openTasklist();
        } else {
            browser.logIn(ENGINE, caller == Caller.ADMIN ? "cockpit" : "tasklist", caller.user, "demo");
        }
        return browser;
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
