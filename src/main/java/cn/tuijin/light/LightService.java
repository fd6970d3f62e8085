package cn.tuijin.light;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlineTracker;
import cn.tuijin.deadline.DeadlinesChanged;
import cn.tuijin.deadline.TaskDeadline;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Unit;
import cn.tuijin.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Computes and keeps each project's traffic light. Red: a deadline has passed (a claim, an approval, a report, an
 * issue's level), an issue of the project is with the committee, or investment lags the schedule by more than the
 * red tolerance. Yellow: a deadline is in its warning window, or the lag exceeds the yellow tolerance.
 * Green otherwise. Refreshed by the events that change it; read from the table.
 */
@Service
public class LightService {

    private static final Logger log = LoggerFactory.getLogger(LightService.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");
    /** Projects whose lights are computed together (the bound parameters of one IN list). */
    private static final int BATCH = 200;

    private final JdbcTemplate jdbc;
    private final DeadlineTracker deadlines;
    private final WorkingDayCalendar calendar;
    private final LightPolicy policy;
    private final OrgDirectory org;
    private final EngineClock clock;

    LightService(JdbcTemplate jdbc, DeadlineTracker deadlines, WorkingDayCalendar calendar, LightPolicy policy,
                 OrgDirectory org, EngineClock clock) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.calendar = calendar;
        this.policy = policy;
        this.org = org;
        this.clock = clock;
    }

    /** The stored light of a project (green if nothing was ever stored: no deadline, no report). */
    public ProjectLight get(String projectCode) {
        return jdbc.query("select * from project_light where project_code = ?", (rs, i) -> storedLight(rs), projectCode)
                .stream().findFirst()
                .orElseGet(() -> new ProjectLight(projectCode, Light.GREEN, "按计划推进", false, null));
    }

    /** The deadlines of these projects changed: their lights are recomputed before the transaction commits. */
    @EventListener
    void deadlinesChanged(DeadlinesChanged changed) {
        changed.projectCodes().forEach(this::refreshAtCommit);
    }

