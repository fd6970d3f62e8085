package cn.tuijin.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import cn.tuijin.TuijinTest;
import cn.tuijin.evidence.EvidenceFiles;
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
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 申请转办 and 撤回 in Tasklist, in Chromium ({@code src/test/resources/browser/tasklist-handover.mjs}), on two projects of
 * 住建局 made for it: wangjg asks to hand his unit's signing claim to 市自然资源和规划局, zhengwt approves it from 待核验,
 * zhaol finds it in 本单位待办 and wangjg no longer does; wangjg claims 开工 with the permit, withdraws it from 我的申报,
 * gets the claim task back filled, claims again, and zhengwt sees the photo on 核验开工 and approves; huangzh finds the
 * request counted for 住建局 on the dashboard.
 */
@TuijinTest
class HandoverBrowserTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @LocalServerPort int port;
    @Autowired TaskService tasks;
    @Autowired EngineClock clock;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProjectRepository projects;
    @Autowired LifecycleService lifecycle;

    private LocalDate today;

    @BeforeEach
    void stopTheClock() {
        clock.setTime(clock.now());
        today = clock.today();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String newProject(String name, Stage stage) {
        String code = "ZB-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        LocalDate sign = stage == Stage.NEGOTIATING ? today.plusDays(20) : today.minusDays(60);
        projects.insert(new Project(code, name, "测试", Category.URBAN, Level.CITY, "lj", "zjj", "mazy", new BigDecimal("12000"),
                new BigDecimal("2400"), sign, today.plusDays(20), today.plusDays(400), today.plusDays(460),
                stage == Stage.NEGOTIATING ? null : sign, null, null, null, stage), List.of(), clock.now());
        lifecycle.start(code);
        return code;
    }

    private Task open(String project, String activity) {
        return tasks.createTaskQuery().processInstanceBusinessKey(project).taskDefinitionKey(activity).singleResult();
    }

    @Test
    void wangjgHandsATaskToAnotherUnitAndWithdrawsAClaimInTasklist() throws Exception {
        String signing = newProject("城东片区土地整理项目", Stage.NEGOTIATING);
        String starting = newProject("滨江路改造工程", Stage.SIGNED);
        Task transfer = open(signing, ProjectLifecycle.Element.CLAIM_SIGNING);
        Task claim = open(starting, ProjectLifecycle.Element.CLAIM_START);
        Path permit = Path.of("target/screenshots/施工许可证.png").toAbsolutePath();
        Files.createDirectories(permit.getParent());
        Files.write(permit, EvidenceFiles.png());

        JsonNode seen = BrowserScript.run("tasklist-handover.mjs", port, Map.of("TRANSFER_TASK", transfer.getId(),
                "CLAIM_TASK", claim.getId(), "CLAIM_PROJECT", starting, "PERMIT", permit.toString(),
                "START_DATE", today.toString()), Duration.ofMinutes(4));

        assertThat(seen.path("loaded").path("tuijin-handover.js").asInt()).isEqualTo(200);
        assertThat(seen.get("pageErrors")).as("script errors").isEmpty();
        assertThat(seen.get("consoleErrors")).as("console errors").isEmpty();
        assertThat(seen.get("external")).as("requests outside the application").isEmpty();

        // 申请转办: units by name (not his own), a refusal next to the reason, then 待审批 on the task.
        assertThat(seen.path("askLabel").asText()).isEqualTo("申请转办");
        assertThat(seen.get("unitChoices").toString()).contains("市自然资源和规划局")
                .doesNotContain("市住房城乡建设局", "市委督查室", "市重点项目办");
        assertThat(seen.path("reasonRefused").asText()).contains("转办理由");
        assertThat(seen.path("transferStatusAsked").asText()).startsWith("转办申请（转交市自然资源和规划局").endsWith("：待审批");
        assertThat(seen.path("askHiddenWhilePending").asBoolean()).isTrue();

        // 撤回: listed in 我的申报, withdrawn, back to him filled with the permit, claimed again.
        assertThat(seen.path("claimListed").asText()).startsWith(starting + " 滨江路改造工程 — 开工申报（开工日期 " + today + "，申报于 ")
                .endsWith("撤回");
        assertThat(seen.path("withdrawnMessage").asText()).startsWith("已撤回：申报开工").endsWith("已退回给您，原填报内容已带回。");
        assertThat(seen.path("backTaskName").asText()).startsWith("申报开工");
        assertThat(seen.path("backPermitNo").asText()).isEqualTo("建施〔2026〕0777号");
        assertThat(seen.path("backStartDate").asText()).isNotEmpty();
        assertThat(seen.path("backAssignee").asText()).contains("王建国");
        assertThat(seen.get("backFiles").toString()).contains("施工许可证.png");
        assertThat(seen.path("claimedAgain").asBoolean()).isTrue();

        // zhengwt: the request in 待核验, named after the work and the unit; the permit's photo on 核验开工.
        assertThat(seen.path("decisionCard").asText()).startsWith("审批转办申请｜申报签约").endsWith("→ 市自然资源和规划局");
        assertThat(seen.path("decisionSummary").asText()).contains("由市住房城乡建设局申请转交市自然资源和规划局办理（申请人 王建国）",
                "不属住建局职责");
        assertThat(seen.path("officeClockButtons").asInt()).as("申请延期 and 暂停计时 on the office's own decision").isZero();
        assertThat(seen.path("officeSeesMyClaims").asBoolean()).as("我的申报 for the project office").isFalse();
        assertThat(seen.at("/verifierSees/files").toString()).contains("施工许可证.png");
        assertThat(seen.at("/verifierSees/imageWidth").asInt()).isEqualTo(48);

        // The task moved: 市自然资源和规划局 has it, 住建局 no longer.
        assertThat(seen.path("newUnitTaskName").asText()).startsWith("申报签约");
        assertThat(seen.path("oldUnitStillSees").asInt()).isZero();
        assertThat(tasks.getIdentityLinksForTask(transfer.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType())).map(IdentityLink::getGroupId)).containsExactly("zrj");
        assertThat(jdbc.queryForList("select decision from stage_claim where project_code = ? order by id", String.class, starting))
                .containsExactly("WITHDRAWN", "APPROVED");
        assertThat(projects.find(starting).orElseThrow().stage()).isEqualTo(Stage.UNDER_CONSTRUCTION);
        // Counted for 住建局 among the units' 推诿 statistics on the dashboard, as the API counts it.
        assertThat(seen.path("dashboardHead").asText()).isEqualTo("各单位申请转办（推诿）统计");
        int requested = jdbc.queryForObject("select count(*) from task_transfer where from_unit_code = 'zjj'", Integer.class);
        int approved = jdbc.queryForObject("select count(*) from task_transfer where from_unit_code = 'zjj' and status = 'APPROVED'",
                Integer.class);
        assertThat(approved).isPositive();
        assertThat(seen.get("dashboardTransferRow").toString())
                .startsWith("[\"市住房城乡建设局\",\"" + requested + "\",\"" + approved + "\"");
        assertThat(Path.of("target/screenshots/tasklist-handover-4-withdrawn.png")).isNotEmptyFile();
    }
}
