package cn.tuijin.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.ExtensionProcess;
import cn.tuijin.evidence.EvidenceFiles;
import cn.tuijin.evidence.EvidenceService;
import cn.tuijin.project.Category;
import cn.tuijin.project.LifecycleService;
import cn.tuijin.project.Level;
import cn.tuijin.project.Project;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.project.Stage;
import cn.tuijin.system.BrowserScript;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The officer's desk: 已办 and 我发起的 over the API with their refusals, the cards' working days, the extension preview,
 * and (in Chromium) Tasklist as wangjg and zhengwt see it. wangjg claims 开工 of a 住建局 project of the test's own, with
 * the permit, and zhengwt returns it; wangjg asks to extend one permit of 住建局 and zhengwt
 * approves it. For 已办's other kinds, on three signing claims of projects of the test's own: wangjg asks to hand one
 * over (zhengwt agrees), to extend another (zhengwt rejects it), and lina completes the third for him while he is away.
 */
@TuijinTest
class DeskTest {

    private static final String ZJJ = "zjj";
    /** The start claim {@code TasklistAccessTest} keeps open. */
    private static final String KEPT_OPEN = "XM-2026-010";
    /** The permit {@code TasklistAccessTest} has lina claim. */
    private static final String KEPT_PERMIT = "XM-2026-031";

    @LocalServerPort
    int port;

    @Autowired
    TaskService taskService;

    @Autowired
    RuntimeService runtime;

    @Autowired
    IdentityService identity;

    @Autowired
    EngineClock clock;

    @Autowired
    WorkingDayCalendar calendar;

    @Autowired
    ProjectRepository projects;

    @Autowired
    LifecycleService lifecycle;

    @Autowired
    EvidenceService evidence;

    private ApiCalls api() {
        return new ApiCalls(port);
    }

    private JsonNode get(String path, String user) throws Exception {
        return api().ok(api().call("GET", path, user, null));
    }

    /** wangjg claims 开工 of a 住建局 project with its permit, and zhengwt returns the claim (once for the class). */
    private static boolean claimReturned;
    /** The project whose start claim wangjg made and zhengwt returned. */
    private static String returnedProject;

    private synchronized void claimReturnedByZhengwt() {
        if (claimReturned) {
            return;
        }
        claimReturned = true;
        // A project of its own, signed and waiting for its start claim, so that no other test's demo task is used up.
        String code = "DESK-" + System.nanoTime() % 1_000_000;
        LocalDate today = clock.today();
        projects.insert(new Project(code, "已办测试项目" + code, "测试", Category.URBAN, Level.CITY, "lj", ZJJ, "mazy",
                new BigDecimal("12000"), new BigDecimal("2400"), today.minusDays(30), today.plusDays(20), today.plusDays(320),
                today.plusDays(380), today.minusDays(30), null, null, null, Stage.SIGNED), List.of(), clock.now());
        lifecycle.start(code);
        Task claim = taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey(ProjectLifecycle.Element.CLAIM_START).singleResult();
        String project = businessKey(claim);
        returnedProject = project;
        as("wangjg", List.of(ZJJ), () -> {
            taskService.claim(claim.getId(), "wangjg");
            evidence.upload(claim.getId(), "PERMIT", "施工许可证.png", EvidenceFiles.png());
            taskService.complete(claim.getId(), Map.of(ProjectLifecycle.Field.PERMIT_NO, "建施〔2026〕088号",
                    ProjectLifecycle.Field.START_DATE, clock.today().toString()));
        });
        Task verify = taskService.createTaskQuery().processInstanceBusinessKey(project)
                .taskDefinitionKey(ProjectLifecycle.Element.VERIFY_START).singleResult();
        as("zhengwt", List.of("projectOffice"), () -> {
            taskService.claim(verify.getId(), "zhengwt");
            taskService.complete(verify.getId(), Map.of(ProjectLifecycle.Var.APPROVED, "false",
                    ProjectLifecycle.Var.RETURN_REASON, "施工许可证编号与扫描件不一致"));
        });
    }

