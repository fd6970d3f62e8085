package cn.tuijin.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.WebappBrowser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Evidence files through the API as users send them: the upload on a claim, its refusals (type from the bytes, size,
 * another unit), and the start claim that cannot be submitted without its permit at the engine's doors.
 */
@TuijinTest
class EvidenceApiTest {

    /** 北湖区's 纺织智能化技改项目 (工信局 cooperates): its start claim is open. */
    private static final String BHQ_PROJECT = "XM-2026-015";
    /** 临江区's 中心城区养老服务中心: its start claim is open; claimed, verified here. */
    private static final String LJQ_PROJECT = "XM-2026-013";
    private static final String ENGINE_API = "/camunda/api/engine/engine/default";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    TaskService tasks;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EngineClock clock;

    @Autowired
    SubmittedEvidence submittedEvidence;

    ApiCalls api;

    @BeforeEach
    void client() {
        api = new ApiCalls(port);
    }

    @Test
    void anOfficerUploadsAPhotoOnHisUnitsClaimAndFindsItListedWithItsTypeAndHash() throws Exception {
        Task claim = startClaim(BHQ_PROJECT);
        byte[] photo = EvidenceFiles.png();

        JsonNode file = created(upload("zhuwd", claim.getId(), "现场照片.png", photo, "SITE_PHOTO"));

        assertThat(file.path("kindLabel").asText()).isEqualTo("形象进度照片");
        assertThat(file.path("contentType").asText()).isEqualTo("image/png");
        assertThat(file.path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo)));
        assertThat(file.path("uploaderName").asText()).isEqualTo("朱伟东");
        assertThat(file.path("deletable").asBoolean()).isTrue();
        JsonNode task = api.ok(api.request("GET", "/api/evidence/tasks/" + claim.getId()).as("zhuwd").send());
        assertThat(task.path("role").asText()).isEqualTo("UPLOAD");
        assertThat(task.path("mayUpload").asBoolean()).isTrue();
        assertThat(task.path("required").toString()).contains("施工许可证");
        assertThat(names(task.path("files"))).contains("现场照片.png");
        HttpResponse<byte[]> content = api.download(file.path("url").asText(), "zhuwd");
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(photo);
        assertThat(content.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        assertThat(content.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(content.headers().allValues("Content-Security-Policy")).hasSize(1).allMatch(p -> p.contains("frame-ancestors 'self'"))
                .as("framed by Tasklist's task view: frame-ancestors takes precedence over X-Frame-Options");
        assertThat(content.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");

        // The cooperating unit's officer sees the project and its files, but does not work the claim.
        JsonNode seenByCooperator = api.ok(api.request("GET", "/api/evidence/tasks/" + claim.getId()).as("liuy").send());
        assertThat(seenByCooperator.path("mayUpload").asBoolean()).isFalse();
        assertThat(names(seenByCooperator.path("files"))).contains("现场照片.png");
        assertThat(api.refused(upload("liuy", claim.getId(), "照片.png", photo, "SITE_PHOTO"), 403, null)).contains("上传附件");

        // The uploader deletes it before the claim is submitted; the timeline keeps both.
        assertThat(api.refused(api.request("DELETE", "/api/evidence/files/" + file.path("id").asLong()).as("liuy").send(), 403, null))
                .contains("只能删除本人上传的附件");
        api.ok(api.request("DELETE", "/api/evidence/files/" + file.path("id").asLong()).as("zhuwd").send());
        assertThat(names(api.ok(api.request("GET", "/api/evidence/tasks/" + claim.getId()).as("zhuwd").send()).path("files")))
                .doesNotContain("现场照片.png");
        String timeline = api.ok(api.request("GET", "/api/dashboard/projects/" + BHQ_PROJECT + "/timeline").as("huangzh").send()).toString();
        assertThat(timeline).contains("朱伟东 上传形象进度照片「现场照片.png」", "朱伟东 删除形象进度照片「现场照片.png」");
    }

    @Test
    void aProgramRenamedPdfIsRefusedAndNothingIsWritten() throws Exception {
        Task claim = startClaim(BHQ_PROJECT);
        int before = count();

        String message = api.refused(upload("zhuwd", claim.getId(), "施工许可证.pdf", EvidenceFiles.exe(), "PERMIT"), 400, "file");

        assertThat(message).contains("施工许可证.pdf", "不是 jpg、png、pdf、docx、xlsx 文件");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aPhotoNamedPdfIsRefusedAsItsExtensionContradictsItsContent() throws Exception {
        Task claim = startClaim(BHQ_PROJECT);

        String message = api.refused(upload("zhuwd", claim.getId(), "许可证.pdf", EvidenceFiles.png(), "PERMIT"), 400, "file");

        assertThat(message).contains("扩展名与内容不符", "PNG 图片");
    }

    @Test
    void aFileOfTwentyMegabytesIsRefusedInChineseAndNothingIsWritten() throws Exception {
        Task claim = startClaim(BHQ_PROJECT);
        byte[] big = new byte[20 * 1024 * 1024];
        System.arraycopy(EvidenceFiles.pdf(), 0, big, 0, EvidenceFiles.pdf().length);
        int before = count();

        String message = api.refused(upload("zhuwd", claim.getId(), "竣工验收报告.pdf", big, "ACCEPTANCE"), 413, "file");

        assertThat(message).contains("文件过大", "10 MB").doesNotContain("台账");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void someoneOfAnotherUnitCanNeitherUploadNorRead() throws Exception {
        Task claim = startClaim(BHQ_PROJECT);
        JsonNode file = created(upload("zhuwd", claim.getId(), "合同.pdf", EvidenceFiles.pdf(), "CONTRACT"));

        assertThat(api.refused(upload("wangjg", claim.getId(), "合同.pdf", EvidenceFiles.pdf(), "CONTRACT"), 403, null)).contains("上传附件");
        api.refused(api.request("GET", "/api/evidence/tasks/" + claim.getId()).as("wangjg").send(), 403, null);
        api.refused(api.request("GET", "/api/evidence/projects/" + BHQ_PROJECT).as("wangjg").send(), 403, null);
        assertThat(api.download(file.path("url").asText(), "wangjg").statusCode()).isEqualTo(403);
    }

    @Test
    void aStartClaimWithoutThePermitIsRefusedAtEveryDoorAndAcceptedWithIt() throws Exception {
        Task claim = startClaim(LJQ_PROJECT);
        String today = clock.today().toString();
        String form = """
                {"variables": {"permitNo": {"value": "SG-2026-0113", "type": "String"},
                               "startDate": {"value": "%s", "type": "String"}}}""".formatted(today);
        created(upload("sunhb", claim.getId(), "现场.jpg.png", EvidenceFiles.png(), "SITE_PHOTO"));

        // Camunda's REST API.
        HttpResponse<String> rest = api.request("POST", "/engine-rest/task/" + claim.getId() + "/complete").as("sunhb").json(form).send();
        api.refusedAtTheEngine(rest, 400, "申报开工须上传施工许可证");
        // Tasklist's own door, with its session.
        WebappBrowser sunhb = new WebappBrowser("http://localhost:" + port);
        sunhb.logIn("sunhb", "demo");
        api.refusedAtTheEngine(sunhb.post(ENGINE_API + "/task/" + claim.getId() + "/submit-form", form), 400, "申报开工须上传施工许可证");
        assertThat(tasks.createTaskQuery().taskId(claim.getId()).count()).as("the claim stays open").isEqualTo(1);

        JsonNode permit = created(upload("sunhb", claim.getId(), "施工许可证.png", EvidenceFiles.png(), "PERMIT"));
        HttpResponse<String> submitted = sunhb.post(ENGINE_API + "/task/" + claim.getId() + "/submit-form", form);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);

        // Submitted: kept with the claim, not to be deleted, shown to the project office on 核验开工.
        assertThat(api.refused(api.request("DELETE", "/api/evidence/files/" + permit.path("id").asLong()).as("sunhb").send(), 403, null))
                .contains("已随申报提交");
        Task verify = tasks.createTaskQuery().processInstanceBusinessKey(LJQ_PROJECT)
                .taskDefinitionKey(ProjectLifecycle.Element.VERIFY_START).singleResult();
        JsonNode seen = api.ok(api.request("GET", "/api/evidence/tasks/" + verify.getId()).as("zhengwt").send());
        assertThat(seen.path("role").asText()).isEqualTo("VERIFY");
        assertThat(names(seen.path("files"))).containsExactly("现场.jpg.png", "施工许可证.png");
        assertThat(seen.path("files").get(1).path("claimId").asLong()).isPositive();
        assertThat(seen.path("files").get(1).path("preview").asBoolean()).isTrue();
        assertThat(names(api.ok(api.request("GET", "/api/evidence/projects/" + LJQ_PROJECT).as("huangzh").send())))
                .contains("施工许可证.png");
    }

    @Test
    void theFilesOfAWithdrawnClaimGoBackToTheClaimTaskThatComesBack() throws Exception {
        Task claim = startClaim(BHQ_PROJECT);
        JsonNode scan = created(upload("zhuwd", claim.getId(), "合同扫描件.pdf", EvidenceFiles.pdf(), "CONTRACT"));
        submittedEvidence.submitted(claim.getId(), 424242L);
        assertThat(api.ok(api.request("GET", "/api/evidence/files/" + scan.path("id").asLong()).as("zhuwd").send())
                .path("deletable").asBoolean()).isFalse();

        submittedEvidence.withdrawn(424242L, claim.getId());

        JsonNode back = api.ok(api.request("GET", "/api/evidence/files/" + scan.path("id").asLong()).as("zhuwd").send());
        assertThat(back.path("claimId").isNull()).isTrue();
        assertThat(back.path("deletable").asBoolean()).isTrue();
        api.ok(api.request("DELETE", "/api/evidence/files/" + scan.path("id").asLong()).as("zhuwd").send());
    }

    @Test
    void aSitePhotoGoesWithTheMonthlyReportAndStaysWithItOnceSubmitted() throws Exception {
        // 滨江大桥, led by 住建局, has a monthly report open.
        Task report = tasks.createTaskQuery().processInstanceBusinessKey("XM-2026-019")
                .taskDefinitionKey(ProjectLifecycle.Element.MONTHLY_REPORT).orderByTaskCreateTime().asc().list().get(0);
        JsonNode photo = created(upload("lina", report.getId(), "工地全景.jpg", jpeg(), "SITE_PHOTO"));
        assertThat(photo.path("contentType").asText()).isEqualTo("image/jpeg");
        java.math.BigDecimal cumulative = jdbc.queryForObject(
                "select coalesce(max(cumulative_investment), 0) from monthly_report where project_code = 'XM-2026-019'", java.math.BigDecimal.class);

        HttpResponse<String> submitted = api.request("POST", "/engine-rest/task/" + report.getId() + "/complete").as("lina").json("""
                {"variables": {"monthInvestment": {"value": 100, "type": "Integer"},
                               "cumulativeInvestment": {"value": %s, "type": "Integer"},
                               "progressPercent": {"value": 60, "type": "Integer"}}}""".formatted(cumulative.intValue() + 100)).send();

        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
        JsonNode kept = api.ok(api.request("GET", "/api/evidence/files/" + photo.path("id").asLong()).as("lina").send());
        assertThat(kept.path("submittedAt").isNull()).as("submitted with the report").isFalse();
        assertThat(kept.path("deletable").asBoolean()).isFalse();
        assertThat(api.refused(api.request("DELETE", "/api/evidence/files/" + photo.path("id").asLong()).as("lina").send(), 403, null))
                .contains("已随申报提交");
    }

    private static byte[] jpeg() throws java.io.IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(16, 12, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private Task startClaim(String project) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(project)
                .taskDefinitionKey(ProjectLifecycle.Element.CLAIM_START).singleResult();
        assertThat(task).as("the open start claim of %s", project).isNotNull();
        return task;
    }

    private HttpResponse<String> upload(String user, String taskId, String name, byte[] content, String kind) throws Exception {
        Object[] body = EvidenceFiles.multipart(name, content, kind);
        return api.request("POST", "/api/evidence/tasks/" + taskId).as(user).body((String) body[0], (byte[]) body[1]).send();
    }

    private static JsonNode created(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body());
    }

    private int count() {
        return jdbc.queryForObject("select count(*) from evidence_file", Integer.class)
                + jdbc.queryForObject("select count(*) from evidence_content", Integer.class);
    }

    private static List<String> names(JsonNode files) {
        return java.util.stream.StreamSupport.stream(files.spliterator(), false).map(f -> f.path("fileName").asText()).toList();
    }
}
