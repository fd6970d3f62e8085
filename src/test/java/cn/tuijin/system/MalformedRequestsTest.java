package cn.tuijin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.tuijin.TuijinTest;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.system.QueryRequests.Param;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 6: every endpoint of the application's API that takes input gets at least a thousand generated malformed
 * requests — wrong JSON types, missing and unknown fields, megabyte strings, invalid and far-future dates, unknown
 * codes, SQL and HTML injection, control characters and broken UTF-8, truncated or no JSON, wrong content types, bad
 * paging and filters — each with exactly one fault, from a fixed seed. Every one must be refused with a 4xx problem
 * detail in Chinese naming the field at fault ({@code body} when the body as a whole is unreadable or of the wrong
 * type), and the tables the API writes to must have as many rows afterwards as before.
 *
 * <p>Conventions the application follows, so the tests can tell malformed from valid:
 * <ul>
 *   <li>Unknown fields of a JSON body and unknown query parameters are refused (400, naming them), as is a parameter
 *   given twice or with broken percent-encoding.</li>
 *   <li>JSON types are strict: no number for a text, no text for a number, no fraction for a whole number.</li>
 *   <li>Free text (descriptions, reasons, requirements) may contain anything printable — SQL and HTML are text like
 *   any other there and are sent only as noise beside a real fault — but no control characters.</li>
 *   <li>A date that sets a deadline may be neither past nor far in the future; a date or month that only filters a
 *   list may lie far in the future (it finds nothing). An empty optional filter means no filter.</li>
 *   <li>The valid request each endpoint's variants are made from is sent last and accepted, which proves that the
 *   one fault is what was refused.</li>
 * </ul>
 */
@TuijinTest
class MalformedRequestsTest {

    /** Malformed requests per endpoint. */
    static final int REQUESTS = 1000;
    private static final long SEED = 6;

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired WorkingDayCalendar calendar;
    @Autowired EngineClock clock;

    private RefusalCheck check() {
        return new RefusalCheck(port);
    }

