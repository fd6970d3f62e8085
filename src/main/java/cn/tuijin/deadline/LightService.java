package cn.tuijin.deadline;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Unit;
import cn.tuijin.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

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

    private final JdbcTemplate jdbc;
    private final TaskDeadlineRepository deadlines;
    private final WorkingDayCalendar calendar;
    private final LightPolicy policy;
    private final OrgDirectory org;
    private final EngineClock clock;

    LightService(JdbcTemplate jdbc, TaskDeadlineRepository deadlines, WorkingDayCalendar calendar, LightPolicy policy,
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
        return jdbc.query("select * from project_light where project_code = ?", (rs, i) -> new ProjectLight(
                        rs.getString("project_code"), Light.valueOf(rs.getString("light")), rs.getString("reason"),
                        rs.getBoolean("provisional"), rs.getTimestamp("updated_at").toInstant()), projectCode)
                .stream().findFirst()
                .orElseGet(() -> new ProjectLight(projectCode, Light.GREEN, "按计划推进", false, null));
    }

    /** Recomputes the project's light and stores it if it changed; returns the light. */
    public ProjectLight refresh(String projectCode) {
        ProjectLight now = compute(projectCode);
        ProjectLight stored = get(projectCode);
        if (stored.updatedAt() == null || stored.light() != now.light() || !stored.reason().equals(now.reason())
                || stored.provisional() != now.provisional()) {
            store(now);
        }
        return now;
    }

    /**
     * Recomputes every project's light; returns how many stored lights were of the wrong colour (each is logged).
     * Reasons are refreshed too (the working days late grow by themselves).
     */
    public int reconcile() {
        int corrected = 0;
        for (String code : jdbc.queryForList("select code from project order by code", String.class)) {
            ProjectLight stored = get(code);
            ProjectLight actual = compute(code);
            boolean wrong = stored.light() != actual.light();
            if (wrong) {
                log.warn("红黄绿灯核对：项目 {} 由{}更正为{}（{}）", code, stored.light().label(), actual.light().label(), actual.reason());
                corrected++;
            }
            if (wrong || !stored.reason().equals(actual.reason()) || stored.provisional() != actual.provisional()) {
                store(actual);
            }
        }
        log.info("红黄绿灯核对完成：更正 {} 个项目", corrected);
        return corrected;
    }

    ProjectLight compute(String projectCode) {
        Instant now = clock.now();
        List<String> red = new ArrayList<>();
        List<String> yellow = new ArrayList<>();
        boolean provisional = false;
        for (TaskDeadline d : deadlines.openForProject(projectCode)) {
            if (d.paused()) {
                continue;
            }
            provisional |= d.provisional();
            String who = unitName(d.holderUnitCode());
            if (d.dueAt().isBefore(now)) {
                int late = Math.max(1, calendar.workingDaysBetween(day(d.dueAt()), day(now)));
                red.add("「" + d.taskName() + "」已逾期 " + late + " 个工作日（" + who + "）");
            } else if (d.warnAt() != null && !d.warnAt().isAfter(now)) {
                yellow.add("「" + d.taskName() + "」将于" + DAY.format(day(d.dueAt())) + "到期（" + who + "）");
            }
        }
        for (String issue : jdbc.queryForList("select code from issue where project_code = ? and current_level = 3 and status <> 'CLOSED' order by code",
                String.class, projectCode)) {
            red.add("问题 " + issue + " 已提交推进委员会");
        }
        investmentLag(projectCode).ifPresent(lag -> {
            String text = "本年完成投资 " + lag.yearToDate.toPlainString() + " 万元，为序时进度 " + lag.expected.toPlainString()
                    + " 万元的 " + Math.round(lag.ratio * 100) + "%";
            if (1 - lag.ratio > policy.redLag()) {
                red.add(text);
            } else if (1 - lag.ratio > policy.yellowLag()) {
                yellow.add(text);
            }
        });
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

    /** The latest monthly report of this year against the time-proportional schedule. */
    private Optional<Lag> investmentLag(String projectCode) {
        int year = clock.today().getYear();
        return jdbc.query("""
                        select year_to_date, schedule_expected from monthly_report
                        where project_code = ? and period >= ? order by period desc fetch first 1 rows only""",
                (rs, i) -> {
                    BigDecimal ytd = rs.getBigDecimal(1);
                    BigDecimal expected = rs.getBigDecimal(2);
                    double ratio = expected.signum() == 0 ? 1.0 : ytd.doubleValue() / expected.doubleValue();
                    return new Lag(ytd, expected, ratio);
                }, projectCode, year + "-01").stream().findFirst();
    }

    private void store(ProjectLight light) {
        int updated = jdbc.update("update project_light set light = ?, reason = ?, provisional = ?, updated_at = ? where project_code = ?",
                light.light().name(), light.reason(), light.provisional(), Timestamp.from(light.updatedAt()), light.projectCode());
        if (updated == 0) {
            jdbc.update("insert into project_light (project_code, light, reason, provisional, updated_at) values (?, ?, ?, ?, ?)",
                    light.projectCode(), light.light().name(), light.reason(), light.provisional(), Timestamp.from(light.updatedAt()));
        }
    }

    private String unitName(String code) {
        return org.unit(code).map(Unit::name).orElse(code);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, WorkingDayCalendar.ZONE);
    }
}