    private String businessKey(Task task) {
        return runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey();
    }

    private void as(String user, List<String> groups, Runnable action) {
        identity.setAuthentication(user, groups);
        try {
            action.run();
        } finally {
            identity.clearAuthentication();
        }
    }

    private static JsonNode item(JsonNode page, String field, String value) {
        for (JsonNode item : page.path("items")) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        return null;
    }

    @Test
    void doneListsTheCompletedClaimWithItsVerificationAndTheReason() throws Exception {
        claimReturnedByZhengwt();

        JsonNode done = get("/api/worklist/done", "wangjg");

        JsonNode claim = null;
        for (JsonNode item : done.path("items")) {
            if (item.path("taskName").asText().startsWith("申报开工") && "RETURNED".equals(item.path("outcome").asText())) {
                claim = item;
            }
        }
        assertThat(claim).as("wangjg's returned start claim in 已办: %s", done).isNotNull();
        assertThat(claim.path("outcomeLabel").asText()).isEqualTo("已退回");
        assertThat(claim.path("reason").asText()).isEqualTo("施工许可证编号与扫描件不一致");
        assertThat(claim.path("decidedByName").asText()).isEqualTo("郑文涛");
        assertThat(done.path("total").asLong()).isPositive();
    }

    /** What wangjg asked and what lina did for him (once for the class): the tasks, of projects of the test's own. */
    private static AskedAndDelegated askedAndDelegated;

    /** The task wangjg asked to hand over (approved), to extend (rejected), and the one lina completed for him. */
    private record AskedAndDelegated(String transferred, String extended, LocalDate newDueDate, String delegated) {
    }

    /** A project of 住建局 of the test's own, negotiating its contract: its signing claim, offered to 住建局. */
    private Task newSigningClaim() {
        String code = "DONE-" + System.nanoTime() % 10_000_000;
        LocalDate sign = clock.today().plusDays(20);
        projects.insert(new Project(code, "已办测试项目" + code, "测试", Category.URBAN, Level.CITY, "lj", ZJJ, "mazy",
                new BigDecimal("12000"), new BigDecimal("2400"), sign, sign.plusDays(90), sign.plusDays(400),
                sign.plusDays(460), null, null, null, null, Stage.NEGOTIATING), List.of(), clock.now());
        lifecycle.start(code);
        return taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey(ProjectLifecycle.Element.CLAIM_SIGNING).singleResult();
    }

