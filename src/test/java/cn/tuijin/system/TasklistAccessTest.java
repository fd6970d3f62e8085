package cn.tuijin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.project.ProjectLifecycle;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who sees and works which task, over HTTP as the browser and API clients do: Tasklist with its own login
 * (session cookie and XSRF token) and {@code /engine-rest} with HTTP Basic. The demo project XM-2026-010
 * (lead unit 住建局, group zjj) waits for its start claim (申报开工); nothing here completes a task, and what is claimed
 * is given back. {@link InChromium} looks at Tasklist in a real browser.
 */
@TuijinTest
class TasklistAccessTest {

    private static final String PROJECT = "XM-2026-010";
    /** A project led by 高新区管委会 (gxq) whose start claim is open too. */
    private static final String GXQ_PROJECT = "XM-2026-012";
    /** A project of 住建局 whose only open task is its construction permit (办理审批：施工许可). */
    private static final String PERMIT_PROJECT = "XM-2026-031";
    private static final String ZJJ = "zjj";
    private static final String PASSWORD = "demo";
    private static final String ENGINE_API = "/camunda/api/engine/engine/default";

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    TaskService taskService;

    @Autowired
    IdentityService identityService;

    /** The open start claim of XM-2026-010, looked up without authorization checks. */
    Task claim;

    @BeforeEach
    void findTheClaim() {
        claim = openClaimStart(PROJECT);
    }

    @Test
    void officerLogsIntoTasklistAndFindsHisUnitsStartClaimInTheUnitFilter() throws Exception {
        Browser wangjg = new Browser();
        JsonNode user = wangjg.logIntoTasklist("wangjg", PASSWORD);
        assertThat(user.path("userId").asText()).isEqualTo("wangjg");
        assertThat(texts(user.path("authorizedApps"))).contains("tasklist");

        JsonNode tasks = wangjg.listFilter("本单位待办");

        JsonNode task = byId(tasks, claim.getId());
        assertThat(task).as("the start claim of %s in 本单位待办 of wangjg", PROJECT).isNotNull();
        assertThat(task.path("name").asText()).contains("申报开工").contains("临江大道快速化改造");
        assertThat(task.path("taskDefinitionKey").asText()).isEqualTo(ProjectLifecycle.Element.CLAIM_START);
        assertThat(task.path("description").asText()).startsWith(PROJECT);
        assertThat(task.path("processInstanceId").asText()).isEqualTo(claim.getProcessInstanceId());
    }

    @Test
    void officerFindsTheStartClaimByTheProjectsBusinessKey() throws Exception {
        Browser lina = new Browser();
        lina.logIntoTasklist("lina", PASSWORD);

        JsonNode tasks = lina.queryTasks(Map.of("processInstanceBusinessKey", PROJECT,
                "taskDefinitionKey", ProjectLifecycle.Element.CLAIM_START));

        assertThat(ids(tasks)).containsExactly(claim.getId());
        assertThat(tasks.get(0).path("name").asText()).startsWith("申报开工");
    }

    @Test
    void officerOpensTheDeployedCamundaFormOfHisUnitsTaskWithItsVariables() throws Exception {
        Browser wangjg = new Browser();
        wangjg.logIntoTasklist("wangjg", PASSWORD);

        HttpResponse<String> task = wangjg.get(ENGINE_API + "/task/" + claim.getId());
        assertThat(task.statusCode()).as(task.body()).isEqualTo(200);

        HttpResponse<String> form = wangjg.get(ENGINE_API + "/task/" + claim.getId() + "/deployed-form");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(JSON.readTree(form.body()).path("id").asText()).isEqualTo("form-claim-start");

        HttpResponse<String> variables = wangjg.get(ENGINE_API + "/task/" + claim.getId() + "/form-variables");
        assertThat(variables.statusCode()).as(variables.body()).isEqualTo(200);
        assertThat(JSON.readTree(variables.body()).path(ProjectLifecycle.Var.PROJECT_INFO).path("value").asText())
                .startsWith(PROJECT);
    }

    @Nested
    class LoginRefused {

        /** A failed password check locks the user for a few seconds (Camunda's brute-force protection). */
        @AfterEach
        void unlock() {
            identityService.unlockUser("wangjg");
        }

        @Test
        void wrongPasswordIsRefusedAndListsNothing() throws Exception {
            Browser browser = new Browser();
            browser.openTasklist();

            HttpResponse<String> login = browser.postLogin("wangjg", "wrong");

            assertThat(login.statusCode()).isEqualTo(401);
            HttpResponse<String> user = browser.get("/camunda/api/admin/auth/user/default");
            assertThat(user.statusCode()).isEqualTo(404);
            HttpResponse<String> filters = browser.get(ENGINE_API + "/filter?resourceType=Task");
            assertThat(filters.statusCode()).isEqualTo(401);
            HttpResponse<String> tasks = browser.post(ENGINE_API + "/task", "{}");
            assertThat(tasks.statusCode()).isEqualTo(401);
            assertThat(tasks.body()).doesNotContain(claim.getId());
        }

