package cn.tuijin.bulletin;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The figures of one month's bulletin (通报), as compiled and then published: what the JSON, the workbook and the
 * printable page show. Investment in 万元; rates are shares (0.25 = 25%), rounded to four decimals.
 *
 * @param period       the month reported on, yyyy-MM
 * @param periodEnd    its last day: stages, start rate, open deadlines and open issues are as at the end of that day
 * @param quarter      the quarter the month is in (1–4) and its target's name (开门红, 双过半, 攻坚, 收官)
 * @param noticesTracked whether the ledger has supervision notices (table {@code notice}); without it they count 0
 * @param scoreRule    the scoring and laggard rule in Chinese, as printed on the bulletin
 * @param city         the whole city
 * @param districts    per district (区县), by code
 * @param units        per lead unit (牵头责任单位), in ranking order
 * @param laggards     后进单位: the bottom of the ranking and every unit with a red project, worst first
 */
public record BulletinFigures(String period, LocalDate periodEnd, int quarter, String quarterName, Instant compiledAt,
                              boolean noticesTracked, String scoreRule, Row city, List<Row> districts, List<Row> units,
                              List<Laggard> laggards) {

    /** The names of the quarter targets: Q1 开门红, Q2 双过半, Q3 攻坚, Q4 收官. */
    public static final List<String> QUARTER_NAMES = List.of("开门红", "双过半", "攻坚", "收官");

    /** Projects by stage at the period's end. */
    public record Stages(int reserve, int negotiating, int signed, int underConstruction, int completed, int operating) {
    }

    /**
     * One quarter of the year against its share of the annual plan (quarter q: q/4 of it by the quarter's end).
     *
     * @param done investment done this year by the quarter's end (or by the period's end, for the quarter under way)
     * @param met  whether the share was reached; null while the quarter is under way
     */
    public record Quarter(int quarter, String name, BigDecimal target, BigDecimal done, Boolean met, String status) {
    }

    /**
     * The figures of a district, a unit or the city. Everything is counted through the projects: a project's figures
     * go to its district and to its lead unit.
     *
     * @param plannedStarts      projects planned to have started by the period's end (the start rate's denominator)
     * @param started            of those, the ones under construction or beyond at the period's end
     * @param yearToDate         investment done this year: each project's latest monthly report of the year up to the period
     * @param scheduleExpected   序时进度: annual plan × month / 12
     * @param overdueRecords     accountability records (问责依据) detected during the month
     * @param overdueOpen        deadlines passed and still not met at the period's end
     * @param issuesSolvedOnTime issues closed during the month without a missed level deadline
     * @param issuesSolvedLate   issues closed during the month after a missed level deadline
     * @param escalations        issue escalations during the month (asked for, or by a missed deadline)
     * @param issuesOpen         issues reported by the period's end and not closed by then
     * @param noticesIssued      supervision notices (督办单) issued during the month
     * @param noticesOverdue     notices whose answer was due by the period's end and had not come
     * @param extensionsApproved extension requests approved during the month
     * @param redProjects        projects whose light is red when the bulletin is compiled
     * @param redProjectNames    their names (at most ten, then "等 N 个")
     * @param score              the ranking score (see {@link BulletinScore})
     * @param rank               the unit's place in the ranking; null for districts and the city
     */
    public record Row(String code, String name, int projects, Stages stages, int plannedStarts, int started,
                      double startRate, BigDecimal annualPlan, BigDecimal yearToDate, BigDecimal scheduleExpected,
                      double planRate, double scheduleRate, List<Quarter> quarters, int overdueRecords, int overdueOpen,
                      int issuesReported, int issuesSolvedOnTime, int issuesSolvedLate, int escalations, int issuesOpen,
                      int noticesIssued, int noticesOverdue, int extensionsRequested, int extensionsApproved,
                      int redProjects, List<String> redProjectNames, double score, Integer rank) {

        Row ranked(int place) {
            return new Row(code, name, projects, stages, plannedStarts, started, startRate, annualPlan, yearToDate,
                    scheduleExpected, planRate, scheduleRate, quarters, overdueRecords, overdueOpen, issuesReported,
                    issuesSolvedOnTime, issuesSolvedLate, escalations, issuesOpen, noticesIssued, noticesOverdue,
                    extensionsRequested, extensionsApproved, redProjects, redProjectNames, score, place);
        }

        /** The quarter the period is in. */
        public Quarter currentQuarter() {
            return quarters.get(quarters.size() - 1);
        }
    }

    /** A unit named as a laggard (后进单位), with why. */
    public record Laggard(String unitCode, String unitName, int rank, double score, List<String> reasons) {
    }
}