    /**
     * wangjg asks to hand one signing claim over to 市自然资源和规划局 (zhengwt agrees), asks to extend another by 5
     * working days (zhengwt rejects it, saying why), and while he is away lina completes a third, claimed by him, for
     * him; the delegation ends at once.
     */
    private synchronized AskedAndDelegated askedAndDelegated() throws Exception {
        if (askedAndDelegated != null) {
            return askedAndDelegated;
        }
        Task transferred = newSigningClaim();
        created(api().call("POST", "/api/tasks/" + transferred.getId() + "/transfer-requests", "wangjg",
                "{\"toUnitCode\":\"zrj\",\"reason\":\"土地出让合同由自然资源和规划局签订\"}"));
        Task transferDecision = taskService.createTaskQuery().processDefinitionKey("task-transfer")
                .processInstanceBusinessKey(businessKey(transferred)).singleResult();
        decide(transferDecision, "{\"approved\":{\"value\":\"true\"}}");

        Task extended = newSigningClaim();
        LocalDate due = LocalDate.ofInstant(extended.getDueDate().toInstant(), WorkingDayCalendar.ZONE);
        LocalDate later = calendar.addWorkingDays(due, 5);
        created(api().call("POST", "/api/tasks/" + extended.getId() + "/extension-requests", "wangjg",
                "{\"newDueDate\":\"" + later + "\",\"reason\":\"等待企业提供合同文本\"}"));
        Task extensionDecision = taskService.createTaskQuery().processDefinitionKey(ExtensionProcess.KEY)
                .processInstanceBusinessKey(businessKey(extended)).singleResult();
        decide(extensionDecision, "{\"approved\":{\"value\":\"false\"},\"decisionNote\":{\"value\":\"合同谈判尚未启动，不予延期\"}}");

        Task delegated = newSigningClaim();
        HttpResponse<String> claimed = api().call("POST", "/engine-rest/task/" + delegated.getId() + "/claim", "wangjg",
                "{\"userId\":\"wangjg\"}");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
        LocalDate today = clock.today();
        JsonNode delegation = created(api().call("POST", "/api/delegations", "wangjg", "{\"delegate\":\"lina\",\"from\":\""
                + today + "\",\"to\":\"" + today.plusDays(2) + "\",\"reason\":\"LEAVE\"}"));
        try {
            assertThat(taskService.createTaskQuery().taskId(delegated.getId()).singleResult().getAssignee()).isEqualTo("lina");
            HttpResponse<String> completed = api().call("POST", "/engine-rest/task/" + delegated.getId() + "/submit-form", "lina",
                    "{\"variables\":{\"contractNo\":{\"value\":\"HT-2026-0606\"},\"signDate\":{\"value\":\"" + today
                            + "\"},\"contractAmount\":{\"value\":12000}}}");
            assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        } finally {
            api().ok(api().call("POST", "/api/delegations/" + delegation.path("id").asLong() + "/end", "wangjg", null));
        }
        askedAndDelegated = new AskedAndDelegated(transferred.getId(), extended.getId(), later, delegated.getId());
        return askedAndDelegated;
    }

    private static JsonNode created(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
    }