        @Test
        void loginWithoutTheXsrfTokenIsRefused() throws Exception {
            Browser browser = new Browser();
            browser.openTasklist();

            HttpResponse<String> login = browser.request("POST", tasklistLoginPath())
                    .body("application/x-www-form-urlencoded", WebappBrowser.loginForm("wangjg", PASSWORD)).send();

            assertThat(login.statusCode()).isEqualTo(403);
            assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class OfficerOfAnotherUnit {

        Browser zhouq;

        @BeforeEach
        void logIn() throws Exception {
            zhouq = new Browser();
            zhouq.logIntoTasklist("zhouq", PASSWORD);
        }

        @Test
        void seesHisOwnUnitsClaimButNotTheOtherUnitsOne() throws Exception {
            JsonNode tasks = zhouq.listFilter("本单位待办");

            assertThat(ids(tasks)).doesNotContain(claim.getId())
                    .contains(openClaimStart(GXQ_PROJECT).getId());
            assertThat(zhouq.queryTasks(Map.of("processInstanceBusinessKey", PROJECT))).isEmpty();
        }

        @Test
        void cannotOpenTheOtherUnitsTaskById() throws Exception {
            HttpResponse<String> task = zhouq.get(ENGINE_API + "/task/" + claim.getId());
            assertThat(task.statusCode()).isEqualTo(404);

            HttpResponse<String> form = zhouq.get(ENGINE_API + "/task/" + claim.getId() + "/deployed-form");
            assertThat(form.statusCode()).as(form.body()).isEqualTo(403);
        }

        @Test
        void cannotCompleteTheOtherUnitsTask() throws Exception {
            HttpResponse<String> submit = zhouq.post(ENGINE_API + "/task/" + claim.getId() + "/submit-form",
                    "{\"variables\":{}}");
            assertRefusedByAuthorization(submit);

            HttpResponse<String> complete = zhouq.post(ENGINE_API + "/task/" + claim.getId() + "/complete",
                    "{\"variables\":{}}");
            assertRefusedByAuthorization(complete);

            HttpResponse<String> take = zhouq.post(ENGINE_API + "/task/" + claim.getId() + "/claim",
                    "{\"userId\":\"zhouq\"}");
            assertRefusedByAuthorization(take);

            assertStillOpenAndUnassigned(claim);
        }
    }

    @Nested
    class Supervisor {

        Browser huangzh;

        @BeforeEach
        void logIn() throws Exception {
            huangzh = new Browser();
            huangzh.logIntoTasklist("huangzh", PASSWORD);
        }

        @Test
        void seesTheTask() throws Exception {
            HttpResponse<String> task = huangzh.get(ENGINE_API + "/task/" + claim.getId());
            assertThat(task.statusCode()).as(task.body()).isEqualTo(200);
            assertThat(JSON.readTree(task.body()).path("name").asText()).startsWith("申报开工");

            JsonNode found = huangzh.queryTasks(Map.of("processInstanceBusinessKey", PROJECT,
                    "taskDefinitionKey", ProjectLifecycle.Element.CLAIM_START));
            assertThat(ids(found)).containsExactly(claim.getId());
        }

        @Test
        void cannotCompleteTheTask() throws Exception {
            HttpResponse<String> submit = huangzh.post(ENGINE_API + "/task/" + claim.getId() + "/submit-form",
                    "{\"variables\":{}}");
            assertRefusedByAuthorization(submit);

            HttpResponse<String> complete = huangzh.post(ENGINE_API + "/task/" + claim.getId() + "/complete",
                    "{\"variables\":{}}");
            assertRefusedByAuthorization(complete);

            HttpResponse<String> take = huangzh.post(ENGINE_API + "/task/" + claim.getId() + "/claim",
                    "{\"userId\":\"huangzh\"}");
            assertRefusedByAuthorization(take);

            assertStillOpenAndUnassigned(claim);
        }
    }

    @Nested
    class EngineRest {

        /** A failed password check locks the user for a few seconds (Camunda's brute-force protection). */
        @AfterEach
        void unlock() {
            identityService.unlockUser("wangjg");
        }

        @Test
        void refusesARequestWithoutCredentials() throws Exception {
            HttpResponse<String> response = engineRest(null, null);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).doesNotContain(claim.getId());
        }

        @Test
        void refusesAWrongPassword() throws Exception {
            HttpResponse<String> response = engineRest("wangjg", "wrong");
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).doesNotContain(claim.getId());
        }

