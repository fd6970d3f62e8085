package cn.tuijin.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.calendar.CalendarData;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.calendar.YearCalendar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The working-day calendar over HTTP: administrators correct a year and every deadline counted afterwards uses it,
 * without a restart; everyone else is refused and nothing changes. The tests share the application with others, so
 * each puts back the years it touched (2026 from its file; 2027 and 2031 without data) in the database and in the
 * running calendar.
 */
@TuijinTest
class CalendarApiTest {

    private static final List<Integer> TOUCHED = List.of(2026, 2027, 2030, 2031);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 2027 as the State Council might announce it: 元旦 Friday to Sunday, 春节 with two make-up working days. */
    private static final String CORRECTED_2027 = """
            {
              "year": 2027,
              "notice": "国办发明电〔2026〕X号 国务院办公厅关于2027年部分节假日安排的通知（测试）",
              "holidays": [
                { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" },
                { "name": "春节", "from": "2027-02-06", "to": "2027-02-14" }
              ],
              "workdays": [
                { "name": "春节", "date": "2027-01-31" },
                { "name": "春节", "date": "2027-02-20" }
              ]
            }""";

    @LocalServerPort
    int port;

    @Autowired
    WorkingDayCalendar calendar;

    @Autowired
    CalendarCorrections corrections;

    @Autowired
    JdbcTemplate jdbc;

    private final Map<Integer, Optional<YearCalendar>> calendarBefore = new HashMap<>();
    private List<Map<String, Object>> rowsBefore;

    @BeforeEach
    void rememberTheTouchedYears() {
        TOUCHED.forEach(y -> calendarBefore.put(y, calendar.calendarFor(y)));
        rowsBefore = rows();
    }

    @AfterEach
    void putTheTouchedYearsBack() {
        jdbc.update("delete from calendar_year where \"year\" in (2026, 2027, 2030, 2031)");
        for (Map<String, Object> row : rowsBefore) {
            if (TOUCHED.contains((Integer) row.get("year"))) {
                jdbc.update("insert into calendar_year (\"year\", data, updated_by, updated_at) values (?, ?, ?, ?)",
                        row.get("year"), row.get("DATA"), row.get("UPDATED_BY"), row.get("UPDATED_AT"));
            }
        }
        calendarBefore.forEach((year, data) -> {
            if (!calendar.calendarFor(year).equals(data)) {
                data.ifPresentOrElse(calendar::replaceYear, () -> calendar.removeYear(year));
            }
        });
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(calendar.calendarFor(2026)).isEqualTo(Optional.of(fileYear(2026)));
    }

    @Test
    void adminsCorrectionOf2027CountsAtOnceWithoutRestart() throws Exception {
        // 2027 starts without holiday data here, whatever the calendar files hold (the year is put back after).
        jdbc.update("delete from calendar_year where \"year\" = 2027");
        calendar.removeYear(2027);
        JsonNode before = ok(get("admin", "/api/calendar/2027"));
        assertThat(before.path("provisional").asBoolean()).isTrue();
        assertThat(before.path("note").asText()).contains("周一至周五");
        JsonNode newYearBefore = ok(get("admin", "/api/calendar/working-days?from=2026-12-31&days=1"));
        assertThat(newYearBefore.path("due").asText()).isEqualTo("2027-01-01");
        assertThat(newYearBefore.path("provisional").asBoolean()).isTrue();

        JsonNode stored = ok(put("admin", "/api/calendar/2027", CORRECTED_2027));

        assertThat(stored.path("source").asText()).isEqualTo("管理员修订");
        assertThat(stored.path("updatedBy").asText()).isEqualTo("admin");
        assertThat(stored.path("provisional").asBoolean()).isFalse();
        JsonNode newYear = ok(get("wangjg", "/api/calendar/working-days?from=2026-12-31&days=1"));
        assertThat(newYear.path("due").asText()).as("元旦 2027-01-01..03 off").isEqualTo("2027-01-04");
        assertThat(newYear.path("provisional").asBoolean()).isFalse();
        JsonNode makeUp = ok(get("wangjg", "/api/calendar/working-days?from=2027-01-29&days=1"));
        assertThat(makeUp.path("due").asText()).as("Sunday 2027-01-31 is worked").isEqualTo("2027-01-31");
        assertThat(calendar.isProvisional(LocalDate.of(2027, 6, 1))).isFalse();

        JsonNode after = ok(get("zhengwt", "/api/calendar/2027"));
        assertThat(after.path("provisional").asBoolean()).isFalse();
        assertThat(after.path("holidays").get(0).path("from").asText()).isEqualTo("2027-01-01");
        assertThat(after.path("holidays").get(0).path("to").asText()).isEqualTo("2027-01-03");
        assertThat(after.path("workdays")).hasSize(2);
        JsonNode listed = byYear(ok(get("zhengwt", "/api/calendar")), 2027);
        assertThat(listed.path("source").asText()).isEqualTo("管理员修订");
        assertThat(listed.path("updatedBy").asText()).isEqualTo("admin");
        assertThat(byYear(ok(get("zhengwt", "/api/calendar")), 2026).path("source").asText()).isEqualTo("文件");

        Map<String, Object> row = jdbc.queryForMap("select data, updated_by from calendar_year where \"year\" = 2027");
        assertThat(row.get("UPDATED_BY")).isEqualTo("admin");
        assertThat(YearCalendar.fromJson((String) row.get("DATA"))).isEqualTo(YearCalendar.fromJson(CORRECTED_2027));
    }

