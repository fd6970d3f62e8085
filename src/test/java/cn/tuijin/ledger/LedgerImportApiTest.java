package cn.tuijin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.tuijin.TuijinTest;
import cn.tuijin.project.ProjectLifecycle;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger import over HTTP as the project office uses it: download the template, fill it in, preview, commit,
 * import the same file again; all-or-nothing refusals with every problem by row and column; who may import.
 */
@TuijinTest
class LedgerImportApiTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired RuntimeService runtime;
    LedgerClient api;
    String prefix;

    @BeforeEach
    void setUp() {
        api = new LedgerClient(port);
        prefix = LedgerSheets.prefix();
    }

    @AfterEach
    void removeTestProjects() {
        LedgerTestData.removeTestProjects(jdbc, runtime);
    }

    private int projects() {
        return jdbc.queryForObject("select count(*) from project", Integer.class);
    }

    private List<String> activities(String code) {
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).list();
        assertThat(instances).as("one lifecycle for " + code).hasSize(1);
        return runtime.getActiveActivityIds(instances.get(0).getId());
    }

    @Test
    void templateFilledInIsPreviewedCommittedAndImportedAgainAsUpdatesNotDuplicates() throws Exception {
        HttpResponse<byte[]> download = api.get("/api/ledger/template.xlsx", "zhengwt");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).contains("spreadsheetml.sheet");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");

        byte[] filled;
        try (XSSFWorkbook wb = LedgerSheets.open(download.body())) {
            List<Map<String, Object>> rows = new ArrayList<>(List.of(
                    LedgerSheets.row(prefix + "1", "在建"),
                    LedgerSheets.row(prefix + "2", "在谈"),
                    LedgerSheets.row(prefix + "3", "储备")));
            rows.get(2).put("分包领导", "mazy");
            rows.get(2).put("所在区县", "gx");
            rows.get(2).put("牵头责任单位", "gxq");
            LedgerSheets.fill(wb, rows);
            filled = LedgerSheets.bytes(wb);
        }
        int before = projects();

        JsonNode preview = api.dryRun(filled);
        assertThat(preview.get("valid").asBoolean()).isTrue();
        assertThat(preview.get("dryRun").asBoolean()).isTrue();
        assertThat(preview.get("rows").asInt()).isEqualTo(3);
        assertThat(preview.get("created").findValuesAsText("code")).containsExactly(prefix + "1", prefix + "2", prefix + "3");
        assertThat(preview.get("created").findValuesAsText("row")).containsExactly("2", "3", "4");
        assertThat(preview.get("created").get(0).get("lifecycleStarts").asBoolean()).isTrue();
        assertThat(preview.get("created").get(2).get("lifecycleStarts").asBoolean()).isFalse();
        assertThat(preview.get("errors")).isEmpty();
        assertThat(projects()).as("a dry run writes nothing").isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(prefix + "%").count()).isZero();

        JsonNode committed = api.commit(filled);
        assertThat(committed.get("importId").asLong()).isPositive();
        assertThat(committed.get("created").findValuesAsText("code")).hasSize(3);
        assertThat(projects()).isEqualTo(before + 3);
        assertThat(activities(prefix + "1")).as("under construction: waits for the completion claim").contains(ProjectLifecycle.Element.CLAIM_COMPLETION);
        assertThat(activities(prefix + "2")).as("negotiating: waits for the signing claim").contains(ProjectLifecycle.Element.CLAIM_SIGNING);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(prefix + "3").count()).as("储备 starts none").isZero();
        Map<String, Object> stored = jdbc.queryForMap("select * from project where code = ?", prefix + "3");
        assertThat(stored.get("LEADER_ID")).isEqualTo("mazy");
        assertThat(stored.get("DISTRICT_CODE")).isEqualTo("gx");
        assertThat(stored.get("STAGE")).isEqualTo("RESERVE");
        assertThat((BigDecimal) stored.get("ANNUAL_PLAN_INVESTMENT")).isEqualByComparingTo("3000.50");
        assertThat(jdbc.queryForList("select unit_code from project_cooperating_unit where project_code = ? order by unit_code",
                String.class, prefix + "1")).containsExactly("ljq", "zrj");

        JsonNode again = api.commit(filled);
        assertThat(again.get("created")).isEmpty();
        assertThat(again.get("updated")).isEmpty();
        assertThat(again.get("unchanged").findValuesAsText("code")).containsExactly(prefix + "1", prefix + "2", prefix + "3");
        assertThat(projects()).as("no duplicates").isEqualTo(before + 3);
        assertThat(activities(prefix + "1")).as("no second lifecycle").contains(ProjectLifecycle.Element.CLAIM_COMPLETION);

        JsonNode log = api.ok(api.getText("/api/ledger/imports?limit=5", "zhengwt"));
        assertThat(log.get(0).get("id").asLong()).isEqualTo(again.get("importId").asLong());
        assertThat(log.get(0).get("importedBy").asText()).isEqualTo("zhengwt");
        assertThat(log.get(0).get("unchanged").asInt()).isEqualTo(3);
        assertThat(log.get(1).get("created").asInt()).isEqualTo(3);
        assertThat(log.get(0).get("fileSha256").asText()).isEqualTo(log.get(1).get("fileSha256").asText()).hasSize(64);
    }

    @Test
    void templateHasTheOfficesHeadersListsDateFormatsAFrozenHeaderAndInstructions() throws Exception {
        try (XSSFWorkbook wb = LedgerSheets.open(api.get("/api/ledger/template.xlsx", "wangjg").body())) {
            XSSFSheet sheet = wb.getSheetAt(0);
            Row header = sheet.getRow(0);
            List<String> headers = new ArrayList<>();
            header.forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).containsExactlyElementsOf(LedgerSheets.HEADERS);
            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            List<List<String>> lists = sheet.getDataValidations().stream()
                    .map(DataValidation::getValidationConstraint)
                    .map(c -> List.of(c.getExplicitListValues())).toList();
            assertThat(lists).containsExactlyInAnyOrder(
                    List.of("产业", "基础设施", "城建", "社会民生", "技改"),
                    List.of("省重点", "市重点", "区重点"),
                    List.of("储备", "在谈", "签约", "在建", "竣工", "投产", "投用"));
            for (String date : List.of("计划签约日期", "计划开工日期", "计划竣工日期")) {
                assertThat(sheet.getColumnStyle(headers.indexOf(date)).getDataFormatString()).isEqualTo("yyyy-mm-dd");
            }
            XSSFSheet help = wb.getSheet("填写说明");
            assertThat(help).isNotNull();
            StringBuilder text = new StringBuilder();
            help.forEach(r -> r.forEach(c -> text.append(c.getStringCellValue()).append('\n')));
            assertThat(text).contains("市住房城乡建设局", "临江区", "林晓红", "2026年3月1日", "50000");
        }
    }

    @Test
    void twentyRowsWithThreeWrongAreRefusedWithTheirRowsAndNothingIsWritten() throws Exception {
        List<Map<String, Object>> rows = LedgerSheets.rows(prefix, 20, "在建");
        rows.get(3).put("所在区县", "东湖区");                       // spreadsheet row 5
        rows.get(10).put("总投资(万元)", -5);                        // row 12
        rows.get(17).put("计划竣工日期", LedgerSheets.today().minusYears(1)); // row 19
        byte[] xlsx = LedgerSheets.xlsx(rows);
        int before = projects();

        JsonNode problem = api.refusedCommit(xlsx);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).contains("3 处问题", "未写入任何数据");
        JsonNode errors = problem.get("errors");
        assertThat(errors).hasSize(3);
        assertThat(errors.findValuesAsText("row")).containsExactly("5", "12", "19");
        assertThat(errors.findValuesAsText("column")).containsExactly("所在区县", "总投资(万元)", "计划竣工日期");
        assertThat(errors.get(0).get("message").asText()).contains("未知的区县「东湖区」", "临江区");
        assertThat(errors.get(1).get("message").asText()).contains("不能为负数");
        assertThat(errors.get(2).get("message").asText()).contains("早于计划开工日期");
        assertThat(projects()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(prefix + "%").count()).isZero();

        JsonNode preview = api.dryRun(xlsx);
        assertThat(preview.get("valid").asBoolean()).isFalse();
        assertThat(preview.get("created")).hasSize(17);
        assertThat(preview.get("errors").findValuesAsText("row")).containsExactly("5", "12", "19");
    }

    @Test
    void everyRuleOfARowIsCheckedAndEveryProblemListed() throws Exception {
        List<Map<String, Object>> rows = LedgerSheets.rows(prefix, 9, "签约");
        rows.get(0).remove("项目名称");                              // row 2
        rows.get(1).put("牵头责任单位", "市交通局");                   // row 3
        rows.get(2).put("分包领导", "王建国");                        // row 4: an officer, not a leader
        rows.get(3).put("项目类别", "商贸");                          // row 5
        rows.get(4).put("年度计划投资(万元)", "三千");                 // row 6
        rows.get(5).put("项目编号", prefix + "1");                    // row 7: same as row 2
        rows.get(6).put("当前阶段", "开工");                          // row 8
        rows.get(7).put("计划开工日期", "2026-02-30");                // row 9
        rows.get(8).put("配合单位", "临江区人民政府、市园林局");          // row 10
        JsonNode errors = api.refusedCommit(LedgerSheets.xlsx(rows)).get("errors");

        List<List<String>> expected = List.of(
                List.of("2", "项目名称", "请填写「项目名称」（必填）"),
                List.of("3", "牵头责任单位", "未知的单位「市交通局」"),
                List.of("4", "分包领导", "「王建国」不是分包领导（可填：林晓红、马志远）"),
                List.of("5", "项目类别", "项目类别「商贸」不在列表中（可填：产业、基础设施、城建、社会民生、技改）"),
                List.of("6", "年度计划投资(万元)", "「三千」不是数字"),
                List.of("7", "项目编号", "项目编号「" + prefix + "1」与第 2 行重复"),
                List.of("8", "当前阶段", "当前阶段「开工」不在列表中"),
                List.of("9", "计划开工日期", "日期「2026-02-30」不存在"),
                List.of("10", "配合单位", "未知的配合单位「市园林局」"));
        assertThat(errors).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = errors.get(i);
            assertThat(List.of(e.get("row").asText(), e.get("column").asText())).isEqualTo(expected.get(i).subList(0, 2));
            assertThat(e.get("message").asText()).contains(expected.get(i).get(2));
        }
    }

    @Test
    void aReserveProjectMovesOnByImportButARunningOneKeepsItsStageAndLeadUnit() throws Exception {
        api.commit(LedgerSheets.xlsx(List.of(LedgerSheets.row(prefix + "1", "储备"), LedgerSheets.row(prefix + "2", "在建"))));

        Map<String, Object> promoted = LedgerSheets.row(prefix + "1", "在谈");
        promoted.put("项目名称", "改名后的项目");
        JsonNode moved = api.commit(LedgerSheets.xlsx(List.of(promoted)));
        assertThat(moved.get("updated").get(0).get("changes").toString()).contains("项目名称", "当前阶段");
        assertThat(moved.get("updated").get(0).get("lifecycleStarts").asBoolean()).isTrue();
        assertThat(activities(prefix + "1")).contains(ProjectLifecycle.Element.CLAIM_SIGNING);

        Map<String, Object> jumped = LedgerSheets.row(prefix + "2", "竣工");
        Map<String, Object> otherUnit = LedgerSheets.row(prefix + "1", "在谈");
        otherUnit.put("牵头责任单位", "市发展改革委");
        otherUnit.put("配合单位", "");
        JsonNode errors = api.refusedCommit(LedgerSheets.xlsx(List.of(jumped, otherUnit))).get("errors");
        assertThat(errors.findValuesAsText("column")).containsExactly("当前阶段", "牵头责任单位");
        assertThat(errors.get(0).get("message").asText()).contains("当前阶段为「在建」", "不能改为「竣工」", "申报");
        assertThat(errors.get(1).get("message").asText()).contains("流程正在运行", "市住房城乡建设局");
        assertThat(jdbc.queryForObject("select stage from project where code = ?", String.class, prefix + "2")).isEqualTo("UNDER_CONSTRUCTION");
    }

    @Nested
    class Access {

        @Test
        void nobodyAnonymousGetsIn() throws Exception {
            assertThat(api.get("/api/ledger/template.xlsx", null).statusCode()).isEqualTo(401);
            assertThat(api.get("/api/ledger/export.xlsx", null).statusCode()).isEqualTo(401);
            assertThat(api.upload("?dryRun=true", null, "a.xlsx", LedgerSheets.xlsx(LedgerSheets.rows(prefix, 1, "在建"))).statusCode()).isEqualTo(401);
        }

        @Test
        void onlyTheProjectOfficeAndAdministratorsImport() throws Exception {
            byte[] xlsx = LedgerSheets.xlsx(LedgerSheets.rows(prefix, 1, "在建"));
            for (String user : List.of("wangjg", "huangzh", "linxh")) {
                JsonNode refused = api.status(api.upload("?dryRun=false", user, "a.xlsx", xlsx), 403);
                assertThat(refused.get("detail").asText()).contains("仅限重点项目办和系统管理员");
            }
            assertThat(api.ok(api.upload("?dryRun=true", "admin", "a.xlsx", xlsx)).get("valid").asBoolean()).isTrue();
            assertThat(api.status(api.getText("/api/ledger/imports", "wangjg"), 403).get("title").asText()).isEqualTo("无权操作");
        }

        @Test
        void aMissingFileOrAnUnknownModeIsRefusedInChinese() throws Exception {
            byte[] xlsx = LedgerSheets.xlsx(LedgerSheets.rows(prefix, 1, "在建"));
            JsonNode mode = api.status(api.upload("?dryRun=maybe", "zhengwt", "a.xlsx", xlsx), 400);
            assertThat(mode.get("field").asText()).isEqualTo("dryRun");
            JsonNode empty = api.status(api.upload("?dryRun=true", "zhengwt", "a.xlsx", new byte[0]), 400);
            assertThat(empty.get("detail").asText()).contains("请选择要导入的 Excel 文件");
        }
    }
}
