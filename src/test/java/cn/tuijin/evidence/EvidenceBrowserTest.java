package cn.tuijin.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import cn.tuijin.TuijinTest;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.system.BrowserScript;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tab 附件 in Tasklist, in headless Chromium (tasklist-evidence.mjs): wangjg uploads a photo of the permit on 申报开工
 * and completes it; zhengwt opens 核验开工 and sees the photo.
 */
@TuijinTest
class EvidenceBrowserTest {

    /** 住建局's 地下综合管廊（二期）: its start claim is open in the demo city. */
    private static final String PROJECT = "XM-2026-014";

    @LocalServerPort
    int port;

    @Autowired
    TaskService tasks;

    @Autowired
    EngineClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anOfficerUploadsThePermitInTasklistAndTheProjectOfficeSeesItsPhoto() throws Exception {
        Task claim = tasks.createTaskQuery().processInstanceBusinessKey(PROJECT)
                .taskDefinitionKey(ProjectLifecycle.Element.CLAIM_START).singleResult();
        assertThat(claim).as("the open start claim of %s", PROJECT).isNotNull();
        Path permit = Path.of("target/screenshots/施工许可证.png").toAbsolutePath();
        Files.createDirectories(permit.getParent());
        Files.write(permit, EvidenceFiles.png());

        JsonNode seen = BrowserScript.run("tasklist-evidence.mjs", port, Map.of("TASK", claim.getId(), "PROJECT", PROJECT,
                "PERMIT", permit.toString(), "START_DATE", clock.today().toString()), Duration.ofMinutes(3));

        assertThat(seen.path("loaded").path("tuijin-evidence.js").asInt()).isEqualTo(200);
        assertThat(seen.get("pageErrors")).as("script errors").isEmpty();
        assertThat(seen.get("consoleErrors")).as("console errors").isEmpty();
        assertThat(seen.get("external")).as("requests outside the application").isEmpty();
        // wangjg: told what the claim needs, the permit chosen for him, his upload confirmed and listed.
        assertThat(seen.path("required").asText()).isEqualTo("提交前须上传：施工许可证");
        assertThat(seen.path("kindChosen").asText()).isEqualTo("PERMIT");
        assertThat(seen.path("uploadMessage").asText()).isEqualTo("已上传：施工许可证「施工许可证.png」");
        assertThat(seen.path("uploadedFiles").toString()).contains("施工许可证", "王建国 上传于");
        assertThat(seen.path("completed").asBoolean()).isTrue();
        // zhengwt: the claim's photo, shown, not to be changed.
        assertThat(seen.path("verifyTaskName").asText()).startsWith("核验开工");
        assertThat(seen.at("/verifierSees/files").toString()).contains("施工许可证.png", "已随申报提交");
        assertThat(seen.at("/verifierSees/imageWidth").asInt()).isEqualTo(48);
        assertThat(seen.at("/verifierSees/uploadOffered").asInt()).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from evidence_file f join stage_claim c on c.id = f.claim_id
                where c.project_code = ? and c.milestone = 'START' and f.kind = 'PERMIT'""", Integer.class, PROJECT)).isEqualTo(1);
    }
}
