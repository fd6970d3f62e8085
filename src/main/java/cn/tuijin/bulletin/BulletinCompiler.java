package cn.tuijin.bulletin;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cn.tuijin.bulletin.BulletinTally.ProjectFacts;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.notice.NoticeCounts;
import cn.tuijin.project.Stage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Compiles a month's bulletin from the ledger: a handful of set-based queries (projects, the year's monthly reports,
 * then one grouped count per kind of event), added up per district, per lead unit and for the city, then the
 * ranking ({@link BulletinScore}). Every figure is counted through its project: a project's figures go to its
 * district and to its lead unit (牵头责任单位), the unit that answers for the project in the bulletin.
 *
 * <p>"At the period's end" means before the first moment of the next month, Beijing time; a project imported into the
 * ledger after it is not in the month's bulletin at all. A project's stage then is
 * read from its verified dates (signed, started, completed, in operation), never beyond its stage today; a project
 * without a verified signing is in reserve (储备) or negotiating (在谈) as the ledger says. Red projects are those
 * whose light is red when the bulletin is compiled. A deadline already past when its project was imported, recorded as
 * 导入前已逾期, is not lateness of the unit: it is left out of the overdue figures (and has no accountability record).
 */
@Component
public class BulletinCompiler {

    private final JdbcTemplate jdbc;
    private final NoticeCounts notices;

