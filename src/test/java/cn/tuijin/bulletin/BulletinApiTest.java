package cn.tuijin.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bulletins over HTTP, on the demo city: a supervisor asks for October 2026's, everyone logged in reads it as JSON
 * and as a workbook; the printable page is there; others may not ask, bad months are refused.
 */
@TuijinTest
class BulletinApiTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired EngineClock clock;
    @Autowired ManagementService management;
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return new ApiCalls(port).call(method, path, user, body);
    }

    private HttpResponse<byte[]> download(String path, String user) throws Exception {
        return new ApiCalls(port).download(path, user);
    }

    private Job next(String instance) {
        return management.createJobQuery().processInstanceId(instance).listPage(0, 1).stream().findFirst().orElse(null);
    }

    @AfterEach
    void backToTheSuitesDay() {
        clock.reset();
    }

    @Test
    void supervisorPublishesOctoberAndEveryoneReadsItAsJsonAndAsAWorkbook() throws Exception {
        // A day in November, when October has ended; October has no bulletin yet, whatever the suite's day (the demo
        // city publishes the month before its seeding).
        clock.setTime(LocalDateTime.of(2026, 11, 18, 9, 30));
        jdbc.update("delete from bulletin where period = '2026-10'");
        HttpResponse<String> asked = call("POST", "/api/bulletins", "huangzh", "{\"period\":\"2026-10\"}");
        assertThat(asked.statusCode()).isEqualTo(202);
        assertThat(asked.headers().firstValue("Location")).hasValue("/api/bulletins?period=2026-10");
        JsonNode accepted = json.readTree(asked.body());
        assertThat(accepted.get("status").asText()).isEqualTo("编制中");
        String instance = accepted.get("processInstanceId").asText();
        HttpResponse<String> meanwhile = call("POST", "/api/bulletins", "huangzh", "{\"period\":\"2026-10\"}");
        assertThat(meanwhile.statusCode()).isEqualTo(202);
        assertThat(json.readTree(meanwhile.body()).get("processInstanceId").asText()).as("the one being compiled").isEqualTo(instance);
        assertThat(json.readTree(call("GET", "/api/bulletins?period=2026-10", "zhengwt", null).body())).isEmpty();
        for (Job job = next(instance); job != null; job = next(instance)) {
            management.executeJob(job.getId());
        }
        JsonNode list = json.readTree(call("GET", "/api/bulletins?period=2026-10", "zhengwt", null).body());
        assertThat(list).hasSize(1);
        long id = list.get(0).get("id").asLong();
        assertThat(list.get(0).get("requestedBy").asText()).isEqualTo("huangzh");
        assertThat(list.get(0).get("page").asText()).isEqualTo("/bulletins/view.html?id=" + id);

        JsonNode bulletin = json.readTree(call("GET", "/api/bulletins/" + id, "wangjg", null).body());
        assertThat(bulletin.get("title").asText()).isEqualTo("2026年10月全市重点项目推进情况通报");
        JsonNode figures = bulletin.get("figures");
        assertThat(figures.get("period").asText()).isEqualTo("2026-10");
        assertThat(figures.get("quarterName").asText()).isEqualTo("收官");
        assertThat(figures.get("city").get("projects").asInt()).isEqualTo(bulletin.get("projectCount").asInt()).isPositive();
        assertThat(figures.get("districts").findValuesAsText("name")).contains("临江区", "北湖区", "高新区");
        assertThat(figures.get("units").get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(figures.get("scoreRule").asText()).startsWith("得分 = 40 × 开复工率");

        HttpResponse<String> again = call("POST", "/api/bulletins", "huangzh", "{\"period\":\"2026-10\"}");
        assertThat(again.statusCode()).as("published already: the same bulletin").isEqualTo(200);
        assertThat(json.readTree(again.body()).get("id").asLong()).isEqualTo(id);

        HttpResponse<byte[]> xlsx = download("/api/bulletins/" + id + ".xlsx", "zhengwt");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(".xlsx");
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2), wb.getSheetName(3)))
                    .containsExactly("分区县", "分单位", "排名", "后进单位");
            Sheet districts = wb.getSheet("分区县");
            assertThat(districts.getRow(0).getCell(0).getStringCellValue()).matches("2026年10月全市重点项目推进情况通报〔2026〕第\\d+期（分区县）");
            List<String> headers = headers(districts);
            assertThat(headers).startsWith("区县", "项目总数", "储备", "在谈", "签约", "在建", "竣工", "投产（投用）", "计划开工", "已开复工", "开复工率")
                    .contains("年度计划投资（万元）", "本年完成投资（万元）", "序时进度（万元）", "第二季度双过半", "第四季度收官", "本月新增逾期", "得分");
            int rows = figures.get("districts").size();
            Row total = districts.getRow(2 + rows);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("全市");
            assertThat(total.getCell(1).getNumericCellValue()).isEqualTo(figures.get("city").get("projects").asDouble());
            Cell rate = total.getCell(headers.indexOf("开复工率"));
            assertThat(rate.getNumericCellValue()).isEqualTo(figures.get("city").get("startRate").asDouble());
            assertThat(rate.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            Cell money = total.getCell(headers.indexOf("本年完成投资（万元）"));
            assertThat(money.getNumericCellValue()).isEqualTo(figures.get("city").get("yearToDate").asDouble());
            assertThat(money.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");

            Sheet units = wb.getSheet("分单位");
            List<String> unitHeaders = headers(units);
            assertThat(unitHeaders).startsWith("排名", "牵头单位");
            for (int i = 0; i < figures.get("units").size(); i++) {
                JsonNode unit = figures.get("units").get(i);
                Row line = units.getRow(2 + i);
                assertThat(line.getCell(0).getNumericCellValue()).isEqualTo(i + 1);
                assertThat(line.getCell(1).getStringCellValue()).isEqualTo(unit.get("name").asText());
                Cell score = line.getCell(unitHeaders.indexOf("得分"));
                assertThat(score.getNumericCellValue()).isEqualTo(unit.get("score").asDouble());
                assertThat(score.getCellStyle().getDataFormatString()).isEqualTo("0.0");
                Cell startRate = line.getCell(unitHeaders.indexOf("开复工率"));
                if (unit.get("plannedStarts").asInt() == 0) {
                    assertThat(startRate.getStringCellValue()).as("a rate with nothing to count").isEqualTo("—");
                } else {
                    assertThat(startRate.getNumericCellValue()).isEqualTo(unit.get("startRate").asDouble());
                }
            }
            Sheet ranking = wb.getSheet("排名");
            assertThat(headers(ranking)).containsExactly("排名", "单位", "得分", "开复工率", "序时完成率", "本月新增逾期", "月末逾期未办", "红灯项目");
            Sheet laggards = wb.getSheet("后进单位");
            assertThat(headers(laggards)).containsExactly("排名", "单位", "得分", "原因");
            for (int i = 0; i < figures.get("laggards").size(); i++) {
                JsonNode l = figures.get("laggards").get(i);
                assertThat(laggards.getRow(2 + i).getCell(1).getStringCellValue()).isEqualTo(l.get("unitName").asText());
                assertThat(laggards.getRow(2 + i).getCell(3).getStringCellValue()).isEqualTo(String.join("；", texts(l.get("reasons"))));
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static List<String> headers(Sheet sheet) {
        List<String> headers = new ArrayList<>();
        sheet.getRow(1).forEach(c -> headers.add(c.getStringCellValue()));
        return headers;
    }

    @Test
    void printablePageIsServedWithItsChart() throws Exception {
        HttpResponse<String> page = call("GET", "/bulletins/view.html", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("通报").contains("/webjars/echarts/5.3.1/dist/echarts.min.js").contains("@media print");
        assertThat(call("GET", "/webjars/echarts/5.3.1/dist/echarts.min.js", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/bulletins/view.js", null, null).body()).contains("/api/bulletins/");
    }

    @Nested
    class Refused {

        private void refused(String body, String message) throws Exception {
            HttpResponse<String> answer = call("POST", "/api/bulletins", "huangzh", body);
            assertThat(answer.statusCode()).isEqualTo(400);
            JsonNode problem = json.readTree(answer.body());
            assertThat(problem.get("field").asText()).isEqualTo("period");
            assertThat(problem.get("detail").asText()).contains(message);
        }

        @Test
        void nobodyAnonymous() throws Exception {
            assertThat(call("GET", "/api/bulletins", null, null).statusCode()).isEqualTo(401);
            assertThat(call("POST", "/api/bulletins", null, "{\"period\":\"2026-10\"}").statusCode()).isEqualTo(401);
            assertThat(call("GET", "/api/bulletins/1.xlsx", null, null).statusCode()).isEqualTo(401);
        }

        @Test
        void onlySupervisorsMayAskForABulletin() throws Exception {
            for (String user : List.of("wangjg", "zhengwt", "admin")) {
                HttpResponse<String> answer = call("POST", "/api/bulletins", user, "{\"period\":\"2026-09\"}");
                assertThat(answer.statusCode()).isEqualTo(403);
                assertThat(json.readTree(answer.body()).get("detail").asText()).isEqualTo("只有督查室可以发布通报");
            }
        }

        @Test
        void badMonths() throws Exception {
            refused("{\"period\":\"2026-13\"}", "不是有效的月份");
            refused("{\"period\":\"十月\"}", "请按“年-月”填写通报月份");
            refused("{}", "请按“年-月”填写通报月份");
            refused("{\"period\":\"1999-12\"}", "不能早于 2000 年");
            refused("{\"period\":\"2099-01\"}", "尚未结束");
        }

        @Test
        void unknownBulletinIsNotFound() throws Exception {
            assertThat(call("GET", "/api/bulletins/999999", "zhengwt", null).statusCode()).isEqualTo(404);
            assertThat(call("GET", "/api/bulletins/999999.xlsx", "zhengwt", null).statusCode()).isEqualTo(404);
        }
    }
}
