package cn.tuijin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.bulletin.BulletinCompiler;
import cn.tuijin.bulletin.BulletinFigures;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlineSweep;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A ledger imported at go-live: the dry run says which milestones are already past; the project office chooses per
 * import whether they are 导入前已逾期 (shown and counted apart, not charged: the default) or charged; a 竣工 project
 * is due to claim operation at its planned operation date, or 60 working days after the import, never on the day.
 */
@TuijinTest
class LedgerGoLiveTest {

    /** The day of go-live: Monday 7 December 2026, 10:00 Beijing time. */
    static final LocalDateTime GO_LIVE = LocalDateTime.of(2026, 12, 7, 10, 0);

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired EngineClock clock;
    @Autowired WorkingDayCalendar calendar;
    @Autowired BulletinCompiler bulletins;
    @Autowired DeadlineSweep sweep;
    LedgerClient api;
    String prefix;

    @BeforeEach
    void setUp() {
        clock.setTime(GO_LIVE);
        api = new LedgerClient(port);
        prefix = LedgerSheets.prefix();
    }

    @AfterEach
    void removeTestProjects() {
        LedgerTestData.removeTestProjects(jdbc, runtime);
        clock.reset();
    }

    private static LocalDate today() {
        return GO_LIVE.toLocalDate();
    }

    /** A negotiating project whose signing (-6 months) and start (-1 month) are already past; completion in two years. */
    private Map<String, Object> lateNegotiating(String code) {
        return LedgerSheets.row(code, "在谈");
    }

    private Map<String, Object> completed(String code, LocalDate plannedOperation) {
        Map<String, Object> row = LedgerSheets.row(code, "竣工");
        row.put("计划竣工日期", today().minusMonths(1));
        row.put("计划投产（投用）日期", plannedOperation);
        return row;
    }

    private JsonNode upload(String query, byte[] xlsx) throws Exception {
        return api.ok(api.upload(query, "zhengwt", "上线台账.xlsx", xlsx));
    }

    /**
     * What the nodes do within seconds: the job executor runs the timers of the project's processes due by now, and the
     * sweep marks the deadlines due by now; returns the timers run and the marks (due soon, overdue) set on the project.
     */
    private int deadlinesPass(String code) {
        String marks = "select coalesce(sum(case when due_soon then 1 else 0 end + case when overdue then 1 else 0 end), 0)"
                + " from task_deadline where project_code = ?";
        int before = jdbc.queryForObject(marks, Integer.class, code);
        int fired = fireDueTimers(code);
        sweep.sweep();
        return fired + jdbc.queryForObject(marks, Integer.class, code) - before;
    }