    /** zhengwt (project office) claims the decision task and submits his decision, as Tasklist does. */
    private void decide(Task decision, String variables) throws Exception {
        assertThat(api().call("POST", "/engine-rest/task/" + decision.getId() + "/claim", "zhengwt", "{\"userId\":\"zhengwt\"}")
                .statusCode()).isEqualTo(204);
        HttpResponse<String> decided = api().call("POST", "/engine-rest/task/" + decision.getId() + "/submit-form", "zhengwt",
                "{\"variables\":" + variables + "}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(204);
    }

    private static JsonNode entry(JsonNode page, String kind, String taskId) {
        for (JsonNode item : page.path("items")) {
            if (kind.equals(item.path("kind").asText()) && taskId.equals(item.path("taskId").asText())) {
                return item;
            }
        }
        return null;
    }

    @Test
    void doneListsHisTransferAndExtensionRequestsAndTheTaskHisDelegateCompletedWithWhatBecameOfThem() throws Exception {
        AskedAndDelegated asked = askedAndDelegated();

        JsonNode done = get("/api/worklist/done?size=500", "wangjg");

        JsonNode transfer = entry(done, "TRANSFER", asked.transferred());
        assertThat(transfer).as("his 申请转办 in 已办: %s", done).isNotNull();
        assertThat(transfer.path("taskName").asText()).startsWith("申报签约");
        assertThat(transfer.path("toUnitName").asText()).isEqualTo("市自然资源和规划局");
        assertThat(transfer.path("outcomeLabel").asText()).isEqualTo("已同意，已转交 市自然资源和规划局");
        assertThat(transfer.path("decidedByName").asText()).isEqualTo("郑文涛");
        assertThat(transfer.path("decidedAt").isNull()).isFalse();

        JsonNode extension = entry(done, "EXTENSION", asked.extended());
        assertThat(extension).as("his 延期申请 in 已办: %s", done).isNotNull();
        assertThat(extension.path("newDueDate").asText()).isEqualTo(asked.newDueDate().toString());
        assertThat(extension.path("outcomeLabel").asText()).isEqualTo("已驳回");
        assertThat(extension.path("reason").asText()).isEqualTo("合同谈判尚未启动，不予延期");
        assertThat(extension.path("decidedByName").asText()).isEqualTo("郑文涛");

        JsonNode delegated = entry(done, "TASK", asked.delegated());
        assertThat(delegated).as("the claim lina completed for him, in his 已办: %s", done).isNotNull();
        assertThat(delegated.path("actedByName").asText()).isEqualTo("李娜");
        assertThat(delegated.path("outcomeLabel").asText()).isEqualTo("待核验");
        assertThat(delegated.path("actingForName").isNull()).isTrue();

        JsonNode linas = get("/api/worklist/done?size=500", "lina");
        JsonNode forHim = entry(linas, "TASK", asked.delegated());
        assertThat(forHim).as("the claim in lina's 已办: %s", linas).isNotNull();
        assertThat(forHim.path("actingForName").asText()).isEqualTo("王建国");
        assertThat(forHim.path("actedByName").isNull()).isTrue();
        assertThat(entry(linas, "TRANSFER", asked.transferred())).as("his requests are not hers").isNull();
        assertThat(entry(linas, "EXTENSION", asked.extended())).isNull();
    }

    @Test
    void doneInPagesOfTwoGivesEachEntryOnceNewestFirst() throws Exception {
        askedAndDelegated();
        JsonNode all = get("/api/worklist/done?size=500", "wangjg");
        long total = all.path("total").asLong();
        assertThat(total).isLessThanOrEqualTo(500).isEqualTo(all.path("items").size());

        List<String> paged = new ArrayList<>();
        List<java.time.Instant> times = new ArrayList<>();
        for (int page = 0; page * 2 < total; page++) {
            JsonNode two = get("/api/worklist/done?size=2&page=" + page, "wangjg");
            assertThat(two.path("total").asLong()).isEqualTo(total);
            assertThat(two.path("items").size()).isEqualTo((int) Math.min(2, total - page * 2L));
            two.path("items").forEach(item -> {
                paged.add(key(item));
                times.add(java.time.Instant.parse(item.path("completedAt").asText()));
            });
        }
        List<String> whole = new ArrayList<>();
        all.path("items").forEach(item -> whole.add(key(item)));
        assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(whole);
        assertThat(paged).as("all kinds among them").anyMatch(k -> k.startsWith("TRANSFER|"))
                .anyMatch(k -> k.startsWith("EXTENSION|")).anyMatch(k -> k.startsWith("TASK|"));
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(get("/api/worklist/done?size=2&page=" + (total / 2 + 1), "wangjg").path("items")).isEmpty();
    }

    private static String key(JsonNode item) {
        return item.path("kind").asText() + "|" + item.path("taskId").asText() + "|" + item.path("completedAt").asText();
    }

    @Test
    void anotherOfficersDoneListIsRefusedAndHisOwnHoldsNothingOfWangjgs() throws Exception {
        claimReturnedByZhengwt();

        api().refused(api().call("GET", "/api/worklist/done?user=wangjg", "lina", null), 403, null);
        api().refused(api().call("GET", "/api/worklist/started?user=sunhb", "wangjg", null), 403, null);
        JsonNode linas = get("/api/worklist/done", "lina");
        for (JsonNode item : linas.path("items")) {
            assertThat(item.path("outcome").asText()).as("lina's 已办 holds nothing of wangjg's claim").isNotEqualTo("RETURNED");
        }
        // The project office may read anyone's.
        assertThat(get("/api/worklist/done?user=wangjg", "zhengwt").path("total").asLong()).isPositive();
        api().refused(api().call("GET", "/api/worklist/done?size=0", "wangjg", null), 400, "size");
    }

    @Test
    void startedListsTheIssuesTheReporterReportedWithLevelAndState() throws Exception {
        JsonNode sunhb = get("/api/worklist/started", "sunhb");
        JsonNode issue = item(sunhb, "issueCode", "WT-2026-0001");
        assertThat(issue).as("the demo issue sunhb reported: %s", sunhb).isNotNull();
        assertThat(issue.path("projectCode").asText()).isEqualTo(KEPT_OPEN);
        assertThat(issue.path("levelLabel").asText()).isNotBlank();
        assertThat(issue.path("statusLabel").asText()).isIn("待分派", "办理中", "待确认", "已解决");

        assertThat(item(get("/api/worklist/started", "wangjg"), "issueCode", "WT-2026-0001")).isNull();
    }

    @Test
    void cardsOfTheVisibleTasksComeInOneCallAndOtherUnitsTasksAreLeftOut() throws Exception {
        List<Task> zjj = taskService.createTaskQuery().taskCandidateGroup(ZJJ).list();
        Task other = taskService.createTaskQuery().taskCandidateGroup("gxq").list().get(0);
        List<String> ids = new ArrayList<>(zjj.stream().map(Task::getId).toList());
        ids.add(other.getId());

        JsonNode badges = get("/api/tasks/deadlines?ids=" + String.join(",", ids), "wangjg");

        List<String> answered = new ArrayList<>();
        badges.forEach(b -> answered.add(b.path("taskId").asText()));
        assertThat(answered).doesNotContain(other.getId()).hasSize(zjj.size());
        for (JsonNode b : badges) {
            Task task = zjj.stream().filter(t -> t.getId().equals(b.path("taskId").asText())).findFirst().orElseThrow();
            LocalDate due = LocalDate.ofInstant(task.getDueDate().toInstant(), WorkingDayCalendar.ZONE);
            if ("OVERDUE".equals(b.path("state").asText())) {
                int late = calendar.workingDaysBetween(due, clock.today());
                assertThat(b.path("label").asText()).isEqualTo(late == 0 ? "已逾期" : "逾期 " + late + " 个工作日");
                assertThat(b.path("dueDate").asText()).isEqualTo(due.toString());
            }
        }
        api().refused(api().call("GET", "/api/tasks/deadlines", "wangjg", null), 400, "ids");
    }

    @Test
    void theExtensionPreviewCountsWorkingDaysAndRefusesAnEarlierDate() throws Exception {
        Task permit = openPermit();
        LocalDate due = LocalDate.ofInstant(permit.getDueDate().toInstant(), WorkingDayCalendar.ZONE);
        LocalDate later = calendar.addWorkingDays(due, 5);

        JsonNode preview = get("/api/tasks/" + permit.getId() + "/extension-preview?newDueDate=" + later, "wangjg");

        assertThat(preview.path("workingDaysAdded").asInt()).isEqualTo(5);
        assertThat(preview.path("currentDueDate").asText()).isEqualTo(due.toString());
        api().refused(api().call("GET", "/api/tasks/" + permit.getId() + "/extension-preview?newDueDate=" + due.minusDays(1),
                "wangjg", null), 400, "newDueDate");
        api().refused(api().call("GET", "/api/tasks/" + permit.getId() + "/extension-preview?newDueDate=" + later,
                "zhouq", null), 403, null);
    }

    @Test
    void eachRoleReadsOnlyItsOwnFilters() throws Exception {
        assertThat(filterNames("wangjg")).containsExactlyInAnyOrder("我的待办", "本单位待办", "即将到期", "已逾期");
        assertThat(filterNames("zhengwt")).contains("待核验").doesNotContain("本单位待办", "待我协调", "推进委员会");
        assertThat(filterNames("linxh")).contains("待我协调", "逾期督办").doesNotContain("本单位待办", "待核验");
        assertThat(filterNames("huangzh")).contains("已逾期").doesNotContain("本单位待办", "待核验", "待我协调");
    }

    private List<String> filterNames(String user) throws Exception {
        List<String> names = new ArrayList<>();
        api().ok(api().call("GET", "/engine-rest/filter?resourceType=Task", user, null))
                .forEach(f -> names.add(f.path("name").asText()));
        return names;
    }

    @Test
    void aPausedClockShowsOnTheTaskAndItsCardWithTheReason() throws Exception {
        // A task of 住建局 due in more than a month: not the overdue, due-soon or extended ones the browser looks at.
        Task far = taskService.createTaskQuery().taskCandidateGroup(ZJJ)
                .dueAfter(java.util.Date.from(clock.now().plus(Duration.ofDays(40)))).list().get(0);

        HttpResponse<String> paused = api().call("POST", "/api/tasks/" + far.getId() + "/pause", "wangjg",
                "{\"reason\":\"等待企业补充用地材料\"}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);

        JsonNode status = get("/api/tasks/" + far.getId() + "/deadline-status", "wangjg");
        assertThat(status.path("paused").asBoolean()).isTrue();
        assertThat(status.path("pauseReason").asText()).isEqualTo("等待企业补充用地材料");
        assertThat(status.path("pausedByName").asText()).isEqualTo("王建国");
        assertThat(status.path("holder").asBoolean()).isTrue();
        JsonNode badge = get("/api/tasks/deadlines?ids=" + far.getId(), "wangjg").get(0);
        assertThat(badge.path("state").asText()).isEqualTo("PAUSED");
        assertThat(badge.path("label").asText()).isEqualTo("暂停计时");
        // Another unit's officer neither sees the task's clock nor may pause it.
        api().refused(api().call("GET", "/api/tasks/" + far.getId() + "/deadline-status", "liuy", null), 404, "taskId");
        // zhengwt sees it, but does not hold it.
        assertThat(get("/api/tasks/" + far.getId() + "/deadline-status", "zhengwt").path("holder").asBoolean()).isFalse();
    }

    /** A permit of 住建局 still due, other than the one TasklistAccessTest uses, with no extension asked for yet. */
    private Task openPermit() {
        return taskService.createTaskQuery().taskDefinitionKey("Task_HandleApproval").taskCandidateGroup(ZJJ)
                .dueAfter(java.util.Date.from(clock.now())).orderByTaskId().asc().list().stream()
                .filter(t -> !KEPT_PERMIT.equals(businessKey(t)))
                .filter(t -> runtime.createProcessInstanceQuery().processDefinitionKey(ExtensionProcess.KEY)
                        .processInstanceBusinessKey(businessKey(t)).count() == 0)
                .findFirst().orElseThrow();
    }

    /**
     * Tasklist in Chromium ({@code src/test/resources/browser/tasklist-desk.mjs}): the login page names 推进 and the
     * city, in zh-CN, without Camunda's migration banner; wangjg sees only the officers' filters, an overdue card red
     * with 「逾期 N 个工作日」 and the date, a due-soon one amber, no priority and no 新建任务; he asks from the task for 5
     * more working days, zhengwt approves, and wangjg reads the decision on the task; his 已办 shows the returned claim;
     * zhengwt sees 待核验. His 已办 also shows his transfer request 「申请转办｜… → 市自然资源和规划局」 agreed, his extension
     * request 「延期申请｜… 延至 …年…月…日」 rejected with the reason, the claim lina completed for him 「李娜 代办」, and
     * 「更多」 only when there is more than the page.
     */
    @Nested
    class InChromium {

        @Test
        void theDeskReadsAtAGlance() throws Exception {
            claimReturnedByZhengwt();
            askedAndDelegated();
            List<Task> zjj = taskService.createTaskQuery().taskCandidateGroup(ZJJ).list();
            Task overdue = zjj.stream().filter(t -> t.getDueDate() != null && t.getDueDate().toInstant().isBefore(clock.now()))
                    .findFirst().orElseThrow();
            Task dueSoon = zjj.stream().filter(t -> t.getDueDate() != null && t.getFollowUpDate() != null
                    && t.getDueDate().toInstant().isAfter(clock.now()) && !t.getFollowUpDate().toInstant().isAfter(clock.now()))
                    .findFirst().orElseThrow();
            Task permit = openPermit();
            LocalDate due = LocalDate.ofInstant(permit.getDueDate().toInstant(), WorkingDayCalendar.ZONE);
            LocalDate later = calendar.addWorkingDays(due, 5);
            Task returned = taskService.createTaskQuery().processInstanceBusinessKey(returnedProject)
                    .taskDefinitionKey(ProjectLifecycle.Element.CLAIM_START).singleResult();
            java.time.format.DateTimeFormatter typed = java.time.format.DateTimeFormatter.ofPattern("yyyy/M/d");
            // The returned claim comes back without files: wangjg's corrected permit scan is on it before he resubmits
            // (the tab 附件 itself is EvidenceBrowserTest's).
            as("wangjg", List.of(ZJJ), () -> evidence.upload(returned.getId(), "PERMIT", "施工许可证.png", EvidenceFiles.png()));

            JsonNode seen = BrowserScript.run("tasklist-desk.mjs", port, Map.of("OVERDUE_TASK", overdue.getId(),
                    "DUE_SOON_TASK", dueSoon.getId(), "EXTENSION_TASK", permit.getId(), "NEW_DATE", later.toString(),
                    "RESUBMIT_TASK", returned.getId(), "FUTURE_DATE", typed.format(clock.today().plusDays(30)),
                    "TODAY", typed.format(clock.today())), Duration.ofMinutes(3));

            assertThat(seen.get("pageErrors")).as("script errors").isEmpty();
            assertThat(seen.get("consoleErrors")).as("console errors").isEmpty();
            assertThat(seen.get("external")).as("requests outside the application").isEmpty();
            assertThat(seen.at("/login/lang").asText()).isEqualTo("zh-CN");
            assertThat(seen.at("/login/title").asText()).contains("推进").contains("临江市");
            assertThat(seen.at("/login/banner").asInt()).as("Camunda 8 migration banner").isZero();

            JsonNode wangjg = seen.get("wangjg");
            assertThat(texts(wangjg.get("filterNames"))).containsExactly("我的待办", "本单位待办", "即将到期", "已逾期");
            assertThat(wangjg.get("createTask").asInt() + wangjg.get("createTaskText").asInt()).as("新建任务").isZero();
            assertThat(wangjg.get("brand").asText()).contains("推进").contains("临江市");
            assertThat(wangjg.get("footer").asText()).contains("北京时间");

            LocalDate overdueDay = LocalDate.ofInstant(overdue.getDueDate().toInstant(), WorkingDayCalendar.ZONE);
            int late = calendar.workingDaysBetween(overdueDay, clock.today());
            JsonNode red = wangjg.get("overdue");
            assertThat(red.get("classes").asText()).contains("tuijin-card-overdue");
            assertThat(red.get("background").asText()).isEqualTo("rgb(253, 236, 234)");
            assertThat(red.get("label").asText()).isEqualTo(late == 0 ? "已逾期" : "逾期 " + late + " 个工作日");
            assertThat(red.get("date").asText()).contains(overdueDay.getYear() + "年" + overdueDay.getMonthValue() + "月"
                    + overdueDay.getDayOfMonth() + "日");
            assertThat(red.get("priorityVisible").asInt()).isZero();
            // Due at the end of the day in Beijing, shown so to a browser in New York.
            assertThat(red.get("dueTooltip").asText()).endsWith("23:59");
            JsonNode amber = wangjg.get("dueSoon");
            assertThat(amber.get("classes").asText()).contains("tuijin-card-due-soon");
            assertThat(amber.get("background").asText()).isEqualTo("rgb(253, 246, 227)");
            assertThat(amber.get("label").asText()).matches("剩 \\d+ 个工作日|今日到期");

            assertThat(seen.get("preview").asText()).contains("延长 5 个工作日");
            assertThat(seen.get("pending").asText()).isEqualTo("延期申请 待审批：申请延至 " + later.getYear() + "年" + later.getMonthValue() + "月" + later.getDayOfMonth() + "日");
            assertThat(seen.get("askOfferedAfter").asInt()).isZero();
            assertThat(texts(seen.get("done"))).anySatisfy(line ->
                    assertThat(line).contains("申报开工").contains("已退回").contains("施工许可证编号与扫描件不一致"));
            LocalDate asked = askedAndDelegated.newDueDate();
            assertThat(texts(seen.get("done"))).anySatisfy(line -> assertThat(line).startsWith("申请转办｜申报签约")
                            .contains("→ 市自然资源和规划局").contains("已同意，已转交 市自然资源和规划局").contains("郑文涛"))
                    .anySatisfy(line -> assertThat(line).startsWith("延期申请｜申报签约")
                            .contains("延至 " + asked.getYear() + "年" + asked.getMonthValue() + "月" + asked.getDayOfMonth() + "日")
                            .contains("已驳回").contains("合同谈判尚未启动，不予延期"))
                    .anySatisfy(line -> assertThat(line).startsWith("申报签约").contains("李娜 代办").contains("待核验"));
            int doneTotal = Integer.parseInt(seen.get("doneNote").asText().replaceAll("\\D", ""));
            assertThat(seen.get("doneMoreVisible").asBoolean()).as("「更多」 under %s", seen.get("doneNote").asText())
                    .isEqualTo(doneTotal > 20);
            if (doneTotal > 20) {
                assertThat(seen.get("doneAfterMore").asInt()).as("「更多」 loads the next page").isEqualTo(Math.min(doneTotal, 40));
            }
            assertThat(seen.at("/refusal/field").asText()).startsWith("实际开工日期");
            assertThat(seen.at("/refusal/text").asText()).contains("不能晚于今天");
            assertThat(seen.get("toast").asText()).isEqualTo("已提交");
            assertThat(seen.path("refusalNotices").asInt()).as("Tasklist's own notice of the refusal").isPositive();
            assertThat(seen.path("noticesAfterSubmit").asInt()).as("the refusal's notice left after 已提交").isZero();
            assertThat(taskService.createTaskQuery().processInstanceBusinessKey(returnedProject)
                    .taskDefinitionKey(ProjectLifecycle.Element.VERIFY_START).count()).as("the claim resubmitted").isOne();
            assertThat(texts(seen.at("/report/projectOptions"))).contains("请选择")
                    .anySatisfy(o -> assertThat(o).startsWith(KEPT_OPEN).contains("临江大道"));
            assertThat(seen.at("/report/projectTextFieldVisible").asInt()).as("项目编号 typed").isZero();
            assertThat(seen.at("/report/selectPlaceholder").asText()).isEqualTo("\"请选择\"");
            assertThat(texts(seen.at("/zhengwt/filterNames"))).contains("待核验").doesNotContain("本单位待办", "待我协调");

            // zhengwt approves; wangjg reads it on the task.
            Task decide = taskService.createTaskQuery().processDefinitionKey(ExtensionProcess.KEY)
                    .processInstanceBusinessKey(businessKey(permit)).singleResult();
            as("zhengwt", List.of("projectOffice"), () -> {
                taskService.claim(decide.getId(), "zhengwt");
                taskService.complete(decide.getId(), Map.of(ExtensionProcess.Var.APPROVED, "true"));
            });
            JsonNode decided = BrowserScript.run("tasklist-desk.mjs", port, Map.of("PHASE", "decision",
                    "EXTENSION_TASK", permit.getId()), Duration.ofMinutes(2));
            assertThat(decided.get("decision").asText()).isEqualTo("延期申请 已批准：期限延至 " + later.getYear() + "年" + later.getMonthValue() + "月" + later.getDayOfMonth() + "日");
            assertThat(decided.get("decisionClass").asText()).contains("tuijin-extension-approved");
            assertThat(Path.of("target/screenshots/desk-cards.png")).isNotEmptyFile();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
