package cn.tuijin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.demo.DemoCity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the application's API, and Camunda's REST API, called by each kind of user: anonymous, an officer
 * of the unit that leads the demo's 临江大道 project (王建国, 住建局), an officer of an unrelated unit (刘洋, 工信局), the
 * project's contracting leader (林晓红), the project office, a supervisor and the administrator. Each answer is checked:
 * allowed, refused as input (allowed to call, nothing written), 401, 403, or filtered to what that user may see.
 * A new endpoint that is not in the matrix fails the test.
 */
@TuijinTest
class AccessMatrixTest {

    enum Who {
        ANONYMOUS(null), OFFICER_A("wangjg"), OFFICER_B("liuy"), LEADER("linxh"), PROJECT_OFFICE("zhengwt"),
        SUPERVISOR("huangzh"), ADMIN("admin");

        final String user;

        Who(String user) {
            this.user = user;
        }
    }

    enum Expect {
        /** 2xx. */
        OK,
        /** Allowed to call, refused for its input (4xx other than 401, 403): nothing written. */
        INPUT,
        /** Allowed to call; the thing asked for does not exist. */
        MISSING,
        DENIED,
        UNAUTHENTICATED
    }

    /** One call: the mapping it exercises, the request, and what each user gets (anonymous: always 401). */
    private record Case(String method, String pattern, String path, String body, Map<Who, Expect> expected,
                        BiConsumer<Who, JsonNode> filtered) {
    }

    private static final String PROJECT = "XM-2026-010";   // 住建局 leads, 林晓红 is its leader; 工信局 has no part in it
    private static final String OTHERS_PROJECT = "XM-2026-001";   // 马志远's, 工信局 cooperates

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired TaskService tasks;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    private final ObjectMapper json = new ObjectMapper();

    /** The demo city's issue on {@value #PROJECT} (numbered in the year it was reported, which depends on the day). */
    private String demoIssue() {
        return jdbc.queryForObject("select min(code) from issue where project_code = ?", String.class, DemoCity.ISSUE_PROJECT);
    }
    private String claimTask;
    private long noticeId;

    @BeforeEach
    void findTheHeldTaskAndANotice() throws Exception {
        // The start claim of the project, held by 住建局 and overdue: the subject of task endpoints and of a notice.
        claimTask = tasks.createTaskQuery().processInstanceBusinessKey(PROJECT).taskDefinitionKey("Task_ClaimStart")
                .singleResult().getId();
        List<Long> notices = jdbc.queryForList("select id from notice where task_id = ?", Long.class, claimTask);
        if (notices.isEmpty()) {
            HttpResponse<String> issued = call("POST", "/api/notices", Who.SUPERVISOR,
                    "{\"taskId\":\"" + claimTask + "\",\"requirement\":\"说明逾期未开工原因\"}");
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            noticeId = json.readTree(issued.body()).get("id").asLong();
        } else {
            noticeId = notices.get(0);
        }
    }