        @Test
        void refusesAnUnknownUser() throws Exception {
            assertThat(engineRest("nobody", PASSWORD).statusCode()).isEqualTo(401);
        }

        @Test
        void listsToAnOfficerOnlyTheTasksOfHisUnit() throws Exception {
            HttpResponse<String> response = engineRest("wangjg", PASSWORD);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode tasks = JSON.readTree(response.body());
            assertThat(ids(tasks)).contains(claim.getId())
                    .doesNotContain(openClaimStart(GXQ_PROJECT).getId());
            for (JsonNode task : tasks) {
                String id = task.path("id").asText();
                List<String> groups = candidateGroups(id);
                boolean ownedByWangjg = "wangjg".equals(task.path("assignee").asText(null))
                        || "wangjg".equals(task.path("owner").asText(null));
                assertThat(groups.contains(ZJJ) || ownedByWangjg)
                        .as("task %s (%s) with candidate groups %s", id, task.path("name").asText(), groups)
                        .isTrue();
            }
        }

        /** The tasks as {@code /engine-rest} lists them to this user and password (HTTP Basic); no user: anonymous. */
        private HttpResponse<String> engineRest(String user, String password) throws IOException, InterruptedException {
            return new ApiCalls(port).request("GET", "/engine-rest/task").header("Accept", "application/json")
                    .as(user, password).send();
        }
    }

    /**
     * Tasklist in Chromium as an officer sees it ({@code src/test/resources/browser/tasklist-officer.mjs}): nothing
     * the engine refuses him is offered (Tasklist's {@code styles/user-styles.css} and
     * {@code scripts/tuijin-task-header.js}), while claiming, the form with 完成, comments, the filters, the diagram and
     * the history are. He claims his unit's start claim and gives it back (取消认领); a colleague's claimed task shows
     * her as text he cannot change.
     */
    @Nested
    class InChromium {

        /** What Tasklist offers to change what the engine refuses an officer (ids of the script's controls). */
        private static final List<String> REFUSED = List.of("createTask", "followUpEditor", "dueEditor",
                "resetFollowUp", "resetDue", "groups", "assigneeEditor", "resetAssignee");

        /** The construction permit of XM-2026-031, another task of 住建局, claimed by lina. */
        Task permit;

        @BeforeEach
        void linaClaimsTheUnitsPermit() {
            permit = taskService.createTaskQuery().processInstanceBusinessKey(PERMIT_PROJECT).singleResult();
            identityService.setAuthentication("lina", List.of(ZJJ));
            try {
                taskService.claim(permit.getId(), "lina");
            } finally {
                identityService.clearAuthentication();
            }
        }

        @AfterEach
        void giveTheTasksBack() {
            taskService.setAssignee(claim.getId(), null);
            taskService.setAssignee(permit.getId(), null);
        }

        @Test
        void officerIsOfferedClaimTheFormAndCommentsButNothingTheEngineRefusesHim() throws Exception {
            JsonNode seen = BrowserScript.run("tasklist-officer.mjs", port,
                    Map.of("TASK", claim.getId(), "COLLEAGUE_TASK", permit.getId()), Duration.ofMinutes(3));

            // Tuijin's stylesheet and script were served, and allowed to run by the webapps' Content-Security-Policy.
            assertThat(seen.path("loaded").path("user-styles.css").asInt()).isEqualTo(200);
            assertThat(seen.path("loaded").path("tuijin-task-header.js").asInt()).isEqualTo(200);
            assertThat(seen.get("pageErrors")).as("script errors").isEmpty();
            assertThat(seen.get("consoleErrors")).as("console errors (a refused script is one)").isEmpty();
            assertThat(seen.get("external")).as("requests outside the application").isEmpty();

            // His unit's task, opened from 本单位待办.
            assertThat(texts(seen.get("filterNames"))).contains("本单位待办", "即将到期", "已逾期");
            assertThat(seen.get("taskName").asText()).isEqualTo(claim.getName());
            assertThat(texts(seen.get("taskTabs"))).contains("表单", "历史记录", "流程图");
            assertOffered(seen.get("offered"), "claim", "form", "complete", "comment", "filters", "startProcess");
            assertNotOffered(seen.get("offered"), REFUSED);
            assertThat(seen.at("/texts/claim").asText()).isEqualTo("认领");
            assertThat(seen.at("/texts/complete").asText()).isEqualTo("完成");
            assertThat(seen.at("/texts/comment").asText()).isEqualTo("添加备注");
            assertThat(seen.get("forbiddenTextsShown")).as("新建任务, 添加组, 管理组, 设置到期日期, 设置跟进日期").isEmpty();

            // Claimed: his name as text, with 取消认领; given back: 认领 again.
            JsonNode claimed = seen.get("claimed");
            assertOffered(claimed.get("offered"), "unclaim", "assigneeName", "form", "complete", "comment");
            assertNotOffered(claimed.get("offered"), REFUSED);
            assertThat(claimed.get("offered").get("claim").asInt()).isZero();
            assertThat(claimed.get("assigneeName").asText()).isEqualTo("王建国");
            assertThat(claimed.get("focusableInAssignee").asInt()).as("focusable elements in the assignee's place")
                    .isZero();
            assertOffered(seen.at("/unclaimedAgain/offered"), "claim");
            assertThat(taskService.createTaskQuery().taskId(claim.getId()).singleResult().getAssignee())
                    .as("the start claim given back in Tasklist").isNull();

            // A colleague's task: her, as text (her name if he may read her profile, else her id), and nothing to take
            // it from her.
            JsonNode colleague = seen.get("colleague");
            assertThat(colleague.get("taskName").asText()).isEqualTo(permit.getName());
            assertOffered(colleague.get("offered"), "assigneeName", "form", "comment");
            assertNotOffered(colleague.get("offered"), REFUSED);
            assertThat(colleague.get("offered").get("claim").asInt()).isZero();
            assertThat(colleague.get("offered").get("unclaim").asInt()).isZero();
            assertThat(colleague.get("assigneeName").asText()).isIn("李娜", "lina");

            assertThat(Path.of("target/screenshots/tasklist-officer.png")).isNotEmptyFile();
        }

