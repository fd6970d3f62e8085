package cn.tuijin.bulletin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import cn.tuijin.project.Stage;

/**
 * The figures of one district, unit or the city while a bulletin is compiled: the projects' figures added up.
 */
final class BulletinTally {

    /** What the bulletin knows of one project, as at the period's end. */
    static final class ProjectFacts {
        final String code;
        final String name;
        final String district;
        final String unit;
        final BigDecimal annualPlan;
        Stage stage;
        boolean plannedToStart;
        /** The year-to-date investment of the project's latest report up to each month of the year (index 1–12). */
        final BigDecimal[] yearToDate = new BigDecimal[13];
        int overdueRecords;
        int overdueOpen;
        int issuesReported;
        int issuesSolvedOnTime;
        int issuesSolvedLate;
        int escalations;
        int issuesOpen;
        int noticesIssued;
        int noticesOverdue;
        int extensionsRequested;
        int extensionsApproved;
        boolean red;

        ProjectFacts(String code, String name, String district, String unit, BigDecimal annualPlan) {
            this.code = code;
            this.name = name;
            this.district = district;
            this.unit = unit;
            this.annualPlan = annualPlan;
        }

        boolean started() {
            return stage.compareTo(Stage.UNDER_CONSTRUCTION) >= 0;
        }

        /** Carries each month's figure forward to the months without a report, up to the given month. */
        void carryForward(int upToMonth) {
            BigDecimal last = BigDecimal.ZERO;
            for (int m = 1; m <= upToMonth; m++) {
                if (yearToDate[m] == null) {
                    yearToDate[m] = last;
                } else {
                    last = yearToDate[m];
                }
            }
        }
    }

    private static final int MAX_RED_NAMES = 10;

    private final YearMonth period;
    private final int quarters;
    private int projects;
    private final int[] stages = new int[Stage.values().length];
    private int plannedStarts;
    private int started;
    private BigDecimal annualPlan = BigDecimal.ZERO;
    /** Done by the end of each quarter so far (the last: by the period's end). */
    private final BigDecimal[] quarterDone;
    private int overdueRecords;
    private int overdueOpen;
    private int issuesReported;
    private int issuesSolvedOnTime;
    private int issuesSolvedLate;
    private int escalations;
    private int issuesOpen;
    private int noticesIssued;
    private int noticesOverdue;
    private int extensionsRequested;
    private int extensionsApproved;
    private int red;
    private final List<String> redNames = new ArrayList<>();

    BulletinTally(YearMonth period) {
        this.period = period;
        this.quarters = (period.getMonthValue() + 2) / 3;
        this.quarterDone = new BigDecimal[quarters];
        Arrays.fill(quarterDone, BigDecimal.ZERO);
    }

    void add(ProjectFacts p) {
        projects++;
        stages[p.stage.ordinal()]++;
        if (p.plannedToStart) {
            plannedStarts++;
            if (p.started()) {
                started++;
            }
        }
        annualPlan = annualPlan.add(p.annualPlan);
        for (int q = 1; q <= quarters; q++) {
            quarterDone[q - 1] = quarterDone[q - 1].add(p.yearToDate[Math.min(3 * q, period.getMonthValue())]);
        }
        overdueRecords += p.overdueRecords;
        overdueOpen += p.overdueOpen;
        issuesReported += p.issuesReported;
        issuesSolvedOnTime += p.issuesSolvedOnTime;
        issuesSolvedLate += p.issuesSolvedLate;
        escalations += p.escalations;
        issuesOpen += p.issuesOpen;
        noticesIssued += p.noticesIssued;
        noticesOverdue += p.noticesOverdue;
        extensionsRequested += p.extensionsRequested;
        extensionsApproved += p.extensionsApproved;
        if (p.red) {
            red++;
            if (redNames.size() < MAX_RED_NAMES) {
                redNames.add(p.name);
            }
        }
    }

    /** Notices counted for a unit directly (when the notice table names units, not projects). */
    void addNotices(int issued, int overdue) {
        noticesIssued += issued;
        noticesOverdue += overdue;
    }

    BulletinFigures.Row row(String code, String name) {
        int month = period.getMonthValue();
        BigDecimal yearToDate = quarterDone[quarters - 1];
        BigDecimal schedule = money(annualPlan.multiply(BigDecimal.valueOf(month)).divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP));
        double startRate = share(started, plannedStarts);
        double scheduleRate = share(yearToDate, schedule);
        List<BulletinFigures.Quarter> q = new ArrayList<>();
        for (int i = 1; i <= quarters; i++) {
            q.add(quarter(i, month));
        }
        List<String> names = new ArrayList<>(redNames);
        if (red > names.size()) {
            names.add("等 " + red + " 个");
        }
        double score = BulletinScore.score(startRate, scheduleRate, overdueRecords, overdueOpen);
        return new BulletinFigures.Row(code, name, projects,
                new BulletinFigures.Stages(stages[0], stages[1], stages[2], stages[3], stages[4], stages[5]),
                plannedStarts, started, round(startRate), money(annualPlan), money(yearToDate), schedule,
                round(share(yearToDate, annualPlan)), round(scheduleRate), List.copyOf(q), overdueRecords, overdueOpen,
                issuesReported, issuesSolvedOnTime, issuesSolvedLate, escalations, issuesOpen, noticesIssued,
                noticesOverdue, extensionsRequested, extensionsApproved, red, List.copyOf(names), score, null);
    }

    /** Quarter q's share of the annual plan (q/4) against what was done by its end; open while under way. */
    private BulletinFigures.Quarter quarter(int q, int month) {
        BigDecimal target = money(annualPlan.multiply(BigDecimal.valueOf(q)).divide(BigDecimal.valueOf(4), 2, RoundingMode.HALF_UP));
        BigDecimal done = money(quarterDone[q - 1]);
        boolean ended = 3 * q <= month;
        boolean reached = done.compareTo(target) >= 0;
        String status;
        if (ended) {
            status = reached ? "达成" : "未达成（差 " + target.subtract(done).toPlainString() + " 万元）";
        } else {
            status = reached ? "进行中（已达到季度目标）"
                    : "进行中（已完成 " + Math.round(share(done, target) * 100) + "%）";
        }
        return new BulletinFigures.Quarter(q, BulletinFigures.QUARTER_NAMES.get(q - 1), target, done,
                ended ? reached : null, status);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 1.0 : (double) part / whole;
    }

    private static double share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? 1.0 : part.doubleValue() / whole.doubleValue();
    }

    private static double round(double share) {
        return Math.round(share * 10000) / 10000.0;
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