    @Test
    void storedYearsOverrideTheCalendarFilesAtTheNextStart() throws Exception {
        ok(put("admin", "/api/calendar/2031", year2031("2031-01-04")));
        YearCalendar fromFile = new YearCalendar(2031, "文件中的旧数据", List.of(), List.of());
        WorkingDayCalendar restarted = new WorkingDayCalendar(new CalendarData(Map.of(2031, fromFile)));

        corrections.applyStoredYears(restarted);

        assertThat(restarted.calendarFor(2031)).contains(YearCalendar.fromJson(year2031("2031-01-04")));
        assertThat(restarted.isWorkingDay(LocalDate.of(2031, 1, 1))).isFalse();
        assertThat(restarted.isWorkingDay(LocalDate.of(2031, 1, 4))).isTrue();
    }

    @Test
    void workingDaysSkipTheNationalDayHolidayAndCountItsMakeUpSaturday() throws Exception {
        JsonNode answer = ok(get("wangjg", "/api/calendar/working-days?from=2026-09-29&days=5"));

        assertThat(answer.path("from").asText()).isEqualTo("2026-09-29");
        assertThat(answer.path("days").asInt()).isEqualTo(5);
        assertThat(answer.path("due").asText()).isEqualTo("2026-10-12");
        assertThat(answer.path("provisional").asBoolean()).isFalse();
    }

    @Nested
    class Refused {

        @ParameterizedTest
        @ValueSource(strings = {"wangjg", "zhengwt"})
        void aCorrectionByAnyoneButAnAdminChangesNothing(String user) throws Exception {
            HttpResponse<String> response = put(user, "/api/calendar/2026", year2026WithMakeUpDay("2026-10-11"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(JSON.readTree(response.body()).path("detail").asText()).isEqualTo("只有系统管理员可以修改工作日历");
            assertNothingChanged();
        }

        @Test
        void aMakeUpDayOnAWednesdayIsRefusedAndNothingIsStored() throws Exception {
            HttpResponse<String> response = put("admin", "/api/calendar/2026", year2026WithMakeUpDay("2026-09-30"));

            assertProblem(response, "workdays[6].date", "调休上班日 2026-09-30（星期三）不是周六或周日");
            assertNothingChanged();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 11))).isFalse();
        }

        @Test
        void theYearInThePathMustBeTheYearOfTheData() throws Exception {
            HttpResponse<String> response = put("admin", "/api/calendar/2030", year2031("2031-01-04"));

            assertProblem(response, "year", "路径中的年份 2030 与日历数据中的年份 2031 不一致");
            assertNothingChanged();
            assertThat(calendar.hasDataFor(2030)).isFalse();
            assertThat(calendar.hasDataFor(2031)).isFalse();
        }

