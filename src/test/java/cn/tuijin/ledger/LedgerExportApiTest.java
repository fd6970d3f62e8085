package cn.tuijin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.tuijin.TuijinTest;
import cn.tuijin.light.LightService;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger exported as supervisors, leaders and officers read it: every project with its stage, actual dates,
 * light and overdue deadlines; an officer sees his unit's projects; an export imports again unchanged.
 */
@TuijinTest
class LedgerExportApiTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired LightService lights;
    @Autowired EngineClock clock;
    @Autowired IdentityService identity;

    /** The export's rows by project code, each as header → text shown. */
    private Map<String, Map<String, String>> export(String user) throws Exception {
        HttpResponse<byte[]> answer = new LedgerClient(port).get("/api/ledger/export.xlsx", user);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        Map<String, Map<String, String>> rows = new HashMap<>();
        DataFormatter format = new DataFormatter();
        try (XSSFWorkbook wb = LedgerSheets.open(answer.body())) {
            XSSFSheet sheet = wb.getSheetAt(0);
            List<String> headers = new ArrayList<>();
            sheet.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                Map<String, String> values = new HashMap<>();
                for (Cell c : row) {
                    values.put(headers.get(c.getColumnIndex()), c.getCellType() == CellType.NUMERIC && org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(c)
                            ? c.getLocalDateTimeCellValue().toLocalDate().toString() : format.formatCellValue(c));
                }
                rows.put(values.get("项目编号"), values);
            }
        }
        return rows;
    }

    @Test
    void supervisorsReadEveryProjectWithItsStageActualDatesLightAndOverdueDeadlines() throws Exception {
        Map<String, Map<String, String>> rows = export("huangzh");
        assertThat(rows.size()).isEqualTo(jdbc.queryForObject("select count(*) from project", Integer.class));
        Map<String, String> late = rows.get("XM-2026-010");
        assertThat(late.get("项目名称")).isEqualTo("临江大道快速化改造");
        assertThat(late.get("当前阶段")).isEqualTo("签约");
        assertThat(late.get("牵头责任单位")).isEqualTo("市住房城乡建设局");
        assertThat(late.get("分包领导")).isEqualTo("林晓红");
        assertThat(late.get("实际签约日期")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(late.get("红黄绿灯")).isEqualTo(lights.get("XM-2026-010").light().label());
        Integer overdue = jdbc.queryForObject("select count(*) from task_deadline where project_code = 'XM-2026-010' and status = 'OPEN' and due_at < ?",
                Integer.class, Timestamp.from(clock.now()));
        assertThat(overdue).as("逾期未开工").isPositive();
        assertThat(late.get("逾期任务数")).isEqualTo(String.valueOf(overdue));
        assertThat(rows.get("XM-2026-026").get("当前阶段")).isEqualTo("投产");
        assertThat(rows.get("XM-2026-027").get("当前阶段")).isEqualTo("投用");
        assertThat(rows.values()).allSatisfy(r -> assertThat(r.get("红黄绿灯")).isIn("红灯", "黄灯", "绿灯"));
        assertThat(export("gaojj")).as("the committee").hasSameSizeAs(rows);
    }

    @Test
    void aContractingLeaderExportsTheProjectsHeLeads() throws Exception {
        Map<String, Map<String, String>> rows = export("linxh");
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
                jdbc.queryForList("select code from project where leader_id = 'linxh'", String.class));
        assertThat(rows.values()).allSatisfy(r -> assertThat(r.get("分包领导")).isEqualTo("林晓红"));
    }

    @Test
    void anOfficerExportsTheProjectsHisUnitLeadsOrCooperatesOn() throws Exception {
        Map<String, Map<String, String>> rows = export("wangjg");
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(jdbc.queryForList("""
                select code from project where lead_unit_code = 'zjj'
                union select project_code from project_cooperating_unit where unit_code = 'zjj'""", String.class));
        assertThat(rows.values()).allSatisfy(r -> assertThat(r.get("牵头责任单位") + "、" + r.get("配合单位")).contains("市住房城乡建设局"));
    }

    @Test
    void someoneOutsideTheDirectoryIsRefused() throws Exception {
        User guest = identity.newUser("ltguest");
        guest.setPassword("demo");
        identity.saveUser(guest);
        try {
            HttpResponse<String> answer = new LedgerClient(port).getText("/api/ledger/export.xlsx", "ltguest");
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.body()).contains("项目台账仅供");
        } finally {
            identity.deleteUser("ltguest");
        }
    }

    @Test
    void anExportImportsAgainWithNothingToChange() throws Exception {
        LedgerClient api = new LedgerClient(port);
        byte[] exported = api.get("/api/ledger/export.xlsx", "zhengwt").body();
        JsonNode preview = api.dryRun(exported);
        assertThat(preview.get("errors")).as(preview.get("errors").toString()).isEmpty();
        assertThat(preview.get("created")).isEmpty();
        assertThat(preview.get("updated")).as(preview.get("updated").toString()).isEmpty();
        assertThat(preview.get("unchanged")).hasSize(jdbc.queryForObject("select count(*) from project", Integer.class));
    }
}