    private List<Case> matrix() {
        List<Case> cases = new ArrayList<>();
        Map<Who, Expect> everyone = all(Expect.OK);
        Map<Who, Expect> projectReaders = with(all(Expect.OK), Expect.DENIED, Who.OFFICER_B);
        Map<Who, Expect> dashboard = with(all(Expect.OK), Expect.DENIED, Who.OFFICER_A, Who.OFFICER_B);

        // Projects.
        cases.add(new Case("GET", "/api/projects", "/api/projects?size=200", null, everyone, this::seesTheirProjects));
        cases.add(new Case("GET", "/api/projects/{code}", "/api/projects/" + PROJECT, null, projectReaders, null));
        cases.add(new Case("GET", "/api/projects/{code}", "/api/projects/" + OTHERS_PROJECT, null,
                with(all(Expect.OK), Expect.DENIED, Who.OFFICER_A, Who.LEADER), null));
        cases.add(new Case("GET", "/api/projects/{code}/light", "/api/projects/" + PROJECT + "/light", null, projectReaders, null));
        cases.add(new Case("GET", "/api/projects/{code}/issues", "/api/projects/" + PROJECT + "/issues", null, projectReaders, null));
        // Issues.
        cases.add(new Case("GET", "/api/issues/{code}", "/api/issues/" + demoIssue(), null, projectReaders, null));
        cases.add(new Case("GET", "/api/issues/{code}/timeline", "/api/issues/" + demoIssue() + "/timeline", null, projectReaders, null));
        cases.add(new Case("GET", "/api/issues/stats", "/api/issues/stats", null, everyone, this::officersSeeTheirUnitsStatistics));
        cases.add(new Case("POST", "/api/issues", "/api/issues", "{\"projectCode\":\"" + PROJECT + "\"}",
                with(all(Expect.INPUT), Expect.DENIED, Who.OFFICER_B), null));
        // Deadlines: records, extension requests, pauses; only the holding unit acts on its task.
        cases.add(new Case("GET", "/api/accountability", "/api/accountability?size=200", null, everyone,
                unitWork("accountability_record", "holder_unit_code")));
        cases.add(new Case("GET", "/api/extension-requests", "/api/extension-requests?size=200", null, everyone,
                unitWork("extension_request", "unit_code")));
        cases.add(new Case("GET", "/api/extension-requests/counts", "/api/extension-requests/counts", null, everyone,
                this::officersSeeTheirUnitsCounts));
        Map<Who, Expect> holderOnly = with(all(Expect.DENIED), Expect.INPUT, Who.OFFICER_A);
        cases.add(new Case("POST", "/api/tasks/{taskId}/extension-requests", "/api/tasks/" + claimTask + "/extension-requests", "{}", holderOnly, null));
        cases.add(new Case("POST", "/api/tasks/{taskId}/pause", "/api/tasks/" + claimTask + "/pause", "{}", holderOnly, null));
        cases.add(new Case("POST", "/api/tasks/{taskId}/resume", "/api/tasks/" + claimTask + "/resume", null, holderOnly, null));
        // Evidence files: read by whoever sees the project; uploaded by the task's holder (multipart only: a JSON body is
        // the wrong type for everyone; who may upload is EvidenceApiTest's); one file by id, for whoever sees its project.
        cases.add(new Case("GET", "/api/evidence/tasks/{taskId}", "/api/evidence/tasks/" + claimTask, null, projectReaders, null));
        cases.add(new Case("POST", "/api/evidence/tasks/{taskId}", "/api/evidence/tasks/" + claimTask, "{}", all(Expect.INPUT), null));
        cases.add(new Case("GET", "/api/evidence/projects/{code}", "/api/evidence/projects/" + PROJECT, null, projectReaders, null));
        cases.add(new Case("GET", "/api/evidence/files/{id}", "/api/evidence/files/987654", null, all(Expect.MISSING), null));
        cases.add(new Case("GET", "/api/evidence/files/{id}/content", "/api/evidence/files/987654/content", null, all(Expect.MISSING), null));
        cases.add(new Case("DELETE", "/api/evidence/files/{id}", "/api/evidence/files/987654", null, all(Expect.MISSING), null));
        // The desk: a task's clock for those who see the task, the extension preview for its holder; 已办 and 我发起的,
        // one's own, or anyone's for the offices and administrators.
        cases.add(new Case("GET", "/api/tasks/deadlines", "/api/tasks/deadlines?ids=" + claimTask, null, everyone, null));
        cases.add(new Case("GET", "/api/tasks/{taskId}/deadline-status", "/api/tasks/" + claimTask + "/deadline-status", null,
                with(all(Expect.OK), Expect.MISSING, Who.OFFICER_B), null));
        cases.add(new Case("GET", "/api/tasks/{taskId}/extension-preview",
                "/api/tasks/" + claimTask + "/extension-preview?newDueDate=2020-01-01", null, holderOnly, null));
        cases.add(new Case("GET", "/api/worklist/done", "/api/worklist/done", null, everyone, null));
        cases.add(new Case("GET", "/api/worklist/done", "/api/worklist/done?user=wangjg", null,
                with(all(Expect.OK), Expect.DENIED, Who.OFFICER_B, Who.LEADER), null));
        cases.add(new Case("GET", "/api/worklist/started", "/api/worklist/started", null, everyone, null));
        cases.add(new Case("GET", "/api/units", "/api/units", null, everyone, null));
        cases.add(new Case("GET", "/api/me", "/api/me", null, everyone, this::eachSeesHimself));
        // 催办: supervisors, the project office and the project's leader urge (a note too long is refused before anything is
        // written); a task's urges for those who see its unit's work; counts of the tasks and units the caller sees.
        String longNote = "{\"note\":\"" + "催".repeat(201) + "\"}";
        cases.add(new Case("POST", "/api/tasks/{taskId}/urges", "/api/tasks/" + claimTask + "/urges", longNote,
                with(all(Expect.DENIED), Expect.INPUT, Who.LEADER, Who.PROJECT_OFFICE, Who.SUPERVISOR), null));
        cases.add(new Case("GET", "/api/tasks/{taskId}/urges", "/api/tasks/" + claimTask + "/urges", null, projectReaders, null));
        cases.add(new Case("GET", "/api/urges/counts", "/api/urges/counts?tasks=" + claimTask, null, everyone, null));
        cases.add(new Case("GET", "/api/urges/units", "/api/urges/units", null, everyone, null));
        // 抄送: the project office and leaders copy; everyone reads what reached him; a task's subject for those who see it.
        cases.add(new Case("POST", "/api/copies", "/api/copies", "{}",
                with(all(Expect.DENIED), Expect.INPUT, Who.LEADER, Who.PROJECT_OFFICE), null));
        cases.add(new Case("GET", "/api/copies/mine", "/api/copies/mine", null, everyone, null));
        cases.add(new Case("GET", "/api/copies/mine/unread", "/api/copies/mine/unread", null, everyone, null));
        cases.add(new Case("POST", "/api/copies/{id}/read", "/api/copies/987654/read", null, all(Expect.MISSING), null));
        cases.add(new Case("GET", "/api/copies/recipients", "/api/copies/recipients", null, everyone, null));
        cases.add(new Case("GET", "/api/tasks/{taskId}/copy-subject", "/api/tasks/" + claimTask + "/copy-subject", null,
                projectReaders, null));
        // Transfer requests (申请转办) and the claimant's own claims (撤回).
        cases.add(new Case("POST", "/api/tasks/{taskId}/transfer-requests", "/api/tasks/" + claimTask + "/transfer-requests", "{}", holderOnly, null));
        cases.add(new Case("GET", "/api/tasks/{taskId}/transfer-requests", "/api/tasks/" + claimTask + "/transfer-requests", null, everyone, null));
        cases.add(new Case("GET", "/api/transfer-requests", "/api/transfer-requests?size=200", null, everyone, unitWork("task_transfer", "from_unit_code")));
        cases.add(new Case("GET", "/api/transfer-requests/counts", "/api/transfer-requests/counts", null, everyone, null));
        cases.add(new Case("GET", "/api/transfer-requests/units", "/api/transfer-requests/units", null, everyone, null));
        cases.add(new Case("GET", "/api/claims/mine", "/api/claims/mine", null, everyone, null));
        cases.add(new Case("POST", "/api/claims/{id}/withdraw", "/api/claims/987654/withdraw", null, all(Expect.MISSING), null));
        // The working-day calendar: everyone reads it, administrators correct it.
        cases.add(new Case("GET", "/api/calendar", "/api/calendar", null, everyone, null));
        cases.add(new Case("GET", "/api/calendar/{year}", "/api/calendar/2026", null, everyone, null));
        cases.add(new Case("GET", "/api/calendar/working-days", "/api/calendar/working-days?from=2026-09-30&days=3", null, everyone, null));
        cases.add(new Case("PUT", "/api/calendar/{year}", "/api/calendar/2026", "{}", with(all(Expect.DENIED), Expect.INPUT, Who.ADMIN), null));
        cases.add(new Case("POST", "/api/calendar/{year}/preview", "/api/calendar/2026/preview", "{}", with(all(Expect.DENIED), Expect.INPUT, Who.ADMIN), null));
        cases.add(new Case("POST", "/api/calendar/{year}/import", "/api/calendar/2026/import", "{}", with(all(Expect.DENIED), Expect.INPUT, Who.ADMIN), null));
        cases.add(new Case("GET", "/api/calendar/warning", "/api/calendar/warning", null, everyone, null));
        // The supervisor dashboard: not for officers; a leader sees his own projects.
        cases.add(new Case("GET", "/api/dashboard/summary", "/api/dashboard/summary", null, dashboard, this::leaderCountsHisProjects));
        cases.add(new Case("GET", "/api/dashboard/overdue", "/api/dashboard/overdue?size=200", null, dashboard, this::leaderListsHisProjects));
        cases.add(new Case("GET", "/api/dashboard/overdue", "/api/dashboard/overdue?leader=mazy", null,
                with(dashboard, Expect.DENIED, Who.LEADER), null));
        cases.add(new Case("GET", "/api/dashboard/projects/{code}/timeline", "/api/dashboard/projects/" + PROJECT + "/timeline", null, dashboard, null));
        cases.add(new Case("GET", "/api/dashboard/projects/{code}/diagram", "/api/dashboard/projects/" + PROJECT + "/diagram", null, dashboard, null));
        cases.add(new Case("GET", "/api/dashboard/projects/{code}/diagram", "/api/dashboard/projects/" + OTHERS_PROJECT + "/diagram", null,
                with(dashboard, Expect.DENIED, Who.LEADER), null));
        // Supervision notices: supervisors issue them; the unit, the project's leader and the offices read them.
        cases.add(new Case("POST", "/api/notices", "/api/notices", "{}", with(all(Expect.DENIED), Expect.INPUT, Who.SUPERVISOR), null));
        cases.add(new Case("GET", "/api/notices", "/api/notices?size=200", null, everyone, unitWork("notice", "unit_code")));
        cases.add(new Case("GET", "/api/notices/{id}", "/api/notices/" + noticeId, null, projectReaders, null));
        // Bulletins are published to everyone; supervisors ask for them.
        cases.add(new Case("POST", "/api/bulletins", "/api/bulletins", "{\"period\":\"2026-13\"}",
                with(all(Expect.DENIED), Expect.INPUT, Who.SUPERVISOR), null));
        cases.add(new Case("GET", "/api/bulletins", "/api/bulletins", null, everyone, null));
        cases.add(new Case("GET", "/api/bulletins/{id:\\d+}", "/api/bulletins/987654", null, all(Expect.MISSING), null));
        cases.add(new Case("GET", "/api/bulletins/{id:\\d+}.xlsx", "/api/bulletins/987654.xlsx", null, all(Expect.MISSING), null));
        // The ledger in Excel: the project office imports; the export holds what each user sees (LedgerExportApiTest).
        cases.add(new Case("GET", "/api/ledger/template.xlsx", "/api/ledger/template.xlsx", null, everyone, null));
        cases.add(new Case("POST", "/api/ledger/import", "/api/ledger/import", "{}",
                with(all(Expect.DENIED), Expect.INPUT, Who.PROJECT_OFFICE, Who.ADMIN), null));
        cases.add(new Case("GET", "/api/ledger/export.xlsx", "/api/ledger/export.xlsx", null, everyone, null));
        cases.add(new Case("GET", "/api/ledger/imports", "/api/ledger/imports", null,
                with(all(Expect.OK), Expect.DENIED, Who.OFFICER_A, Who.OFFICER_B, Who.LEADER), null));
        cases.add(new Case("GET", "/api/ledger/imports/{id}", "/api/ledger/imports/987654", null,
                with(all(Expect.MISSING), Expect.DENIED, Who.OFFICER_A, Who.OFFICER_B, Who.LEADER), null));
        // The audit of administrators' engine operations: for administrators and supervisors.
        cases.add(new Case("GET", "/api/engine-audit", "/api/engine-audit", null,
                with(all(Expect.DENIED), Expect.OK, Who.ADMIN, Who.SUPERVISOR), null));
        // Notifications: one's own settings; a unit's for its officers, the project office and administrators; the
        // delivery backlog for supervisors and administrators. Changes are sent with a bad field: nothing is written.
        cases.add(new Case("GET", "/api/notifications/settings/me", "/api/notifications/settings/me", null, everyone, null));
        cases.add(new Case("PUT", "/api/notifications/settings/me", "/api/notifications/settings/me", "{\"events\":[\"NONE\"]}",
                all(Expect.INPUT), null));
        Map<Who, Expect> unitSettings = with(all(Expect.DENIED), Expect.OK, Who.OFFICER_A, Who.PROJECT_OFFICE, Who.ADMIN);
        cases.add(new Case("GET", "/api/notifications/settings/units/{code}", "/api/notifications/settings/units/zjj", null, unitSettings, null));
        // A unit's group robot: the project office and administrators only; its mailbox: its officers too.
        cases.add(new Case("PUT", "/api/notifications/settings/units/{code}", "/api/notifications/settings/units/zjj",
                "{\"webhookUrl\":\"ftp://robot\"}", with(all(Expect.DENIED), Expect.INPUT, Who.PROJECT_OFFICE, Who.ADMIN), null));
        cases.add(new Case("PUT", "/api/notifications/settings/units/{code}", "/api/notifications/settings/units/zjj",
                "{\"mailAddress\":\"不是邮箱\"}", with(all(Expect.DENIED), Expect.INPUT, Who.OFFICER_A, Who.PROJECT_OFFICE, Who.ADMIN), null));
        cases.add(new Case("GET", "/api/notifications", "/api/notifications?status=FAILED", null,
                with(all(Expect.DENIED), Expect.OK, Who.SUPERVISOR, Who.ADMIN), null));
        // Delegations (委托代理): each person his own; the administrator is nobody's colleague.
        cases.add(new Case("GET", "/api/delegations/mine", "/api/delegations/mine", null, everyone, null));
        cases.add(new Case("POST", "/api/delegations", "/api/delegations", "{}", with(all(Expect.INPUT), Expect.DENIED, Who.ADMIN), null));
        cases.add(new Case("POST", "/api/delegations/{id}/end", "/api/delegations/987654/end", null, all(Expect.MISSING), null));
        // Camunda's REST API: any user of the identity; Camunda's authorizations decide what each one sees.
        cases.add(new Case("GET", "engine-rest", "/engine-rest/task?maxResults=500", null, everyone, this::camundaShowsEachUserHisTasks));
        return cases;
    }