    public BulletinCompiler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.notices = new NoticeCounts(jdbc);
    }

    public BulletinFigures compile(YearMonth period, Instant compiledAt) {
        LocalDate periodEnd = period.atEndOfMonth();
        Timestamp from = Timestamp.from(period.atDay(1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant());
        Timestamp to = Timestamp.from(period.plusMonths(1).atDay(1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant());

        Map<String, ProjectFacts> projects = projects(periodEnd, to);
        reports(period, projects);
        perProject("select project_code, count(*) from accountability_record where detected_at >= ? and detected_at < ? group by project_code",
                projects, (p, n) -> p.overdueRecords += n, from, to);
        perProject("""
                select project_code, count(*) from task_deadline
                where created_at < ? and due_at < ? and (status = 'OPEN' or completed_at >= ?) and before_import = false
                  and not (status = 'OPEN' and paused_at is not null and paused_at < ?)
                group by project_code""", projects, (p, n) -> p.overdueOpen += n, to, to, to, to);
        perProject("select project_code, count(*) from issue where reported_at >= ? and reported_at < ? group by project_code",
                projects, (p, n) -> p.issuesReported += n, from, to);
        jdbc.query("""
                select i.project_code, case when exists (select 1 from issue_event e where e.issue_code = i.code
                    and e.kind = 'DEADLINE_MISSED') then 1 else 0 end from issue i where i.closed_at >= ? and i.closed_at < ?""",
                rs -> {
                    ProjectFacts p = projects.get(rs.getString(1));
                    if (p != null && rs.getInt(2) == 1) {
                        p.issuesSolvedLate++;
                    } else if (p != null) {
                        p.issuesSolvedOnTime++;
                    }
                }, from, to);
        perProject("""
                select i.project_code, count(*) from issue_event e join issue i on i.code = e.issue_code
                where e.kind in ('ESCALATION_REQUESTED', 'DEADLINE_MISSED') and e.occurred_at >= ? and e.occurred_at < ?
                group by i.project_code""", projects, (p, n) -> p.escalations += n, from, to);
        perProject("select project_code, count(*) from issue where reported_at < ? and (closed_at is null or closed_at >= ?) group by project_code",
                projects, (p, n) -> p.issuesOpen += n, to, to);
        perProject("select project_code, count(*) from extension_request where requested_at >= ? and requested_at < ? group by project_code",
                projects, (p, n) -> p.extensionsRequested += n, from, to);
        perProject("select project_code, count(*) from extension_request where status = 'APPROVED' and decided_at >= ? and decided_at < ? group by project_code",
                projects, (p, n) -> p.extensionsApproved += n, from, to);
        jdbc.query("select project_code from project_light where light = 'RED'", rs -> {
            ProjectFacts p = projects.get(rs.getString(1));
            if (p != null) {
                p.red = true;
            }
        });
        NoticeCounts.Schema noticeSchema = notices.schema();
        Map<String, int[]> noticesByUnit = new HashMap<>();
        notices.count(from, to, (code, issued, overdue) -> {
            if (noticeSchema.byProject()) {
                ProjectFacts p = projects.get(code);
                if (p != null) {
                    p.noticesIssued += issued;
                    p.noticesOverdue += overdue;
                }
            } else {
                int[] n = noticesByUnit.computeIfAbsent(code, k -> new int[2]);
                n[0] += issued;
                n[1] += overdue;
            }
        });
        return figures(period, periodEnd, compiledAt, noticeSchema.tracked(), projects, noticesByUnit);
    }

    private BulletinFigures figures(YearMonth period, LocalDate periodEnd, Instant compiledAt, boolean noticesTracked,
                                    Map<String, ProjectFacts> projects, Map<String, int[]> noticesByUnit) {
        BulletinTally city = new BulletinTally(period);
        Map<String, BulletinTally> districts = new TreeMap<>();
        Map<String, BulletinTally> units = new TreeMap<>();
        for (ProjectFacts p : projects.values()) {
            city.add(p);
            districts.computeIfAbsent(p.district, k -> new BulletinTally(period)).add(p);
            units.computeIfAbsent(p.unit, k -> new BulletinTally(period)).add(p);
        }
        noticesByUnit.forEach((unit, n) -> {
            BulletinTally t = units.get(unit);
            if (t != null) {
                t.addNotices(n[0], n[1]);
                city.addNotices(n[0], n[1]);
            }
        });
        Map<String, String> districtNames = names("select code, name from district");
        Map<String, String> unitNames = names("select code, name from unit");
        List<BulletinFigures.Row> districtRows = new ArrayList<>();
        districts.forEach((code, t) -> districtRows.add(t.row(code, districtNames.getOrDefault(code, code))));
        List<BulletinFigures.Row> unitRows = new ArrayList<>();
        units.forEach((code, t) -> unitRows.add(t.row(code, unitNames.getOrDefault(code, code))));
        unitRows.sort(BulletinScore.RANKING);
        List<BulletinFigures.Row> ranked = new ArrayList<>();
        for (int i = 0; i < unitRows.size(); i++) {
            ranked.add(unitRows.get(i).ranked(i + 1));
        }
        int quarter = (period.getMonthValue() + 2) / 3;
        return new BulletinFigures(period.toString(), periodEnd, quarter, BulletinFigures.QUARTER_NAMES.get(quarter - 1),
                compiledAt, noticesTracked, BulletinScore.RULE, city.row("city", "全市"), List.copyOf(districtRows),
                List.copyOf(ranked), laggards(ranked));
    }

    /**
     * The laggards, worst first, by {@link BulletinScore}'s rule: the bottom tenth of the ranking, and a unit with a red
     * project only if it ranks in the lower half and scores below the average; never the top-ranked unit, never more
     * than {@link BulletinScore#maxLaggards} units.
     */
    static List<BulletinFigures.Laggard> laggards(List<BulletinFigures.Row> ranked) {
        int n = ranked.size();
        int bottom = BulletinScore.bottomCount(n);
        int cap = BulletinScore.maxLaggards(n);
        double average = ranked.stream().mapToDouble(BulletinFigures.Row::score).average().orElse(0);
        List<BulletinFigures.Laggard> laggards = new ArrayList<>();
        for (int i = n - 1; i >= 1 && laggards.size() < cap; i--) {
            BulletinFigures.Row r = ranked.get(i);
            List<String> reasons = new ArrayList<>();
            boolean inBottom = i >= n - bottom;
            boolean lowerHalfBelowAverage = r.rank() > (n + 1) / 2 && r.score() < average;
            if (inBottom) {
                reasons.add("排名后 10%（第 " + r.rank() + " 名，共 " + n + " 个单位）");
            }
            if (r.redProjects() > 0 && (inBottom || lowerHalfBelowAverage)) {
                reasons.add("红灯项目 " + r.redProjects() + " 个：" + String.join("、", r.redProjectNames()));
            }
            if (!reasons.isEmpty()) {
                laggards.add(new BulletinFigures.Laggard(r.code(), r.name(), r.rank(), r.score(), List.copyOf(reasons)));
            }
        }
        return List.copyOf(laggards);
    }

    /** The projects in the ledger at the period's end: one imported after it is not counted (nor anything of it). */
    private Map<String, ProjectFacts> projects(LocalDate periodEnd, Timestamp end) {
        Map<String, ProjectFacts> projects = new LinkedHashMap<>();
        jdbc.query("""
                select code, name, district_code, lead_unit_code, annual_plan_investment, stage, planned_start_date,
                    actual_sign_date, actual_start_date, actual_completion_date, actual_operation_date
                from project where imported_at is null or imported_at < ? order by code""", rs -> {
            ProjectFacts p = new ProjectFacts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5));
            Stage now = Stage.valueOf(rs.getString(6));
            p.stage = stageAt(periodEnd, now, date(rs, 8), date(rs, 9), date(rs, 10), date(rs, 11));
            LocalDate plannedStart = date(rs, 7);
            p.plannedToStart = plannedStart != null && !plannedStart.isAfter(periodEnd);
            projects.put(p.code, p);
        }, end);
        return projects;
    }

    /**
     * The stage on the given day: the last milestone verified by then (a milestone reached without a recorded date
     * counts as reached), never beyond today's stage; before signing, reserve or negotiating as the ledger says.
     */
    static Stage stageAt(LocalDate day, Stage now, LocalDate signed, LocalDate started, LocalDate completed, LocalDate operating) {
        Stage at;
        if (reached(day, now, Stage.OPERATING, operating)) {
            at = Stage.OPERATING;
        } else if (reached(day, now, Stage.COMPLETED, completed)) {
            at = Stage.COMPLETED;
        } else if (reached(day, now, Stage.UNDER_CONSTRUCTION, started)) {
            at = Stage.UNDER_CONSTRUCTION;
        } else if (reached(day, now, Stage.SIGNED, signed)) {
            at = Stage.SIGNED;
        } else {
            at = now == Stage.RESERVE ? Stage.RESERVE : Stage.NEGOTIATING;
        }
        return at.compareTo(now) > 0 ? now : at;
    }

    private static boolean reached(LocalDate day, Stage now, Stage stage, LocalDate date) {
        return date != null ? !date.isAfter(day) : now.compareTo(stage) >= 0;
    }

    /** Each project's year-to-date investment per month of the period's year, up to the period. */
    private void reports(YearMonth period, Map<String, ProjectFacts> projects) {
        jdbc.query("select project_code, period, year_to_date from monthly_report where period >= ? and period <= ?", rs -> {
            ProjectFacts p = projects.get(rs.getString(1));
            if (p != null) {
                p.yearToDate[Integer.parseInt(rs.getString(2).substring(5, 7))] = rs.getBigDecimal(3);
            }
        }, period.getYear() + "-01", period.toString());
        for (ProjectFacts p : projects.values()) {
            p.carryForward(period.getMonthValue());
        }
    }

    private interface Add {
        void to(ProjectFacts project, int count);
    }

    private void perProject(String sql, Map<String, ProjectFacts> projects, Add add, Object... args) {
        jdbc.query(sql, rs -> {
            ProjectFacts p = projects.get(rs.getString(1));
            if (p != null) {
                add.to(p, rs.getInt(2));
            }
        }, args);
    }

    private Map<String, String> names(String sql) {
        Map<String, String> names = new HashMap<>();
        jdbc.query(sql, rs -> {
            names.put(rs.getString(1), rs.getString(2));
        });
        return names;
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }
}