        private static void assertOffered(JsonNode offered, String... controls) {
            for (String control : controls) {
                assertThat(offered.path(control).asInt()).as("visible %s", control).isPositive();
            }
        }

        private static void assertNotOffered(JsonNode offered, List<String> controls) {
            for (String control : controls) {
                assertThat(offered.has(control)).as("the script looks for %s", control).isTrue();
                assertThat(offered.get(control).asInt()).as("visible %s", control).isZero();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private Task openClaimStart(String project) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(project)
                .taskDefinitionKey(ProjectLifecycle.Element.CLAIM_START).singleResult();
        assertThat(task).as("the open start claim of demo project %s", project).isNotNull();
        return task;
    }

    private List<String> candidateGroups(String taskId) {
        return taskService.getIdentityLinksForTask(taskId).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .collect(Collectors.toList());
    }

    /**
     * Refused by the rules of the engine's doors or Camunda's authorization check (not by the XSRF filter, which
     * answers 403 too): in Chinese, naming the unit the task belongs to or the missing right.
     */
    private static void assertRefusedByAuthorization(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("type").asText()).as(response.body()).isEqualTo("Forbidden");
        assertThat(body.path("message").asText()).as(response.body()).containsAnyOf("市住房城乡建设局", "没有权限");
    }

    private void assertStillOpenAndUnassigned(Task task) {
        Task now = taskService.createTaskQuery().taskId(task.getId()).singleResult();
        assertThat(now).as("task %s still open", task.getId()).isNotNull();
        assertThat(now.getAssignee()).isNull();
        assertThat(candidateGroups(task.getId())).containsExactly(ZJJ);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String tasklistLoginPath() {
        return "/camunda/api/admin/auth/user/default/login/tasklist";
    }

    private static JsonNode byId(JsonNode tasks, String id) {
        for (JsonNode task : tasks) {
            if (id.equals(task.path("id").asText())) {
                return task;
            }
        }
        return null;
    }

    private static List<String> ids(JsonNode tasks) {
        return texts(tasks, "id");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    /** A browser tab on Tasklist, with the Tasklist-specific calls of these tests. */
    class Browser extends WebappBrowser {

        Browser() {
            super(base());
        }

        /** Opens Tasklist, logs in through its login form and loads the logged-in user; returns that user. */
        JsonNode logIntoTasklist(String user, String password) throws IOException, InterruptedException {
            return JSON.readTree(logIn(user, password));
        }

        /** The tasks of the shared filter of that name, as Tasklist lists them. */
        JsonNode listFilter(String name) throws IOException, InterruptedException {
            HttpResponse<String> filters = get(ENGINE_API + "/filter?resourceType=Task&itemCount=false");
            assertThat(filters.statusCode()).as(filters.body()).isEqualTo(200);
            String filterId = null;
            for (JsonNode filter : JSON.readTree(filters.body())) {
                if (name.equals(filter.path("name").asText())) {
                    filterId = filter.path("id").asText();
                }
            }
            assertThat(filterId).as("filter %s", name).isNotNull();
            HttpResponse<String> list = post(ENGINE_API + "/filter/" + filterId + "/list?firstResult=0&maxResults=1000",
                    "{}");
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            return JSON.readTree(list.body());
        }

        JsonNode queryTasks(Map<String, Object> query) throws IOException, InterruptedException {
            HttpResponse<String> list = post(ENGINE_API + "/task", JSON.writeValueAsString(query));
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            return JSON.readTree(list.body());
        }
    }
}
