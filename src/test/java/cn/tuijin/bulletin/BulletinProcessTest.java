package cn.tuijin.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import cn.tuijin.TuijinProcessTest;
import cn.tuijin.bulletin.MonthlyBulletin.Element;
import cn.tuijin.bulletin.MonthlyBulletin.Var;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The monthly bulletin process with the engine clock: the daily timer publishes last month's bulletin from the first
 * working day of the month on (2026-10-08, after National Day), a supervisor's request publishes any month that is
 * over, each month once; a published bulletin does not change when the ledger does.
 */
@TuijinProcessTest
class BulletinProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProjectRepository projects;
    @Autowired BulletinService bulletins;
    @Autowired BulletinCompiler compiler;
    @Autowired WorkingDayCalendar calendar;
    @Autowired ObjectMapper json;
    @Autowired EngineClock clock;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
        // The months these tests publish have no bulletin yet, whatever the suite's day: the demo city publishes the
        // month before the day it is seeded.
        jdbc.update("delete from bulletin where period in ('2026-09', '2026-10')");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void clockAt(LocalDateTime time) {
        clock.setTime(time);
    }

    /** Fires the daily timer at the given time; returns the instance it started. */
    private HistoricProcessInstance dailyRunAt(LocalDateTime time) {
        clockAt(time);
        Set<String> before = instanceIds();
        Job timer = management.createJobQuery().processDefinitionKey(MonthlyBulletin.KEY).timers().singleResult();
        management.executeJob(timer.getId());
        Set<String> started = instanceIds();
        started.removeAll(before);
        assertThat(started).hasSize(1);
        String id = started.iterator().next();
        runJobs(id);
        return history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private Set<String> instanceIds() {
        Set<String> ids = new HashSet<>();
        history.createHistoricProcessInstanceQuery().processDefinitionKey(MonthlyBulletin.KEY).list().forEach(p -> ids.add(p.getId()));
        return ids;
    }

    /** Runs the instance's jobs (compile, publish) as the job executor would. */
    private void runJobs(String instanceId) {
        for (Job job = nextJob(instanceId); job != null; job = nextJob(instanceId)) {
            management.executeJob(job.getId());
        }
    }

    private Job nextJob(String instanceId) {
        return management.createJobQuery().processInstanceId(instanceId).listPage(0, 1).stream().findFirst().orElse(null);
    }

    private ProcessInstance requestedBySupervisor(String period) {
        ProcessInstance instance = runtime.startProcessInstanceByMessage(MonthlyBulletin.REQUESTED, period,
                Map.of(Var.PERIOD, period, Var.REQUESTED_BY, "huangzh"));
        runJobs(instance.getId());
        return instance;
    }

    private int bulletinsFor(String period) {
        return jdbc.queryForObject("select count(*) from bulletin where period = ?", Integer.class, period);
    }

    @Test
    void dailyRunPublishesSeptemberOnTheFirstWorkingDayAfterNationalDayAndOnlyOnce() {
        assertThat(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 10), 1)).isEqualTo(LocalDate.of(2026, 10, 8));
        for (int day = 1; day <= 7; day++) {
            HistoricProcessInstance holiday = dailyRunAt(LocalDateTime.of(2026, 10, day, 8, 0));
            assertThat(holiday.getEndActivityId()).as("1–7 October are National Day holidays").isEqualTo(Element.NOTHING_DUE);
        }
        assertThat(bulletinsFor("2026-09")).isZero();

        HistoricProcessInstance first = dailyRunAt(LocalDateTime.of(2026, 10, 8, 8, 0));
        assertThat(first.getEndActivityId()).isEqualTo(Element.PUBLISHED);
        assertThat(first.getBusinessKey()).isEqualTo("2026-09");
        BulletinRepository.Stored published = bulletins.published(YearMonth.of(2026, 9)).orElseThrow();
        assertThat(published.requestedBy()).isEqualTo(BulletinService.SYSTEM);
        assertThat(published.processInstanceId()).isEqualTo(first.getId());
        assertThat(published.publishedAt()).isEqualTo(LocalDateTime.of(2026, 10, 8, 8, 0).atZone(WorkingDayCalendar.ZONE).toInstant());

        HistoricProcessInstance next = dailyRunAt(LocalDateTime.of(2026, 10, 9, 8, 0));
        assertThat(next.getEndActivityId()).isEqualTo(Element.NOTHING_DUE);
        assertThat(bulletinsFor("2026-09")).isEqualTo(1);
        assertThat(management.createJobQuery().processDefinitionKey(MonthlyBulletin.KEY).timers().count())
                .as("the next day's run is scheduled").isEqualTo(1);
    }

    @Test
    void dailyRunCatchesUpWhenTheFirstWorkingDayWasMissed() {
        // 1 November 2026 is a Sunday; the first working day is Monday the 2nd. Nothing ran then; Tuesday catches up.
        assertThat(dailyRunAt(LocalDateTime.of(2026, 11, 1, 8, 0)).getEndActivityId()).isEqualTo(Element.NOTHING_DUE);
        HistoricProcessInstance tuesday = dailyRunAt(LocalDateTime.of(2026, 11, 3, 8, 0));
        assertThat(tuesday.getEndActivityId()).isEqualTo(Element.PUBLISHED);
        assertThat(tuesday.getBusinessKey()).isEqualTo("2026-10");
    }

    @Test
    void supervisorsRequestPublishesTheMonthOnceAsked() {
        clockAt(LocalDateTime.of(2026, 11, 24, 10, 0));
        ProcessInstance instance = requestedBySupervisor("2026-05");
        assertThat(instance).isEnded().hasPassed(Element.ON_DEMAND, Element.DETERMINE_PERIOD, Element.COMPILE, Element.PUBLISH,
                Element.PUBLISHED);
        BulletinRepository.Stored published = bulletins.published(YearMonth.of(2026, 5)).orElseThrow();
        assertThat(published.requestedBy()).isEqualTo("huangzh");

        clockAt(LocalDateTime.of(2026, 11, 25, 10, 0));
        ProcessInstance again = requestedBySupervisor("2026-05");
        assertThat(again).isEnded().hasPassed(Element.NOTHING_DUE).hasNotPassed(Element.COMPILE);
        assertThat(bulletinsFor("2026-05")).isEqualTo(1);
        BulletinRepository.Stored still = bulletins.published(YearMonth.of(2026, 5)).orElseThrow();
        assertThat(still.publishedAt()).isEqualTo(published.publishedAt());
        assertThat(bulletins.get(still.id()).figures()).isEqualTo(bulletins.get(published.id()).figures());
    }

    @Test
    void compilingOrPublishingAPublishedMonthAgainChangesNothing() {
        clockAt(LocalDateTime.of(2026, 11, 24, 10, 0));
        requestedBySupervisor("2026-04");
        BulletinRepository.Stored published = bulletins.published(YearMonth.of(2026, 4)).orElseThrow();
        String figures = bulletins.get(published.id()).figures();

        clockAt(LocalDateTime.of(2026, 11, 26, 10, 0));
        assertThat(bulletins.compile(YearMonth.of(2026, 4), "huangzh", "other")).isEqualTo(published.id());
        bulletins.publish(published.id());
        BulletinRepository.Stored after = bulletins.get(published.id());
        assertThat(after.figures()).isEqualTo(figures);
        assertThat(after.publishedAt()).isEqualTo(published.publishedAt());
        assertThat(after.requestedBy()).isEqualTo("huangzh");
        assertThat(after.compiledAt()).isEqualTo(published.compiledAt());
    }

    @Test
    void publishedBulletinIsASnapshotThatLaterChangesToTheLedgerDoNotAlter() throws Exception {
        BulletinTestCity city = new BulletinTestCity(jdbc, projects);
        city.ensure();
        clockAt(LocalDateTime.of(2026, 11, 24, 10, 0));
        requestedBySupervisor("2026-06");
        long id = bulletins.published(YearMonth.of(2026, 6)).orElseThrow().id();
        String before = bulletins.get(id).figures();
        JsonNode unitA = unit(json.readTree(before), BulletinTestCity.UNIT_A);
        assertThat(unitA.get("yearToDate").decimalValue()).isEqualByComparingTo("700");
        assertThat(unitA.get("redProjects").asInt()).isEqualTo(1);

        try {
            // The ledger changes afterwards: a late June report, another overdue record in June, one more red project.
            city.report("TZ-002", "2026-06", "500");
            city.accountability("tz-task-late", "TZ-003", BulletinTestCity.UNIT_A, BulletinTestCity.at(2026, 6, 15, 9, 0));
            city.light("TZ-003", "RED");

            BulletinFigures now = compiler.compile(YearMonth.of(2026, 6), clock.now());
            BulletinFigures.Row recomputed = now.units().stream().filter(r -> r.code().equals(BulletinTestCity.UNIT_A)).findFirst().orElseThrow();
            assertThat(recomputed.yearToDate()).isEqualByComparingTo("1200");
            assertThat(recomputed.overdueRecords()).isEqualTo(2);
            assertThat(recomputed.redProjects()).isEqualTo(2);

            // Asking for June again publishes nothing new: the bulletin stays as published.
            clockAt(LocalDateTime.of(2026, 11, 25, 10, 0));
            requestedBySupervisor("2026-06");
            String after = bulletins.get(id).figures();
            assertThat(after).isEqualTo(before);
            assertThat(bulletins.figures(id).units()).filteredOn(r -> r.code().equals(BulletinTestCity.UNIT_A)).singleElement()
                    .satisfies(r -> {
                        assertThat(r.yearToDate()).isEqualByComparingTo("700");
                        assertThat(r.overdueRecords()).isEqualTo(1);
                        assertThat(r.redProjects()).isEqualTo(1);
                    });
        } finally {
            jdbc.update("delete from monthly_report where project_code = 'TZ-002' and period = '2026-06'");
            jdbc.update("delete from accountability_record where task_id = 'tz-task-late'");
            city.ensure();
        }
    }

    private static JsonNode unit(JsonNode figures, String code) {
        for (JsonNode u : figures.get("units")) {
            if (u.get("code").asText().equals(code)) {
                return u;
            }
        }
        throw new AssertionError("no unit " + code);
    }

    @Test
    void requestForAMonthBeingCompiledWaitsForThatOne() {
        clockAt(LocalDateTime.of(2026, 11, 24, 10, 0));
        ProcessInstance first = runtime.startProcessInstanceByMessage(MonthlyBulletin.REQUESTED, "2026-03",
                Map.of(Var.PERIOD, "2026-03", Var.REQUESTED_BY, "huangzh"));
        assertThat(first).isWaitingAt(Element.COMPILE);
        assertThat(bulletins.isDue(YearMonth.of(2026, 3))).isTrue();
        runJobs(first.getId());
        assertThat(bulletins.isDue(YearMonth.of(2026, 3))).isFalse();
        assertThat(bulletinsFor("2026-03")).isEqualTo(1);
    }

    /**
     * Process data that got into the engine somehow — written here by the application itself, without a user — decides
     * nothing: the month compiled and published is the instance's business key, who asked is what was recorded when
     * the request started the instance.
     */
    @Nested
    class ForgedProcessData {

        @Test
        void periodRequesterAndBulletinWrittenIntoTheProcessDoNotChooseWhatIsCompiledOrPublished() {
            clockAt(LocalDateTime.of(2026, 11, 24, 10, 0));
            long otherMonth = bulletins.compile(YearMonth.of(2025, 2), "huangzh", "another instance");
            ProcessInstance instance = runtime.startProcessInstanceByMessage(MonthlyBulletin.REQUESTED, "2025-07",
                    Map.of(Var.PERIOD, "2025-07", Var.REQUESTED_BY, "huangzh"));
            assertThat(instance).isWaitingAt(Element.COMPILE);

            runtime.setVariable(instance.getId(), Var.PERIOD, "2025-01");
            runtime.setVariable(instance.getId(), Var.REQUESTED_BY, "wangjg");
            management.executeJob(nextJob(instance.getId()).getId());
            assertThat(instance).isWaitingAt(Element.PUBLISH);
            runtime.setVariable(instance.getId(), "bulletinId", otherMonth); // the variable 发布通报 read before issue 14
            runJobs(instance.getId());

            BulletinRepository.Stored published = bulletins.published(YearMonth.of(2025, 7)).orElseThrow();
            assertThat(published.requestedBy()).isEqualTo("huangzh");
            assertThat(published.processInstanceId()).isEqualTo(instance.getId());
            assertThat(bulletinsFor("2025-01")).isZero();
            assertThat(bulletins.published(YearMonth.of(2025, 2))).isEmpty();
        }
    }
}
