package cn.tuijin.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.calendar.CalendarData;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.calendar.YearCalendar;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Next year's holidays over HTTP: the warning from 1 November (dashboard, health, calendar page), reading a year from
 * an .ics file and a holiday-cn JSON, the preview, and bad input refused with the line or field named and nothing
 * stored. The 2027 data is made up for the tests, not the State Council's. Each test sets its own day and leaves
 * 2027 without data, as the other tests expect.
 */
@TuijinTest
class NextYearCalendarTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The holiday-cn data set (see WorkingDayCalendarTest), relative to the project directory Maven runs tests in. */
    private static final Path HOLIDAY_CN = Path.of("..", "shared", "data", "holiday-cn", "2026.json");

    /** Made up for the tests: 元旦 Friday to Sunday, one make-up Saturday. */
    private static final String TEST_2027 = """
            {"year": 2027, "notice": "测试通知（非正式数据）",
             "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
                          {"name": "春节", "from": "2027-02-06", "to": "2027-02-12"}],
             "workdays": [{"name": "春节", "date": "2027-02-13"}]}""";

    @LocalServerPort int port;
    @Autowired WorkingDayCalendar calendar;
    @Autowired JdbcTemplate jdbc;
    @Autowired EngineClock clock;

    private List<Map<String, Object>> rowsBefore;
    private List<String> provisionalBefore;
    private Optional<YearCalendar> year2027Before;

    @BeforeEach
    void remember() {
        // 2027 starts without holiday data here, whatever the calendar files hold (put back after).
        year2027Before = calendar.calendarFor(2027);
        calendar.removeYear(2027);
        rowsBefore = rows();
        provisionalBefore = jdbc.queryForList("select task_id from task_deadline where provisional", String.class);
    }

    @AfterEach
    void leave2027WithoutData() {
        clock.reset();
        year2027Before.ifPresentOrElse(calendar::replaceYear, () -> calendar.removeYear(2027));
        jdbc.update("delete from calendar_year where \"year\" = 2027");
        jdbc.batchUpdate("update task_deadline set provisional = true where task_id = ?",
                provisionalBefore.stream().map(id -> new Object[] {id}).toList());
    }

    private void today(LocalDate day) {
        clock.setTime(day.atTime(10, 0));
    }

    @Test
    void from1NovemberTheDashboardHealthAndCalendarPageWarnThat2027IsMissing() throws Exception {
        today(LocalDate.of(2026, 11, 20));

        JsonNode summary = ok(get("huangzh", "/api/dashboard/summary"));
        assertThat(summary.at("/calendar/missingYear").asInt()).isEqualTo(2027);
        assertThat(summary.at("/calendar/message").asText()).startsWith("2027年节假日安排尚未录入");
        long open = jdbc.queryForObject("select count(*) from task_deadline where status = 'OPEN' and provisional", Long.class);
        assertThat(summary.at("/calendar/provisionalDeadlines").asLong()).isEqualTo(open);
        JsonNode health = JSON.readTree(get("admin", "/actuator/health").body());
        assertThat(health.at("/components/calendar/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/calendar/details/missingYear").asInt()).isEqualTo(2027);
        assertThat(health.at("/components/calendar/details/provisionalDeadlines").asLong()).isEqualTo(open);
        assertThat(health.at("/components/calendar/details/message").asText()).contains("2027年节假日安排尚未录入");
        assertThat(ok(get("admin", "/api/calendar/warning")).path("missingYear").asInt()).isEqualTo(2027);

        ok(put("admin", "/api/calendar/2027", TEST_2027));

        assertThat(ok(get("huangzh", "/api/dashboard/summary")).at("/calendar/missingYear").isNull()).isTrue();
        assertThat(JSON.readTree(get("admin", "/actuator/health").body()).at("/components/calendar/details/missingYear")
                .isMissingNode()).isTrue();
    }

    @Test
    void inOctoberThereIsNoWarning() throws Exception {
        today(LocalDate.of(2026, 10, 20));

        assertThat(ok(get("huangzh", "/api/dashboard/summary")).at("/calendar/missingYear").isNull()).isTrue();
        JsonNode health = JSON.readTree(get("admin", "/actuator/health").body());
        assertThat(health.at("/components/calendar/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/calendar/details/missingYear").isMissingNode()).isTrue();
        assertThat(ok(get("admin", "/api/calendar/warning")).path("missingYear").isNull()).isTrue();
    }

    @Test
    void anIcsFileBecomesHolidayRangesAndMakeUpDaysWithDtendExclusive() throws Exception {
        String ics = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//CN",
                "BEGIN:VEVENT", "UID:1@test", "DTSTART;VALUE=DATE:20270101", "DTEND;VALUE=DATE:20270104", "SUMMARY:元旦", "END:VEVENT",
                "BEGIN:VEVENT", "UID:2@test", "DTSTART;VALUE=DATE:20270206", "DTEND;VALUE=DATE:20270213", "SUMMARY:春节 假期", "END:VEVENT",
                "BEGIN:VEVENT", "UID:3@test", "DTSTART;VALUE=DATE:20270213", "DTEND;VALUE=DATE:20270214", "SUMMARY:春节调休上班", "END:VEVENT",
                "END:VCALENDAR", "");

        JsonNode year = ok(upload("admin", "/api/calendar/2027/import", "2027.ics", ics.getBytes(StandardCharsets.UTF_8)));

        assertThat(year.path("format").asText()).isEqualTo("ics");
        assertThat(year.path("holidays").toString()).isEqualTo(
                "[{\"name\":\"元旦\",\"from\":\"2027-01-01\",\"to\":\"2027-01-03\"},{\"name\":\"春节\",\"from\":\"2027-02-06\",\"to\":\"2027-02-12\"}]");
        assertThat(year.path("workdays").toString()).isEqualTo("[{\"name\":\"春节\",\"date\":\"2027-02-13\"}]");
        assertNothingStored();
    }

    @Test
    void theHolidayCnJsonAndAnIcsMadeFromItGiveTheRangesOfThe2026File() throws Exception {
        byte[] holidayCn = Files.readAllBytes(HOLIDAY_CN);
        YearCalendar file = CalendarData.fromClasspath().years().get(2026);

        JsonNode fromJson = ok(upload("admin", "/api/calendar/2026/import", "2026.json", holidayCn));
        JsonNode fromIcs = ok(upload("admin", "/api/calendar/2026/import", "2026.ics", icsOf(JSON.readTree(holidayCn))));

        for (JsonNode year : List.of(fromJson, fromIcs)) {
            assertThat(ranges(year.path("holidays"))).isEqualTo(file.holidays().stream()
                    .map(h -> h.from() + ".." + h.to()).toList());
            assertThat(year.path("workdays").findValuesAsText("date"))
                    .isEqualTo(file.workdays().stream().map(w -> w.date().toString()).toList());
        }
        assertThat(fromJson.path("format").asText()).isEqualTo("holiday-cn");
        assertThat(fromIcs.path("format").asText()).isEqualTo("ics");
        assertThat(calendar.calendarFor(2026)).contains(file);
    }

    @Test
    void aPreviewListsTheChangedDatesAndChangesNothing() throws Exception {
        today(LocalDate.of(2026, 11, 20));

        JsonNode preview = ok(post("admin", "/api/calendar/2027/preview", TEST_2027));

        assertThat(preview.path("days").findValuesAsText("date")).contains("2027-01-01", "2027-02-08", "2027-02-13")
                .doesNotContain("2027-01-02");
        assertThat(preview.path("days").get(0).path("before").asText()).isEqualTo("工作日");
        assertThat(preview.path("days").get(0).path("after").asText()).isEqualTo("休息日");
        assertThat(preview.has("deadlines")).isTrue();
        assertThat(preview.path("moving").asLong()).isEqualTo(
                java.util.stream.StreamSupport.stream(preview.path("deadlines").spliterator(), false)
                        .filter(d -> d.path("action").asText().equals("MOVE")).count());
        assertNothingStored();
    }

    @Test
    void badInputIsRefusedNamingTheLineOrFieldAndNothingIsStored() throws Exception {
        today(LocalDate.of(2026, 11, 20));
        String overlapping = TEST_2027.replace("\"2027-02-06\"", "\"2027-01-03\"");
        assertProblem(post("admin", "/api/calendar/2027/preview", overlapping), "holidays[1].from", "重叠");
        assertProblem(put("admin", "/api/calendar/2027", overlapping), "holidays[1].from", "重叠");
        assertProblem(put("admin", "/api/calendar/2027", TEST_2027.replace("\"2027-01-03\"", "\"2028-01-03\"")),
                "holidays[0].to", "不在 2027 年内");
        assertProblem(put("admin", "/api/calendar/2027", TEST_2027.replace("\"2027-02-13\"", "\"2027-02-15\"")),
                "workdays[0].date", "不是周六或周日");
        assertProblem(post("admin", "/api/calendar/2032/preview", TEST_2027.replace("2027", "2032")), "year", "2031");
        assertProblem(upload("admin", "/api/calendar/2027/import", "a.ics", "hello\nworld".getBytes(StandardCharsets.UTF_8)),
                "file", "第 1 行");
        assertProblem(upload("admin", "/api/calendar/2027/import", "b.ics", String.join("\n", "BEGIN:VCALENDAR",
                "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "SUMMARY:元旦", "not a property line", "END:VEVENT",
                "END:VCALENDAR").getBytes(StandardCharsets.UTF_8)), "file", "第 5 行");
        assertProblem(upload("admin", "/api/calendar/2027/import", "c.ics", String.join("\n", "BEGIN:VCALENDAR",
                "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20270102", "SUMMARY:元旦", "END:VEVENT",
                "END:VCALENDAR").getBytes(StandardCharsets.UTF_8)), "file", "第 3 行");
        assertProblem(upload("admin", "/api/calendar/2027/import", "d.json", "{\"year\": 2027, \"dates\": []}"
                .getBytes(StandardCharsets.UTF_8)), "file", "无法识别的日历 JSON");
        assertProblem(upload("admin", "/api/calendar/2027/import", "e.json", "{\"year\": 2027, \"days\": [{\"name\": \"元旦\", \"date\": \"2027-01-32\", \"isOffDay\": true}]}"
                .getBytes(StandardCharsets.UTF_8)), "days[0].date", "不是有效日期");
        assertProblem(upload("admin", "/api/calendar/2027/import", "f.ics", new byte[0]), "file", "为空");
        assertProblem(upload("admin", "/api/calendar/2027/import", "g.json", new byte[300 * 1024]), "file", "过大");
        HttpResponse<String> officer = post("wangjg", "/api/calendar/2027/preview", TEST_2027);
        assertThat(officer.statusCode()).isEqualTo(403);
        assertThat(upload("zhengwt", "/api/calendar/2027/import", "2027.json", new byte[10]).statusCode()).isEqualTo(403);
        assertNothingStored();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** An .ics of the holiday-cn days: one all-day event per day, make-up days named “…补班”. */
    private static byte[] icsOf(JsonNode holidayCn) {
        List<String> lines = new ArrayList<>(List.of("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tuijin test//CN"));
        int i = 0;
        for (JsonNode day : holidayCn.path("days")) {
            LocalDate date = LocalDate.parse(day.path("date").asText());
            boolean off = day.path("isOffDay").asBoolean();
            lines.addAll(List.of("BEGIN:VEVENT", "UID:" + (i++) + "@test",
                    "DTSTART;VALUE=DATE:" + date.toString().replace("-", ""),
                    "DTEND;VALUE=DATE:" + date.plusDays(1).toString().replace("-", ""),
                    "SUMMARY:" + day.path("name").asText() + (off ? "（休）" : "补班"), "END:VEVENT"));
        }
        lines.add("END:VCALENDAR");
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> ranges(JsonNode holidays) {
        List<String> ranges = new ArrayList<>();
        holidays.forEach(h -> ranges.add(h.path("from").asText() + ".." + h.path("to").asText()));
        return ranges;
    }

    private void assertNothingStored() {
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(calendar.hasDataFor(2027)).isFalse();
    }

    private List<Map<String, Object>> rows() {
        return jdbc.queryForList("select \"year\", data, updated_by, updated_at from calendar_year order by \"year\"");
    }

    private static void assertProblem(HttpResponse<String> response, String field, String detail) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("field").asText()).as(response.body()).isEqualTo(field);
        assertThat(problem.path("detail").asText()).as(response.body()).contains(detail);
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        return request("GET", path, user).send();
    }

    private HttpResponse<String> put(String user, String path, String json) throws IOException, InterruptedException {
        return request("PUT", path, user).json(json).send();
    }

    private HttpResponse<String> post(String user, String path, String json) throws IOException, InterruptedException {
        return request("POST", path, user).json(json).send();
    }

    private HttpResponse<String> upload(String user, String path, String fileName, byte[] content)
            throws IOException, InterruptedException {
        return request("POST", path, user).file("file", fileName, "application/octet-stream", content).send();
    }

    private ApiCalls.Request request(String method, String path, String user) {
        return new ApiCalls(port).request(method, path).header("Accept", "application/json").as(user);
    }
}