    /** Runs the timers of the project's processes that are due by now, as the job executor would within seconds. */
    private int fireDueTimers(String code) {
        int fired = 0;
        for (var instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).list()) {
            List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).timers()
                    .duedateLowerThan(Date.from(clock.now())).list();
            for (Job job : due) {
                management.executeJob(job.getId());
                fired++;
            }
        }
        return fired;
    }

    private int accountabilityRecords(String code) {
        return jdbc.queryForObject("select count(*) from accountability_record where project_code = ?", Integer.class, code);
    }

    private JsonNode read(String path, String user) throws Exception {
        return new ApiCalls(port).ok(new ApiCalls(port).call("GET", path, user, null));
    }

    @Test
    void theDryRunSaysHowManyMilestonesAreAlreadyPastRowByRowAndWritesNothing() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>(List.of(
                lateNegotiating(prefix + "1"),                       // signing and start past: 2
                LedgerSheets.row(prefix + "2", "在建"),               // completion in two years: 0
                completed(prefix + "3", today().minusDays(3)),        // operation past: 1
                LedgerSheets.row(prefix + "4", "储备")));             // no lifecycle: not counted
        int projects = jdbc.queryForObject("select count(*) from project", Integer.class);

        JsonNode preview = upload("?dryRun=true", LedgerSheets.xlsx(rows));

        assertThat(preview.get("pastDeadlines").asInt()).isEqualTo(3);
        assertThat(preview.get("pastDeadlinesMode").asText()).isEqualTo("BEFORE_IMPORT");
        assertThat(preview.get("pastDeadlinesNote").asText()).startsWith("3 个节点在导入前已超过计划日期").contains("导入前已逾期", "不计入");
        JsonNode created = preview.get("created");
        assertThat(created.get(0).get("pastDeadlines").toString())
                .contains("计划签约日期 " + today().minusMonths(6), "计划开工日期 " + today().minusMonths(1));
        assertThat(created.get(1).get("pastDeadlines")).isEmpty();
        assertThat(created.get(2).get("pastDeadlines").toString()).contains("计划投产（投用）日期 " + today().minusDays(3));
        assertThat(created.get(3).get("pastDeadlines")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from project", Integer.class)).as("a dry run writes nothing").isEqualTo(projects);

        JsonNode charged = upload("?dryRun=true&pastDeadlines=CHARGED", LedgerSheets.xlsx(rows));
        assertThat(charged.get("pastDeadlinesNote").asText()).contains("3 个节点", "按逾期追责");
    }

    @Test
    void byDefaultLatenessBeforeTheImportIsShownApartAndChargedToNobody() throws Exception {
        String code = prefix + "1";
        JsonNode committed = upload("?dryRun=false", LedgerSheets.xlsx(List.of(lateNegotiating(code))));
        assertThat(committed.get("pastDeadlinesNote").asText()).contains("2 个节点在导入前已超过计划日期，已记为「导入前已逾期」");

        // Seconds after the import, the sweep finds the signing claim's deadline past.
        clock.setTime(GO_LIVE.plusSeconds(5));
        assertThat(deadlinesPass(code)).isPositive();

        assertThat(accountabilityRecords(code)).as("nobody is charged for lateness before the import").isZero();
        Map<String, Object> deadline = jdbc.queryForMap("select * from task_deadline where project_code = ? and activity_id = ?",
                code, ProjectLifecycle.Element.CLAIM_SIGNING);
        assertThat(deadline.get("OVERDUE")).isEqualTo(true);
        assertThat(deadline.get("BEFORE_IMPORT")).isEqualTo(true);

        JsonNode summary = read("/api/dashboard/summary", "huangzh");
        assertThat(summary.get("overdueBeforeImport").asInt()).isEqualTo(1);
        JsonNode zjjItems = read("/api/dashboard/overdue?unit=zjj&size=500", "huangzh").get("items");
        long zjjCharged = zjjItems.findValues("beforeImport").stream().filter(b -> !b.asBoolean()).count();
        for (JsonNode unit : summary.get("units")) {
            if ("zjj".equals(unit.get("code").asText())) {
                assertThat(unit.get("overdue").asInt()).as("not the unit's lateness").isEqualTo((int) zjjCharged);
            }
        }
        JsonNode item = null;
        for (JsonNode i : zjjItems) {
            if (code.equals(i.get("projectCode").asText())) {
                item = i;
            }
        }
        assertThat(item).as("listed on the dashboard").isNotNull();
        assertThat(item.get("beforeImport").asBoolean()).isTrue();

        String timeline = read("/api/dashboard/projects/" + code + "/timeline", "huangzh").toString();
        assertThat(timeline).contains("导入前已逾期", "「申报签约｜", "期限 " + today().minusMonths(6) + " 在项目导入台账前已过", "郑文涛 导入台账「上线台账.xlsx」",
                "记为导入前已逾期，不追责");
        Map<String, Object> light = jdbc.queryForMap("select light, reason from project_light where project_code = ?", code);
        assertThat(light.get("LIGHT")).as("to be seen to, not red for the unit's lateness").isEqualTo("YELLOW");
        assertThat((String) light.get("REASON")).contains("导入前已逾期");
        BulletinFigures december = bulletins.compile(YearMonth.of(2026, 12), clock.now());
        BulletinFigures.Row zjj = december.units().stream().filter(u -> "zjj".equals(u.code())).findFirst().orElseThrow();
        assertThat(zjj.redProjectNames()).as("not among the unit's red projects in the bulletin").doesNotContain("测试项目" + code);
        JsonNode log = read("/api/ledger/imports?limit=1", "zhengwt").get(0);
        assertThat(log.get("pastDeadlinesMode").asText()).isEqualTo("BEFORE_IMPORT");
        assertThat(log.get("pastDeadlines").asInt()).isEqualTo(2);
    }

    @Test
    void chargedByChoiceLatenessBeforeTheImportIsRecordedAgainstTheUnit() throws Exception {
        String code = prefix + "1";
        upload("?dryRun=false&pastDeadlines=CHARGED", LedgerSheets.xlsx(List.of(lateNegotiating(code))));
        clock.setTime(GO_LIVE.plusSeconds(5));
        deadlinesPass(code);

        assertThat(jdbc.queryForList("select holder_unit_code from accountability_record where project_code = ?", String.class, code))
                .containsExactly("zjj");
        assertThat(jdbc.queryForObject("select before_import from task_deadline where project_code = ?", Boolean.class, code)).isFalse();
    }

    @Test
    void aDeadlineMissedAfterTheImportIsChargedEvenWhenEarlierOnesWereNot() throws Exception {
        String code = prefix + "1";
        Map<String, Object> row = LedgerSheets.row(code, "在谈");
        row.put("计划签约日期", today().plusDays(10));
        row.put("计划开工日期", today().plusMonths(2));
        upload("?dryRun=false", LedgerSheets.xlsx(List.of(row)));

        clock.setTime(GO_LIVE.plusDays(12));
        deadlinesPass(code);

        assertThat(accountabilityRecords(code)).as("the signing was due after go-live").isEqualTo(1);
    }

    @Test
    void aCompletedProjectClaimsOperationAtItsPlannedDateOrSixtyWorkingDaysAfterTheImportNeverToday() throws Exception {
        LocalDate planned = today().plusMonths(4);
        JsonNode committed = upload("?dryRun=false", LedgerSheets.xlsx(List.of(
                completed(prefix + "1", planned), completed(prefix + "2", null))));
        LocalDate byDefault = calendar.addWorkingDays(today(), 60);
        assertThat(committed.get("created").get(1).get("note").asText()).contains("60 个工作日", byDefault.toString());

        assertThat(operationDue(prefix + "1")).isEqualTo(planned);
        assertThat(operationDue(prefix + "2")).isEqualTo(byDefault).isAfter(today());
        assertThat(jdbc.queryForObject("select planned_operation_date from project where code = ?", java.sql.Date.class, prefix + "2")
                .toLocalDate()).as("the default is in the ledger, exported like any date").isEqualTo(byDefault);
        assertThat(accountabilityRecords(prefix + "2")).isZero();
    }

    private LocalDate operationDue(String code) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(ProjectLifecycle.Element.CLAIM_OPERATION)
                .singleResult();
        assertThat(task).as("the operation claim of " + code).isNotNull();
        return LocalDate.ofInstant(task.getDueDate().toInstant(), EngineClock.ZONE);
    }

    @Test
    void aLedgerOfTheOldTemplateWithoutThePlannedOperationColumnStillImports() throws Exception {
        List<String> oldHeaders = LedgerSheets.HEADERS.stream().filter(h -> !h.startsWith("计划投产")).toList();
        byte[] xlsx = LedgerSheets.bytes(LedgerSheets.workbook("项目台账", 0, oldHeaders, List.of(completed(prefix + "1", null))));
        JsonNode committed = upload("?dryRun=false", xlsx);
        assertThat(committed.get("created")).hasSize(1);
        assertThat(operationDue(prefix + "1")).isAfter(today());
    }

    @Test
    void theTemplateHasThePlannedOperationColumnAsADate() throws Exception {
        try (var wb = LedgerSheets.open(api.get("/api/ledger/template.xlsx", "zhengwt").body())) {
            var header = wb.getSheetAt(0).getRow(0);
            int column = -1;
            for (var cell : header) {
                if ("计划投产（投用）日期".equals(cell.getStringCellValue())) {
                    column = cell.getColumnIndex();
                }
            }
            assertThat(column).isPositive();
            assertThat(wb.getSheetAt(0).getColumnStyle(column).getDataFormatString()).isEqualTo("yyyy-mm-dd");
        }
    }

    @Test
    void aProjectImportedAfterTheMonthsEndIsNotInThatMonthsBulletinButInTheNext() throws Exception {
        // The November bulletin is compiled on 5 December, an hour after a project was imported that morning.
        YearMonth november = YearMonth.of(2026, 11);
        clock.setTime(LocalDateTime.of(2026, 12, 5, 9, 0));
        int novemberBefore = bulletins.compile(november, clock.now()).city().projects();
        upload("?dryRun=false", LedgerSheets.xlsx(List.of(LedgerSheets.row(prefix + "1", "在建"))));
        clock.setTime(LocalDateTime.of(2026, 12, 5, 10, 0));

        BulletinFigures novemberAfter = bulletins.compile(november, clock.now());
        assertThat(novemberAfter.city().projects()).as("as at 30 November the project was not in the ledger").isEqualTo(novemberBefore);

        clock.setTime(LocalDateTime.of(2027, 1, 5, 10, 0));
        BulletinFigures december = bulletins.compile(YearMonth.of(2026, 12), clock.now());
        assertThat(december.city().projects()).as("as at 31 December it was").isEqualTo(novemberBefore + 1);
        assertThat(bulletins.compile(november, clock.now()).city().projects()).as("and November stays as it was").isEqualTo(novemberBefore);
    }

    @Nested
    class Refusals {

        @Test
        void aMalformedOrTooEarlyPlannedOperationDateIsRefusedNamingTheRowAndNothingIsWritten() throws Exception {
            Map<String, Object> malformed = completed(prefix + "1", null);
            malformed.put("计划投产（投用）日期", "2027-02-30");
            Map<String, Object> early = completed(prefix + "2", today().minusMonths(2));
            int projects = jdbc.queryForObject("select count(*) from project", Integer.class);

            JsonNode errors = api.refusedCommit(LedgerSheets.xlsx(List.of(malformed, early))).get("errors");

            assertThat(errors.findValuesAsText("row")).containsExactly("2", "3");
            assertThat(errors.findValuesAsText("column")).containsOnly("计划投产（投用）日期");
            assertThat(errors.get(0).get("message").asText()).contains("日期「2027-02-30」不存在");
            assertThat(errors.get(1).get("message").asText()).contains("计划投产（投用）日期（" + today().minusMonths(2) + "）早于计划竣工日期");
            assertThat(jdbc.queryForObject("select count(*) from project", Integer.class)).isEqualTo(projects);
        }

        @Test
        void anUnknownChoiceForPastDeadlinesIsRefusedInChineseAndNothingIsWritten() throws Exception {
            int imports = jdbc.queryForObject("select count(*) from ledger_import", Integer.class);
            JsonNode refused = api.status(api.upload("?dryRun=false&pastDeadlines=maybe", "zhengwt", "a.xlsx",
                    LedgerSheets.xlsx(List.of(lateNegotiating(prefix + "1")))), 400);
            assertThat(refused.get("field").asText()).isEqualTo("pastDeadlines");
            assertThat(refused.get("detail").asText()).contains("导入前已逾期", "按逾期追责");
            assertThat(jdbc.queryForObject("select count(*) from ledger_import", Integer.class)).isEqualTo(imports);
            assertThat(jdbc.queryForObject("select count(*) from project where code like ?", Integer.class, prefix + "%")).isZero();
        }
    }
}