    /**
     * Recomputes the project's light before the current transaction commits, together with every other project whose
     * light this transaction asked for (a step that closes one task and opens the next asks twice, computed once);
     * at once when there is no transaction.
     */
    public void refreshAtCommit(String projectCode) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            refresh(projectCode);
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> asked = (Set<String>) TransactionSynchronizationManager.getResource(this);
        if (asked == null) {
            Set<String> codes = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(this, codes);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    refresh(codes);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(LightService.this);
                }
            });
            asked = codes;
        }
        asked.add(projectCode);
    }

    /** Recomputes the project's light and stores it if it changed; returns the light. */
    public ProjectLight refresh(String projectCode) {
        return refresh(List.of(projectCode)).get(0);
    }

    /**
     * Recomputes the lights of several projects in a few statements (their open deadlines, committee issues, latest
     * reports and stored lights, each read at once) and stores those that changed; returns them in the given order.
     */
    public List<ProjectLight> refresh(Collection<String> projectCodes) {
        return recompute(List.copyOf(new LinkedHashSet<>(projectCodes))).stream().map(Recomputed::now).toList();
    }

    /**
     * Recomputes every project's light; returns how many stored lights were of the wrong colour (each is logged).
     * Reasons are refreshed too (the working days late grow by themselves).
     */
    public int reconcile() {
        int corrected = 0;
        for (Recomputed r : recompute(jdbc.queryForList("select code from project order by code", String.class))) {
            Light before = r.before() == null ? Light.GREEN : r.before().light();
            if (before != r.now().light()) {
                log.warn("红黄绿灯核对：项目 {} 由{}更正为{}（{}）", r.now().projectCode(), before.label(), r.now().light().label(), r.now().reason());
                corrected++;
            }
        }
        log.info("红黄绿灯核对完成：更正 {} 个项目", corrected);
        return corrected;
    }

    /** A project's light as stored before (null if never stored) and as computed now. */
    private record Recomputed(ProjectLight before, ProjectLight now) {
    }

    /** Computes the lights of these projects, a batch at a time, and stores those that changed or were never stored. */
    private List<Recomputed> recompute(List<String> codes) {
        List<Recomputed> result = new ArrayList<>(codes.size());
        for (int from = 0; from < codes.size(); from += BATCH) {
            List<String> part = codes.subList(from, Math.min(codes.size(), from + BATCH));
            Inputs in = read(part);
            Map<String, ProjectLight> stored = stored(part);
            List<ProjectLight> changed = new ArrayList<>();
            List<ProjectLight> added = new ArrayList<>();
            for (String code : part) {
                ProjectLight now = compute(code, in);
                ProjectLight before = stored.get(code);
                if (before == null) {
                    added.add(now);
                } else if (before.light() != now.light() || !before.reason().equals(now.reason())
                        || before.provisional() != now.provisional()) {
                    changed.add(now);
                }
                result.add(new Recomputed(before, now));
            }
            store(changed, added);
        }
        return result;
    }

    /** What the lights of some projects depend on, read at once. */
    private record Inputs(Map<String, List<TaskDeadline>> deadlines, Map<String, List<String>> committeeIssues,
                          Map<String, Lag> lags, Map<String, String> unitNames) {
    }

    private Inputs read(List<String> codes) {
        Object[] args = codes.toArray();
        String in = marks(codes.size());
        Map<String, List<TaskDeadline>> deadlines = new HashMap<>();
        for (TaskDeadline d : this.deadlines.openFor(codes)) {
            deadlines.computeIfAbsent(d.projectCode(), k -> new ArrayList<>()).add(d);
        }
        Map<String, List<String>> issues = new HashMap<>();
        jdbc.query("select project_code, code from issue where project_code in (" + in + ") and current_level = 3 and status <> 'CLOSED' order by code",
                rs -> {
                    issues.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }, args);
        // The latest monthly report of this year of each project.
        Map<String, Lag> lags = new HashMap<>();
        Object[] reportArgs = new Object[args.length + 1];
        System.arraycopy(args, 0, reportArgs, 0, args.length);
        reportArgs[args.length] = clock.today().getYear() + "-01";
        jdbc.query("select project_code, year_to_date, schedule_expected from monthly_report where project_code in (" + in
                        + ") and period >= ? order by period desc",
                rs -> {
                    BigDecimal ytd = rs.getBigDecimal(2);
                    BigDecimal expected = rs.getBigDecimal(3);
                    double ratio = expected.signum() == 0 ? 1.0 : ytd.doubleValue() / expected.doubleValue();
                    lags.putIfAbsent(rs.getString(1), new Lag(ytd, expected, ratio));
                }, reportArgs);
        return new Inputs(deadlines, issues, lags, new HashMap<>());
    }

    private ProjectLight compute(String projectCode, Inputs in) {
        Instant now = clock.now();
        List<String> red = new ArrayList<>();
        List<String> yellow = new ArrayList<>();
        boolean provisional = false;
        for (TaskDeadline d : in.deadlines().getOrDefault(projectCode, List.of())) {
            if (d.paused()) {
                continue;
            }
            provisional |= d.provisional();
            String who = in.unitNames().computeIfAbsent(d.holderUnitCode(), this::unitName);
            if (d.dueAt().isBefore(now) && d.beforeImport()) {
                // Already past when the project was imported (导入前已逾期): to be seen to, not the unit's lateness.
                yellow.add("「" + d.taskName() + "」导入前已逾期（计划" + DAY.format(day(d.dueAt())) + "，" + who + "）");
            } else if (d.dueAt().isBefore(now)) {
                int late = Math.max(1, calendar.workingDaysBetween(day(d.dueAt()), day(now)));
                red.add("「" + d.taskName() + "」已逾期 " + late + " 个工作日（" + who + "）");
            } else if (d.warnAt() != null && !d.warnAt().isAfter(now)) {
                yellow.add("「" + d.taskName() + "」将于" + DAY.format(day(d.dueAt())) + "到期（" + who + "）");
            }
        }
        for (String issue : in.committeeIssues().getOrDefault(projectCode, List.of())) {
            red.add("问题 " + issue + " 已提交推进委员会");
        }
        Lag lag = in.lags().get(projectCode);
        if (lag != null) {
            String text = "本年完成投资 " + lag.yearToDate.toPlainString() + " 万元，为序时进度 " + lag.expected.toPlainString()
                    + " 万元的 " + Math.round(lag.ratio * 100) + "%";
            if (1 - lag.ratio > policy.redLag()) {
                red.add(text);
            } else if (1 - lag.ratio > policy.yellowLag()) {
                yellow.add(text);
            }
        }
        Light light = !red.isEmpty() ? Light.RED : !yellow.isEmpty() ? Light.YELLOW : Light.GREEN;
        List<String> reasons = new ArrayList<>(red);
        reasons.addAll(yellow);
        String reason = reasons.isEmpty() ? "按计划推进" : String.join("；", reasons);
        if (reason.length() > 2000) {
            reason = reason.substring(0, 1990) + "……";
        }
        return new ProjectLight(projectCode, light, reason, provisional, now);
    }

    private record Lag(BigDecimal yearToDate, BigDecimal expected, double ratio) {
    }

    private void store(List<ProjectLight> changed, List<ProjectLight> added) {
        if (!changed.isEmpty()) {
            jdbc.batchUpdate("update project_light set light = ?, reason = ?, provisional = ?, updated_at = ? where project_code = ?",
                    changed.stream().map(l -> new Object[] {l.light().name(), l.reason(), l.provisional(),
                            Timestamp.from(l.updatedAt()), l.projectCode()}).toList());
        }
        for (ProjectLight l : added) {
            // Two transactions may both find no row: the second insert fails on the key, and its work is retried.
            jdbc.update("insert into project_light (project_code, light, reason, provisional, updated_at) values (?, ?, ?, ?, ?)",
                    l.projectCode(), l.light().name(), l.reason(), l.provisional(), Timestamp.from(l.updatedAt()));
        }
    }

    private Map<String, ProjectLight> stored(List<String> codes) {
        Map<String, ProjectLight> stored = new HashMap<>();
        jdbc.query("select * from project_light where project_code in (" + marks(codes.size()) + ")",
                rs -> {
                    ProjectLight l = storedLight(rs);
                    stored.put(l.projectCode(), l);
                }, codes.toArray());
        return stored;
    }

    private static ProjectLight storedLight(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ProjectLight(rs.getString("project_code"), Light.valueOf(rs.getString("light")), rs.getString("reason"),
                rs.getBoolean("provisional"), rs.getTimestamp("updated_at").toInstant());
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private String unitName(String code) {
        return org.unit(code).map(Unit::name).orElse(code);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, WorkingDayCalendar.ZONE);
    }
}
