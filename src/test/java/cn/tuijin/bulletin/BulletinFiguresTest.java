package cn.tuijin.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import cn.tuijin.TuijinProcessTest;
import cn.tuijin.bulletin.BulletinFigures.Quarter;
import cn.tuijin.bulletin.BulletinFigures.Row;
import cn.tuijin.bulletin.BulletinFigures.Stages;
import cn.tuijin.project.ProjectRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bulletin's numbers checked against a small city computed by hand ({@link BulletinTestCity}: district TZ, units
 * tza and tzb, seven projects), for June 2026 — the end of Q2, 双过半 — and July 2026, a quarter under way.
 * The database holds other projects too (the demo city, other tests'); only TZ's rows are checked here.
 */
@TuijinProcessTest
class BulletinFiguresTest {

    private static final YearMonth JUNE = YearMonth.of(2026, 6);
    /** When the test compiles its bulletins: early in the month after (the figures do not depend on it). */
    private static final Instant COMPILED = BulletinTestCity.at(2026, 7, 3, 9, 0).toInstant();

    @Autowired JdbcTemplate jdbc;
    @Autowired ProjectRepository projects;
    @Autowired BulletinCompiler compiler;

    @BeforeEach
    void city() {
        new BulletinTestCity(jdbc, projects).ensure();
    }

    private static Row row(List<Row> rows, String code) {
        return rows.stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void unitAOfTheSmallCityInJune() {
        Row a = row(compiler.compile(JUNE, COMPILED).units(), BulletinTestCity.UNIT_A);
        assertThat(a.name()).isEqualTo("TZ测试甲局");
        // Stages on 30 June: TZ-001 started 10 March → 在建; TZ-002 signed → 签约; TZ-003 started only on 6 July → 签约.
        assertThat(a.projects()).isEqualTo(3);
        assertThat(a.stages()).isEqualTo(new Stages(0, 0, 2, 1, 0, 0));
        // Planned to start by 30 June: TZ-001 (1 March), TZ-002 (15 May), TZ-003 (20 June) = 3; started: TZ-001 = 1.
        assertThat(a.plannedStarts()).isEqualTo(3);
        assertThat(a.started()).isEqualTo(1);
        assertThat(a.startRate()).isEqualTo(0.3333);                 // 1 / 3
        // Annual plan 1200 + 600 + 300 = 2100; done this year: TZ-001's June report 700 (its 2025-12 and July reports
        // do not count), TZ-002 and TZ-003 nothing by June = 700; 序时进度 2100 × 6 / 12 = 1050.
        assertThat(a.annualPlan()).isEqualTo(money("2100.00"));
        assertThat(a.yearToDate()).isEqualTo(money("700.00"));
        assertThat(a.scheduleExpected()).isEqualTo(money("1050.00"));
        assertThat(a.planRate()).isEqualTo(0.3333);                  // 700 / 2100
        assertThat(a.scheduleRate()).isEqualTo(0.6667);              // 700 / 1050
        // Q1 开门红: 2100 / 4 = 525 by 31 March; TZ-001's first report is April's → 0 done. Q2 双过半: 2100 / 2 = 1050 by 30 June; 700.
        assertThat(a.quarters()).containsExactly(
                new Quarter(1, "开门红", money("525.00"), money("0.00"), false, "未达成（差 525.00 万元）"),
                new Quarter(2, "双过半", money("1050.00"), money("700.00"), false, "未达成（差 350.00 万元）"));
        // Accountability records detected in June: tz-task-a (10 June); not tz-task-b (28 May) nor tz-task-d (1 July 0:10).
        assertThat(a.overdueRecords()).isEqualTo(1);
        // Overdue and open at the month's end: tz-d1 (due 10 June, open), tz-d2 (due 20 June, done 3 July); not tz-d3 (done in time).
        assertThat(a.overdueOpen()).isEqualTo(2);
        // Issues: TZ-WT-1 reported 3 June, closed 20 June, no missed deadline → on time; TZ-WT-2 reported in May, its
        // deadline missed 5 June (an escalation in June), closed 28 June → late.
        assertThat(a.issuesReported()).isEqualTo(1);
        assertThat(a.issuesSolvedOnTime()).isEqualTo(1);
        assertThat(a.issuesSolvedLate()).isEqualTo(1);
        assertThat(a.escalations()).isEqualTo(1);
        assertThat(a.issuesOpen()).isZero();
        // Extensions: e1 asked 12 June (approved 15 June); e3 asked in May, approved 2 June → asked 1, approved 2.
        assertThat(a.extensionsRequested()).isEqualTo(1);
        assertThat(a.extensionsApproved()).isEqualTo(2);
        assertThat(a.redProjects()).isEqualTo(1);
        assertThat(a.redProjectNames()).containsExactly("项目TZ-002");
        assertThat(a.noticesIssued()).isZero();
        // 40 × 1/3 + 60 × min(1, 2/3) − 5 × 1 − 3 × 2 = 13.33 + 40 − 5 − 6 = 42.33 → 42.3
        assertThat(a.score()).isEqualTo(42.3);
    }

    @Test
    void unitBOfTheSmallCityInJune() {
        Row b = row(compiler.compile(JUNE, COMPILED).units(), BulletinTestCity.UNIT_B);
        // TZ-004 completed 20 May → 竣工; TZ-005 储备; TZ-006 在谈; TZ-007 in operation since 15 January → 投产.
        assertThat(b.stages()).isEqualTo(new Stages(1, 1, 0, 0, 1, 1));
        // Planned to start by 30 June: TZ-004 (2025-04-01), TZ-007 (2024-02-01); TZ-005 has no date, TZ-006 is planned for September.
        assertThat(b.plannedStarts()).isEqualTo(2);
        assertThat(b.started()).isEqualTo(2);
        assertThat(b.startRate()).isEqualTo(1.0);
        // Plan 400 + 0 + 100 + 0 = 500; done: TZ-004's May report 400 (no June report: May's carries); 序时 500 × 6 / 12 = 250.
        assertThat(b.annualPlan()).isEqualTo(money("500.00"));
        assertThat(b.yearToDate()).isEqualTo(money("400.00"));
        assertThat(b.scheduleExpected()).isEqualTo(money("250.00"));
        assertThat(b.planRate()).isEqualTo(0.8);                     // 400 / 500
        assertThat(b.scheduleRate()).isEqualTo(1.6);                 // 400 / 250
        // Q1: 125 by 31 March, TZ-004's March report 150 → met. Q2: 250 by 30 June, 400 → met.
        assertThat(b.quarters()).extracting(Quarter::target, Quarter::done, Quarter::met).containsExactly(
                tuple(money("125.00"), money("150.00"), true),
                tuple(money("250.00"), money("400.00"), true));
        assertThat(b.currentQuarter().status()).isEqualTo("达成");
        // tz-task-c was detected on 30 June at 23:30, Beijing time: still June. tz-d4 is due only on 10 July.
        assertThat(b.overdueRecords()).isEqualTo(1);
        assertThat(b.overdueOpen()).isZero();
        // TZ-WT-3 reported 15 June, escalation asked 18 June, still open.
        assertThat(b.issuesReported()).isEqualTo(1);
        assertThat(b.issuesSolvedOnTime()).isZero();
        assertThat(b.escalations()).isEqualTo(1);
        assertThat(b.issuesOpen()).isEqualTo(1);
        assertThat(b.extensionsRequested()).isEqualTo(1);
        assertThat(b.extensionsApproved()).isZero();
        assertThat(b.redProjects()).isZero();                        // TZ-004 is yellow
        // 40 × 1 + 60 × min(1, 1.6) − 5 × 1 − 3 × 0 = 95
        assertThat(b.score()).isEqualTo(95.0);
    }

    @Test
    void theDistrictAddsUpBothUnits() {
        Row tz = row(compiler.compile(JUNE, COMPILED).districts(), BulletinTestCity.DISTRICT);
        assertThat(tz.name()).isEqualTo("TZ测试区");
        assertThat(tz.projects()).isEqualTo(7);
        assertThat(tz.stages()).isEqualTo(new Stages(1, 1, 2, 1, 1, 1));
        assertThat(tz.startRate()).isEqualTo(0.6);                   // (1 + 2) / (3 + 2)
        assertThat(tz.annualPlan()).isEqualTo(money("2600.00"));     // 2100 + 500
        assertThat(tz.yearToDate()).isEqualTo(money("1100.00"));     // 700 + 400
        assertThat(tz.scheduleExpected()).isEqualTo(money("1300.00"));
        assertThat(tz.planRate()).isEqualTo(0.4231);                 // 1100 / 2600 = 0.42307…
        assertThat(tz.scheduleRate()).isEqualTo(0.8462);             // 1100 / 1300 = 0.84615…
        // Q1: 650 by March, 0 + 150 done; Q2: 1300 by June, 1100 done.
        assertThat(tz.quarters()).extracting(Quarter::status).containsExactly("未达成（差 500.00 万元）", "未达成（差 200.00 万元）");
        assertThat(List.of(tz.overdueRecords(), tz.overdueOpen(), tz.issuesReported(), tz.issuesSolvedOnTime(),
                tz.issuesSolvedLate(), tz.escalations(), tz.issuesOpen(), tz.extensionsRequested(), tz.extensionsApproved(),
                tz.redProjects())).containsExactly(2, 2, 2, 1, 1, 2, 1, 2, 2, 1);
        // 40 × 0.6 + 60 × 0.84615 − 5 × 2 − 3 × 2 = 24 + 50.77 − 16 = 58.77 → 58.8
        assertThat(tz.score()).isEqualTo(58.8);
        assertThat(tz.rank()).isNull();
    }

    @Test
    void rankingAndLaggardsFollowTheRule() {
        BulletinFigures june = compiler.compile(JUNE, COMPILED);
        List<Row> units = june.units();
        Row a = row(units, BulletinTestCity.UNIT_A);
        Row b = row(units, BulletinTestCity.UNIT_B);
        assertThat(b.rank()).isLessThan(a.rank());                   // 95 before 42.3
        for (int i = 0; i < units.size(); i++) {
            assertThat(units.get(i).rank()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(units.get(i).score()).isLessThanOrEqualTo(units.get(i - 1).score());
            }
        }
        // The bottom tenth (rounded up); tza, last, is named with its red project TZ-002; never the top-ranked.
        assertThat(june.laggards()).extracting(BulletinFigures.Laggard::unitCode).doesNotContain(units.get(0).code());
        assertThat(june.laggards().size()).isLessThanOrEqualTo((units.size() * 3 + 9) / 10);
        assertThat(june.laggards()).filteredOn(l -> l.unitCode().equals(BulletinTestCity.UNIT_A)).singleElement()
                .satisfies(l -> assertThat(l.reasons()).contains("红灯项目 1 个：项目TZ-002"));
        assertThat(june.laggards()).extracting(BulletinFigures.Laggard::unitCode).doesNotContain(BulletinTestCity.UNIT_B);
        assertThat(june.quarterName()).isEqualTo("双过半");
        assertThat(june.scoreRule()).contains("40 × 开复工率").contains("后进单位");
    }

    @Test
    void supervisionNoticesAreCountedWhenTheLedgerHasThem() {
        Integer tables = jdbc.queryForObject("select count(*) from information_schema.tables where upper(table_name) = 'NOTICE'", Integer.class);
        assumeTrue(tables != null && tables > 0, "no notice table in this build");
        try {
            // Issued 10 June, due 17 June, never answered → issued and overdue at the month's end.
            notice(1, "TZ-001", BulletinTestCity.at(2026, 6, 10, 9, 0), BulletinTestCity.at(2026, 6, 17, 18, 0), null);
            // Issued 12 June, due 20 June, answered 25 June: late, but answered by the month's end.
            notice(2, "TZ-001", BulletinTestCity.at(2026, 6, 12, 9, 0), BulletinTestCity.at(2026, 6, 20, 18, 0), BulletinTestCity.at(2026, 6, 25, 9, 0));
            // Issued in May, due 8 June, answered only on 2 July → not issued in June, overdue at its end.
            notice(3, "TZ-004", BulletinTestCity.at(2026, 5, 29, 9, 0), BulletinTestCity.at(2026, 6, 8, 18, 0), BulletinTestCity.at(2026, 7, 2, 9, 0));
            BulletinFigures june = compiler.compile(JUNE, COMPILED);
            assertThat(june.noticesTracked()).isTrue();
            Row a = row(june.units(), BulletinTestCity.UNIT_A);
            Row b = row(june.units(), BulletinTestCity.UNIT_B);
            assertThat(List.of(a.noticesIssued(), a.noticesOverdue(), b.noticesIssued(), b.noticesOverdue())).containsExactly(2, 1, 0, 1);
            assertThat(row(june.districts(), BulletinTestCity.DISTRICT).noticesIssued()).isEqualTo(2);
        } finally {
            jdbc.update("delete from notice where notice_year = 9001");
        }
    }

    private void notice(int seq, String project, Timestamp issued, Timestamp due, Timestamp answered) {
        jdbc.update("""
                insert into notice (number, notice_year, notice_seq, project_code, task_id, item_name, item_kind, item_due_at,
                    unit_code, holder_user_id, issued_by, issued_at, requirement, due_at, status, answered_at, answer_count,
                    raised_to_leader)
                values (?, 9001, ?, ?, ?, '申报开工', 'MILESTONE', ?, 'tza', '', 'huangzh', ?, '限期整改', ?, ?, ?, ?, false)""",
                "TZ督办-" + seq, seq, project, "tz-notice-" + seq, issued, issued, due, answered == null ? "OPEN" : "ANSWERED",
                answered, answered == null ? 0 : 1);
    }

    @Test
    void inJulyTheThirdQuarterIsUnderWayAndTZ003HasStarted() {
        Row a = row(compiler.compile(YearMonth.of(2026, 7), COMPILED).units(), BulletinTestCity.UNIT_A);
        // TZ-003 started on 6 July: 2 of 3 started.
        assertThat(a.started()).isEqualTo(2);
        assertThat(a.startRate()).isEqualTo(0.6667);
        // July reports: TZ-001 900, TZ-003 50 → 950; Q3 攻坚: 2100 × 3 / 4 = 1575 by 30 September, under way: 950 / 1575 = 60%.
        Quarter q3 = a.currentQuarter();
        assertThat(q3.name()).isEqualTo("攻坚");
        assertThat(q3.target()).isEqualTo(money("1575.00"));
        assertThat(q3.done()).isEqualTo(money("950.00"));
        assertThat(q3.met()).isNull();
        assertThat(q3.status()).isEqualTo("进行中（已完成 60%）");
        assertThat(a.quarters()).hasSize(3);
    }
}