    @Test
    void everyEndpointAnswersEachKindOfUserAsTheRulesSay() throws Exception {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Case c : matrix()) {
            for (Who who : Who.values()) {
                Expect expected = who == Who.ANONYMOUS ? Expect.UNAUTHENTICATED : c.expected().get(who);
                HttpResponse<String> answer = call(c.method(), c.path(), who, c.body());
                calls++;
                Expect got = classify(answer.statusCode());
                if (got != expected) {
                    wrong.add(c.method() + " " + c.path() + " as " + who + ": expected " + expected + ", got "
                            + answer.statusCode() + " " + abbreviate(answer.body()));
                    continue;
                }
                if (answer.statusCode() >= 400) {
                    JsonNode problem = json.readTree(answer.body());
                    if (!problem.path("detail").asText().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
                        wrong.add(c.method() + " " + c.path() + " as " + who + ": refusal without a Chinese detail: " + abbreviate(answer.body()));
                    }
                } else if (c.filtered() != null && answer.headers().firstValue("Content-Type").orElse("").contains("json")) {
                    try {
                        c.filtered().accept(who, json.readTree(answer.body()));
                    } catch (AssertionError e) {
                        wrong.add(c.method() + " " + c.path() + " as " + who + ": " + e.getMessage().strip());
                    }
                }
            }
        }
        assertThat(wrong).as("%d calls; the wrong answers", calls).isEmpty();
    }

    @Test
    void theMatrixCoversEveryEndpointOfTheApi() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + pattern));
                }
            }
        }
        Set<String> covered = new HashSet<>();
        matrix().forEach(c -> covered.add(c.method() + " " + c.pattern()));
        assertThat(mapped).as("endpoints of the API").hasSizeGreaterThan(30);
        assertThat(covered).as("the matrix").containsAll(mapped);
    }

    @Test
    void noRecordCanBeEditedOrDeletedThroughTheApi() throws Exception {
        long record = jdbc.queryForList("select id from accountability_record order by id fetch first 1 rows only", Long.class)
                .stream().findFirst().orElse(1L);
        Set<String> answers = new LinkedHashSet<>();
        for (String path : List.of("/api/accountability", "/api/accountability/" + record, "/api/notices/" + noticeId,
                "/api/extension-requests", "/api/ledger/imports", "/api/issues/" + demoIssue(), "/api/bulletins/1")) {
            for (String method : List.of("PUT", "PATCH", "DELETE")) {
                HttpResponse<String> answer = call(method, path, Who.ADMIN, "{}");
                answers.add(method + " " + path + " -> " + answer.statusCode());
                assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isIn(404, 405);
            }
        }
        assertThat(answers).hasSize(21);
    }

    // What each user may see of the lists.

    private void seesTheirProjects(Who who, JsonNode projects) {
        Set<String> shown = new TreeSet<>(projects.findValuesAsText("code"));
        assertThat(shown).as("projects of %s", who).isEqualTo(new TreeSet<>(jdbc.queryForList(
                "select code from project where " + projectRule(who, "code"), String.class)));
    }

    /** Each user is told who he is; only the units' officers submit claims (我的申报). */
    private void eachSeesHimself(Who who, JsonNode me) {
        assertThat(me.path("userId").asText()).isEqualTo(who.user);
        assertThat(me.path("claimant").asBoolean()).as("%s submits claims", who)
                .isEqualTo(who == Who.OFFICER_A || who == Who.OFFICER_B);
        if (who == Who.OFFICER_A) {
            assertThat(me.path("name").asText()).isEqualTo("王建国");
            assertThat(me.path("units").findValuesAsText("name")).containsExactly("市住房城乡建设局");
        }
    }

    private BiConsumer<Who, JsonNode> unitWork(String table, String unitColumn) {
        return (who, rows) -> {
            List<Long> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.get("id").asLong()));
            String rule = switch (who) {
                case OFFICER_A, OFFICER_B -> unitColumn + " = '" + unit(who) + "'";
                case LEADER -> "project_code in (select code from project where leader_id = 'linxh')";
                default -> "1 = 1";
            };
            assertThat(ids).as("%s rows of %s", table, who).containsExactlyInAnyOrderElementsOf(
                    jdbc.queryForList("select id from " + table + " where " + rule, Long.class));
        };
    }

    private void officersSeeTheirUnitsStatistics(Who who, JsonNode rows) {
        if (who == Who.OFFICER_A || who == Who.OFFICER_B) {
            assertThat(rows.findValuesAsText("unitCode")).as("statistics of %s", who).containsExactly(unit(who));
        } else {
            assertThat(rows.size()).as("statistics of %s", who).isEqualTo(jdbc.queryForObject("select count(*) from unit", Integer.class));
        }
    }

    private void officersSeeTheirUnitsCounts(Who who, JsonNode rows) {
        if (who == Who.OFFICER_A || who == Who.OFFICER_B) {
            assertThat(rows.findValuesAsText("unitCode")).as("extension counts of %s", who).allMatch(unit(who)::equals);
        }
    }

    private void leaderCountsHisProjects(Who who, JsonNode summary) {
        String rule = who == Who.LEADER ? "leader_id = 'linxh'" : "1 = 1";
        assertThat(summary.get("projects").asInt()).as("projects on the dashboard of %s", who)
                .isEqualTo(jdbc.queryForObject("select count(*) from project where " + rule, Integer.class));
    }

    private void leaderListsHisProjects(Who who, JsonNode page) {
        if (who == Who.LEADER) {
            assertThat(page.get("items").findValuesAsText("projectCode")).as("overdue items of the leader")
                    .isNotEmpty()
                    .allMatch(code -> "linxh".equals(jdbc.queryForObject("select leader_id from project where code = ?", String.class, code)));
        }
    }

    private void camundaShowsEachUserHisTasks(Who who, JsonNode list) {
        Set<String> ids = new HashSet<>(list.findValuesAsText("id"));
        if (who == Who.OFFICER_A) {
            assertThat(ids).as("Camunda tasks of the officer").contains(claimTask);
        }
        if (who == Who.OFFICER_B) {
            assertThat(ids).as("Camunda tasks of %s", who).doesNotContain(claimTask);
        }
        // Leaders, like the offices, read every task in Camunda (Cockpit's links from the dashboard); Camunda's
        // authorizations are per group, and the application's API is what limits a leader to his projects.
    }

    private static String projectRule(Who who, String column) {
        return switch (who) {
            case OFFICER_A, OFFICER_B -> "(lead_unit_code = '" + unit(who) + "' or " + column
                    + " in (select project_code from project_cooperating_unit where unit_code = '" + unit(who) + "'))";
            case LEADER -> "leader_id = 'linxh'";
            default -> "1 = 1";
        };
    }

    private static String unit(Who who) {
        return who == Who.OFFICER_A ? "zjj" : "gxj";
    }

    // Plumbing.

    private static Map<Who, Expect> all(Expect e) {
        Map<Who, Expect> m = new EnumMap<>(Who.class);
        for (Who w : Who.values()) {
            m.put(w, e);
        }
        return m;
    }

    private static Map<Who, Expect> with(Map<Who, Expect> base, Expect e, Who... whos) {
        Map<Who, Expect> m = new EnumMap<>(base);
        for (Who w : whos) {
            m.put(w, e);
        }
        return m;
    }

    private static Expect classify(int status) {
        if (status >= 200 && status < 300) {
            return Expect.OK;
        }
        return switch (status) {
            case 401 -> Expect.UNAUTHENTICATED;
            case 403 -> Expect.DENIED;
            case 404 -> Expect.MISSING;
            default -> status >= 400 && status < 500 ? Expect.INPUT : null;
        };
    }

    private HttpResponse<String> call(String method, String path, Who who, String body) throws Exception {
        return new ApiCalls(port).request(method, path).header("Accept", "application/json").json(body).as(who.user).send();
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