        @Test
        void malformedJsonIsRefused() throws Exception {
            assertProblem(put("admin", "/api/calendar/2026", "{\"year\": 2026,"), "body", "请求体不是有效的 JSON");
            assertProblem(put("admin", "/api/calendar/2026", ""), "body", "请提交该年的日历数据");
            assertProblem(put("admin", "/api/calendar/2026", "{\"year\": 2026}"), "notice", "2026 年日历缺少通知文号");
            assertProblem(put("admin", "/api/calendar/2026", "{\"year\": 2026, \"notice\": \"x\", \"holiday\": []}"), "holiday",
                    "不认识的字段「holiday」");
            assertNothingChanged();
        }

        @Test
        void badYearsAndQueryParametersAreRefusedInChinese() throws Exception {
            assertProblem(get("wangjg", "/api/calendar/abc"), "year", "「年份」须为 1 到 9999 之间的整数");
            assertProblem(get("wangjg", "/api/calendar/0"), "year", "「年份」须为 1 到 9999 之间的整数");
            assertProblem(get("wangjg", "/api/calendar/working-days?days=5"), "from", "请填写「from」");
            assertProblem(get("wangjg", "/api/calendar/working-days?from=2026-02-30&days=5"), "from", "「from」不是有效日期");
            assertProblem(get("wangjg", "/api/calendar/working-days?from=2026-09-29"), "days", "请填写「days」");
            assertProblem(get("wangjg", "/api/calendar/working-days?from=2026-09-29&days=abc"), "days", "「days」须为");
            assertProblem(get("wangjg", "/api/calendar/working-days?from=2026-09-29&days=2000000000"), "days", "「days」须为");
        }

        @Test
        void requestsWithoutCredentialsAreRefused() throws Exception {
            HttpResponse<String> read = get(null, "/api/calendar");
            HttpResponse<String> write = put(null, "/api/calendar/2026", year2026WithMakeUpDay("2026-10-11"));

            assertThat(read.statusCode()).isEqualTo(401);
            assertThat(write.statusCode()).isEqualTo(401);
            assertNothingChanged();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void assertNothingChanged() {
        assertThat(rows()).as("table calendar_year").isEqualTo(rowsBefore);
        TOUCHED.forEach(y -> assertThat(calendar.calendarFor(y)).as("calendar of %s", y).isEqualTo(calendarBefore.get(y)));
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 29), 5)).isEqualTo(LocalDate.of(2026, 10, 12));
    }

    private static void assertProblem(HttpResponse<String> response, String field, String detail) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("field").asText()).as(response.body()).isEqualTo(field);
        assertThat(problem.path("detail").asText()).as(response.body()).contains(detail);
    }

    private List<Map<String, Object>> rows() {
        return jdbc.queryForList("select \"year\", data, updated_by, updated_at from calendar_year order by \"year\"");
    }

    private static YearCalendar fileYear(int year) {
        return CalendarData.fromClasspath().years().get(year);
    }

    /** The 2026 file with one more make-up working day for 国庆节 (not validated: the day may be any day). */
    private static String year2026WithMakeUpDay(String date) throws IOException {
        ObjectNode year = (ObjectNode) JSON.readTree(fileYear(2026).toJson());
        ((ArrayNode) year.get("workdays")).addObject().put("name", "国庆节").put("date", date);
        return year.toString();
    }

    private static String year2031(String makeUpDay) {
        return """
                {"year": 2031, "notice": "测试通知",
                 "holidays": [{"name": "元旦", "from": "2031-01-01", "to": "2031-01-01"}],
                 "workdays": [{"name": "元旦", "date": "%s"}]}""".formatted(makeUpDay);
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode byYear(JsonNode years, int year) {
        for (JsonNode y : years) {
            if (y.path("year").asInt() == year) {
                return y;
            }
        }
        throw new AssertionError("year " + year + " not listed in " + years);
    }

    private HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        return request("GET", path, user).send();
    }

    private HttpResponse<String> put(String user, String path, String json) throws IOException, InterruptedException {
        return request("PUT", path, user).json(json).send();
    }

    private ApiCalls.Request request(String method, String path, String user) {
        return new ApiCalls(port).request(method, path).header("Accept", "application/json").as(user);
    }
}