    private Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table : RefusalCheck.tables()) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table, Integer.class));
        }
        return counts;
    }

    /** Sends the generator's requests and asserts that each was refused properly and nothing was written. */
    private void allRefused(String endpoint, String user, RequestGenerator requests) {
        Map<String, Integer> before = rowCounts();
        RefusalCheck.Report report = check().run(endpoint, user, requests, SEED ^ endpoint.hashCode(), REQUESTS);
        assertThat(report.sent()).isGreaterThanOrEqualTo(1000);
        assertThat(report.clean()).as("%s", report).isTrue();
        assertThat(rowCounts()).as("row counts after %s", endpoint).isEqualTo(before);
    }

    private HttpResponse<String> send(Attempt attempt, String user) throws Exception {
        return check().send(attempt, user);
    }

    private Map<String, Object> deadline(String taskId) {
        return jdbc.queryForMap("select * from task_deadline where task_id = ?", taskId);
    }

    /**
     * An open, unpaused deadline of unit zjj (wangjg's) due on a working day after tomorrow, without a pending
     * extension request: pausing and resuming it on one day leaves its due date as it was.
     */
    private String heldTask(int skip) {
        return jdbc.queryForList("""
                select d.task_id, d.due_at from task_deadline d join act_ru_task t on t.id_ = d.task_id
                where d.status = 'OPEN' and d.paused_at is null and d.holder_unit_code = 'zjj' and d.due_at > ?
                  and (t.assignee_ is null or t.assignee_ = 'wangjg') and d.project_code not in ('XM-2026-010', 'XM-2026-012')
                  and d.task_id not in (select task_id from extension_request where status = 'PENDING')
                order by d.due_at desc, d.task_id""", Timestamp.from(clock.now().plusSeconds(86_400)))
                .stream()
                .filter(d -> calendar.isWorkingDay(((Timestamp) d.get("DUE_AT")).toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate()))
                .map(d -> (String) d.get("TASK_ID"))
                .toList().get(skip);
    }

    @Nested
    class Bodies {

        @Test
        void reportingAnIssue() throws Exception {
            String project = jdbc.queryForObject("select code from project where lead_unit_code = 'zjj' order by code desc fetch first 1 rows only", String.class);
            JsonRequests requests = JsonRequests.of("POST", "/api/issues", """
                            {"projectCode": "%s", "category": "配套", "description": "施工用电尚未接入",
                             "supportNeeded": "协调供电公司", "severity": "较大"}""".formatted(project))
                    .field(JsonField.code("projectCode", "XM-1999-999", "XM-2026-999", "xm-2026-010 ").required())
                    .field(JsonField.code("category", "天气", "LAND_", "其它", "UTILITY").required())
                    .field(JsonField.text("description", 2000).required())
                    .field(JsonField.text("supportNeeded", 1000))
                    .field(JsonField.code("severity", "严重", "CRITICAL", "一般般"));

            allRefused("POST /api/issues", "wangjg", requests);

            assertThat(send(requests.validRequest(), "wangjg").statusCode()).isEqualTo(201);
        }

        @Test
        void issuingANotice() throws Exception {
            String overdue = jdbc.queryForObject("""
                    select task_id from task_deadline where status = 'OPEN' and paused_at is null and holder_unit_code <> ''
                      and due_at < ? and project_code not in ('XM-2026-010', 'XM-2026-012')
                      and activity_id not like '%Notice' and activity_id <> 'Task_ReviewAnswer'
                      and task_id not in (select open_task_id from notice where open_task_id is not null)
                    order by due_at desc, task_id fetch first 1 rows only""", String.class, Timestamp.from(clock.now()));
            JsonRequests requests = JsonRequests.of("POST", "/api/notices", """
                            {"taskId": "%s", "requirement": "三日内说明逾期原因并提出整改措施", "workingDays": 5}""".formatted(overdue))
                    .field(JsonField.code("taskId", "no-such-task", heldTask(0), "00000000-0000-0000-0000-000000000000").required())
                    .field(JsonField.text("requirement", 2000).required())
                    .field(JsonField.integer("workingDays", 1, 60))
                    .field(JsonField.date("dueDate").clears("workingDays"))
                    .fault("workingDays and dueDate both", body -> body.put("dueDate", clock.today().plusDays(20).toString()),
                            "workingDays");

            allRefused("POST /api/notices", "huangzh", requests);

            assertThat(send(requests.validRequest(), "huangzh").statusCode()).isEqualTo(201);
        }

        @Test
        void askingForABulletin() throws Exception {
            JsonRequests requests = JsonRequests.of("POST", "/api/bulletins", "{\"period\": \"2025-06\"}")
                    .field(JsonField.month("period", "2025-6", "2025-06-01").required());

            allRefused("POST /api/bulletins", "huangzh", requests);

            assertThat(send(requests.validRequest(), "huangzh").statusCode()).isIn(200, 202);
        }

        @Test
        void askingForAnExtension() throws Exception {
            String task = heldTask(0);
            Map<String, Object> before = deadline(task);
            LocalDate due = ((Timestamp) before.get("DUE_AT")).toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
            JsonRequests requests = JsonRequests.of("POST", "/api/tasks/{taskId}/extension-requests", """
                            {"newDueDate": "%s", "reason": "消防设计审查意见待省厅出具"}""".formatted(due.plusDays(30)))
                    .pathVariable("taskId", task, BadValues.TASK_IDS)
                    .field(JsonField.date("newDueDate", due.toString(), due.minusDays(1).toString(), due.plusYears(2).toString()).required())
                    .field(JsonField.text("reason", 1000).required());

            allRefused("POST /api/tasks/{taskId}/extension-requests", "wangjg", requests);
            assertThat(deadline(task)).isEqualTo(before);

            assertThat(send(requests.validRequest(), "wangjg").statusCode()).isEqualTo(201);
        }

        @Test
        void pausingAndResumingAClock() throws Exception {
            String task = heldTask(1);
            Map<String, Object> before = deadline(task);
            JsonRequests pause = JsonRequests.of("POST", "/api/tasks/{taskId}/pause", "{\"reason\": \"等待企业补充环评材料\"}")
                    .pathVariable("taskId", task, BadValues.TASK_IDS)
                    .field(JsonField.text("reason", 1000).required());
            PathRequests resume = new PathRequests("POST", "/api/tasks/{taskId}/resume", "taskId", task);

            allRefused("POST /api/tasks/{taskId}/pause", "wangjg", pause);
            assertThat(deadline(task)).isEqualTo(before);

            assertThat(send(pause.validRequest(), "wangjg").statusCode()).isEqualTo(200);
            Map<String, Object> paused = deadline(task);
            allRefused("POST /api/tasks/{taskId}/resume", "wangjg", resume);
            assertThat(deadline(task)).isEqualTo(paused);

            assertThat(send(resume.validRequest(), "wangjg").statusCode()).isEqualTo(200);
            assertThat(deadline(task).get("PAUSED_AT")).isNull();
            assertThat(deadline(task).get("DUE_AT")).isEqualTo(before.get("DUE_AT"));
        }

        @Test
        void correctingACalendarYear() throws Exception {
            JsonRequests requests = JsonRequests.of("PUT", "/api/calendar/{year}", """
                            {"year": 2028, "notice": "国办发明电〔2027〕X号（测试）",
                             "holidays": [{"name": "元旦", "from": "2028-01-01", "to": "2028-01-03"}],
                             "workdays": [{"name": "春节", "date": "2028-01-29"}]}""")
                    .pathVariable("year", "2028", List.of("abc", "0", "-1", "10000", "2999", "99999999999", "2028.0", "二〇二八",
                            "' or 1=1 --", "<script>alert(1)</script>", "%", "2O28", "1e3", "x".repeat(2000)))
                    .field(JsonField.integer("year", 2028, 2028).required())
                    .field(JsonField.text("notice", 200).required())
                    .field(JsonField.list("holidays"))
                    .field(JsonField.text("holidays[0].name", 50).required())
                    .field(JsonField.date("holidays[0].from", "2027-12-31", "2029-01-01").required())
                    .field(JsonField.date("holidays[0].to", "2029-01-01").required())
                    .field(JsonField.list("workdays"))
                    .field(JsonField.text("workdays[0].name", 50).required())
                    .field(JsonField.date("workdays[0].date", "2028-01-03", "2028-01-01", "2029-01-06").required())
                    .fault("holiday ends before it starts", body -> ((ObjectNode) JsonRequests.at(body, "holidays[0]"))
                            .put("from", "2028-01-03").put("to", "2028-01-01"), "holidays[0].to")
                    .fault("make-up day twice", body -> body.withArray("workdays").add(body.withArray("workdays").get(0).deepCopy()),
                            "workdays[1].date")
                    .fault("holiday without a name", body -> JsonRequests.set(body, "holidays[0].name", TextNode.valueOf("")),
                            "holidays[0].name");

            try {
                allRefused("PUT /api/calendar/{year}", "admin", requests);
                assertThat(calendar.hasDataFor(2028)).isFalse();

                assertThat(send(requests.validRequest(), "admin").statusCode()).isEqualTo(200);
                assertThat(calendar.hasDataFor(2028)).isTrue();
            } finally {
                jdbc.update("delete from calendar_year where \"year\" = 2028");
                calendar.removeYear(2028);
            }
        }

        @Test
        void importingALedger() throws Exception {
            byte[] ledger = check().download("/api/ledger/export.xlsx", "zhengwt");
            UploadRequests requests = new UploadRequests("/api/ledger/import", ledger);

            allRefused("POST /api/ledger/import", "zhengwt", requests);

            assertThat(send(requests.validRequest(), "zhengwt").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Queries {

        private final List<String> units = List.of("zjj", "ljq", "fgw", "hxjc");
        private final List<String> districts = List.of("lj", "bh", "gx");
        private final List<String> projects = List.of("XM-2026-010", "XM-2026-031", "XM-2026-001");

        private void list(String path, String user, QueryRequests requests) throws Exception {
            HttpResponse<String> valid = send(requests.validRequest(), user);
            assertThat(valid.statusCode()).as(valid.body()).isEqualTo(200);
            allRefused("GET " + path, user, requests);
        }

        @Test
        void overdueList() throws Exception {
            list("/api/dashboard/overdue", "huangzh", QueryRequests.get("/api/dashboard/overdue")
                    .param(Param.code("district", districts, "xx", "临江区"))
                    .param(Param.code("unit", units, "nosuch"))
                    .param(Param.code("leader", List.of("linxh", "mazy"), "wangjg", "nobody"))
                    .param(Param.choice("category", "INDUSTRIAL", "INFRASTRUCTURE", "URBAN", "SOCIAL", "RENOVATION"))
                    .param(Param.choice("stage", "SIGNED", "UNDER_CONSTRUCTION", "NEGOTIATING", "RESERVE", "COMPLETED", "OPERATING"))
                    .param(Param.choice("kind", "MILESTONE", "APPROVAL", "VERIFICATION", "MONTHLY_REPORT", "ISSUE_LEVEL", "NOTICE"))
                    .param(Param.choice("sort", "late", "project", "unit", "kind", "district"))
                    .param(Param.page())
                    .param(Param.size()));
        }

        @Test
        void projects() throws Exception {
            list("/api/projects", "zhengwt", QueryRequests.get("/api/projects")
                    .param(Param.code("unit", units, "nosuch"))
                    .param(Param.code("district", districts, "xx"))
                    .param(Param.choice("stage", "SIGNED", "UNDER_CONSTRUCTION", "NEGOTIATING", "RESERVE", "COMPLETED", "OPERATING"))
                    .param(Param.page())
                    .param(Param.size()));
        }

        @Test
        void accountabilityRecords() throws Exception {
            list("/api/accountability", "huangzh", QueryRequests.get("/api/accountability")
                    .param(Param.code("project", projects, "XM-1999-999"))
                    .param(Param.code("unit", units, "nosuch"))
                    .param(Param.code("user", List.of("wangjg", "sunhb"), "nobody"))
                    .param(Param.choice("kind", "MILESTONE", "APPROVAL", "VERIFICATION", "MONTHLY_REPORT", "ISSUE_LEVEL", "NOTICE"))
                    .param(Param.date("from", "2026-01-01", "2026-10-01", "1900-01-01"))
                    .param(Param.date("to", "2026-12-31", "2999-12-31"))
                    .param(Param.page())
                    .param(Param.size())
                    .fault("from after to", Map.of("from", "2026-12-01", "to", "2026-01-01"), "to"));
        }

        @Test
        void extensionRequests() throws Exception {
            list("/api/extension-requests", "zhengwt", QueryRequests.get("/api/extension-requests")
                    .param(Param.code("unit", units, "nosuch"))
                    .param(Param.code("project", projects, "XM-1999-999"))
                    .param(Param.choice("status", "PENDING", "APPROVED", "REJECTED", "OBSOLETE"))
                    .param(Param.page())
                    .param(Param.size()));
        }

        @Test
        void notices() throws Exception {
            list("/api/notices", "huangzh", QueryRequests.get("/api/notices")
                    .param(Param.code("unit", units, "nosuch"))
                    .param(Param.code("project", projects, "XM-1999-999"))
                    .param(Param.choice("status", "OPEN", "ESCALATED", "ANSWERED", "RETURNED", "CLOSED"))
                    .param(Param.page())
                    .param(Param.size()));
        }

        @Test
        void issueStatistics() throws Exception {
            list("/api/issues/stats", "huangzh", QueryRequests.get("/api/issues/stats"));
        }

        @Test
        void workingDays() throws Exception {
            list("/api/calendar/working-days", "wangjg", QueryRequests.get("/api/calendar/working-days")
                    .param(Param.date("from", "2026-09-29", "2024-02-29", "2999-12-31").required())
                    .param(Param.integer("days", -1000, 1000, "5", "-3", "0", "1000", "-1000").required()));
        }

        @Test
        void bulletins() throws Exception {
            list("/api/bulletins", "wangjg", QueryRequests.get("/api/bulletins")
                    .param(Param.month("period", "2026-10", "2025-01", "2999-12")));
        }

        @Test
        void ledgerImports() throws Exception {
            list("/api/ledger/imports", "zhengwt", QueryRequests.get("/api/ledger/imports")
                    .param(Param.integer("limit", 1, 500, "50", "1", "500")));
        }
    }
}
