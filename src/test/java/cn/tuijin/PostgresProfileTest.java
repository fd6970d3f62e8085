package cn.tuijin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.evidence.EvidenceFiles;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.WebappBrowser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as a node of a production installation: the postgres profile on a real PostgreSQL server (embedded),
 * with its job executor running and the web sessions in the database, and the demo city to work on. Runs in the
 * build's PostgreSQL test run only (tag {@code postgresql}).
 */
@Tag("postgresql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "postgres"})
@AutoConfigureObservability(tracing = false)
// Its job executor stops with it, before the process tests move the engine clock of this JVM.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresProfileTest {

    private static final String PROJECT = "XM-2026-010";
    private static final String ENGINE_API = "/camunda/api/engine/engine/default";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.newDatabase().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired ManagementService management;
    @Autowired TaskService tasks;
    @Autowired EngineClock clock;

    private final ObjectMapper json = new ObjectMapper();

    /** The job executor works off the demo city's overdue deadlines after the start; the tests begin after that. */
    private void jobExecutorHasCaughtUp() {
        Awaitility.await("the demo city's due jobs, run by the job executor").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> management.createJobQuery().executable().count() == 0);
    }

    @Test
    void theJobExecutorRunsOnPostgresqlAndOperatorsSeeIt() throws Exception {
        jobExecutorHasCaughtUp();
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");

        JsonNode records = json.readTree(get("/api/accountability?project=" + PROJECT, "zhengwt").body());
        assertThat(records.size()).as("accountability records of %s written by the job executor", PROJECT).isPositive();

        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        JsonNode health = json.readTree(get("/actuator/health", "admin").body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
        assertThat(health.at("/components/jobExecutor/details/active").asBoolean()).isTrue();
        assertThat(health.at("/components/jobExecutor/details/maxJobsPerAcquisition").asInt()).isEqualTo(12);
        assertThat(jdbc.queryForObject("select count(*) from pg_indexes where tablename = 'act_ru_job' and indexdef like '%(duedate_)%'",
                Integer.class)).as("the index the job executor's acquisition by due date uses").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from pg_indexes where tablename = 'act_ru_job' and indexdef like '%WHERE (lock_owner_ IS NOT NULL)%'",
                Integer.class)).as("the partial index of locked jobs the acquisition reads").isEqualTo(1);

        String metrics = get("/actuator/prometheus", "admin").body();
        assertThat(sample(metrics, "tuijin_jobs_executed_total")).isPositive();
        assertThat(sample(metrics, "hikaricp_connections_max")).isEqualTo(20);
    }

    @Test
    void anOfficerClaimsTheStartInTasklistAndTheProjectOfficeApprovesItWithSessionsInTheDatabase() throws Exception {
        jobExecutorHasCaughtUp();
        Task claim = tasks.createTaskQuery().processInstanceBusinessKey(PROJECT)
                .taskDefinitionKey(ProjectLifecycle.Element.CLAIM_START).singleResult();
        assertThat(claim).as("the demo city's open start claim of %s", PROJECT).isNotNull();

        WebappBrowser wangjg = new WebappBrowser(base());
        assertThat(json.readTree(wangjg.logIn("wangjg", "demo")).path("userId").asText()).isEqualTo("wangjg");
        String sessionId = new String(Base64.getDecoder().decode(wangjg.cookie("SESSION")), StandardCharsets.UTF_8);
        assertThat(jdbc.queryForObject("select count(*) from spring_session where session_id = ?", Integer.class, sessionId))
                .as("the Tasklist session is kept in the database").isEqualTo(1);

        assertThat(wangjg.post(ENGINE_API + "/task/" + claim.getId() + "/claim", "{\"userId\":\"wangjg\"}").statusCode()).isEqualTo(204);
        // 申报开工 carries the permit: uploaded with the Tasklist session, as Tasklist's 附件 tab does.
        assertThat(wangjg.get("/api/evidence/tasks/" + claim.getId()).statusCode()).isEqualTo(200);
        byte[] photo = EvidenceFiles.png();
        Object[] permit = EvidenceFiles.multipart("施工许可证.png", photo, "PERMIT");
        HttpResponse<String> uploaded = wangjg.request("POST", "/api/evidence/tasks/" + claim.getId())
                .header("X-TUIJIN-XSRF-TOKEN", wangjg.cookie("TUIJIN-XSRF-TOKEN")).body((String) permit[0], (byte[]) permit[1]).send();
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        HttpResponse<byte[]> kept = wangjg.request("GET", json.readTree(uploaded.body()).path("url").asText())
                .send(HttpResponse.BodyHandlers.ofByteArray());
        assertThat(kept.body()).as("the permit read back from PostgreSQL").isEqualTo(photo);
        String today = clock.today().toString();
        HttpResponse<String> submitted = wangjg.post(ENGINE_API + "/task/" + claim.getId() + "/submit-form", """
                {"variables": {"permitNo": {"value": "SG-2026-0101", "type": "String"},
                               "startDate": {"value": "%s", "type": "String"}}}""".formatted(today));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);

        Task verify = tasks.createTaskQuery().processInstanceBusinessKey(PROJECT)
                .taskDefinitionKey(ProjectLifecycle.Element.VERIFY_START).singleResult();
        assertThat(verify).isNotNull();
        WebappBrowser zhengwt = new WebappBrowser(base());
        zhengwt.logIn("zhengwt", "demo");
        assertThat(zhengwt.post(ENGINE_API + "/task/" + verify.getId() + "/claim", "{\"userId\":\"zhengwt\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> approved = zhengwt.post(ENGINE_API + "/task/" + verify.getId() + "/submit-form",
                "{\"variables\": {\"approved\": {\"value\": \"true\", \"type\": \"String\"}}}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);

        JsonNode project = json.readTree(get("/api/projects/" + PROJECT, "zhengwt").body());
        assertThat(project.path("stage").asText()).isEqualTo("UNDER_CONSTRUCTION");
        assertThat(project.at("/actual/start").asText()).isEqualTo(today);

        // The login lives in the database, not in this node: gone from there, the user is logged out.
        jdbc.update("delete from spring_session where session_id = ?", sessionId);
        assertThat(wangjg.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(404);
    }

    @Test
    void refusalsTheDatabaseRaisesAreAnsweredInChineseAtTheEngineDoors() throws Exception {
        ApiCalls calls = new ApiCalls(port);
        // criteria PostgreSQL's SQL cannot take together (42601), conditions the engine refuses together
        calls.refusedAtTheEngine(calls.call("POST", "/engine-rest/job", "admin", "{\"jobId\":\"x\",\"jobIds\":[\"y\"]}"), 400, "查询条件");
        calls.refusedAtTheEngine(calls.call("POST", "/engine-rest/task", "wangjg",
                "{\"candidateUser\":\"wangjg\",\"candidateGroup\":\"zjj\"}"), 400, "查询条件");
        // a unique key (23505): a member added twice
        calls.refusedAtTheEngine(calls.call("PUT", "/engine-rest/group/zjj/members/wangjg", "admin", null), 409, null);
        assertThat(jdbc.queryForObject("select count(*) from act_id_membership where user_id_ = 'wangjg' and group_id_ = 'zjj'",
                Integer.class)).isEqualTo(1);
    }

    private static double sample(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*\\} (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("%s in\n%s", name, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        HttpResponse<String> response = new ApiCalls(port).call("GET", path, user, null);
        assertThat(response.statusCode()).as("%s %s", path, response.body()).isLessThan(500);
        return response;
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
