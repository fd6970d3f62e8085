package cn.tuijin.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.tuijin.calendar.CalendarWarning;
import cn.tuijin.deadline.DeadlineKind;
import cn.tuijin.notification.NotificationStatus;
import cn.tuijin.system.EngineClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What the supervisor dashboard shows: the lights by district and unit, the overdue list, a project's timeline.
 * Reads the stored lights and the task_deadline table, never the engine's runtime tables.
 */
@Service
public class DashboardService {

    private final JdbcTemplate jdbc;
    private final OverdueRepository overdue;
    private final EngineClock clock;
    private final NotificationStatus notifications;
    private final CalendarWarning calendarWarning;

    DashboardService(JdbcTemplate jdbc, OverdueRepository overdue, EngineClock clock, NotificationStatus notifications,
                     CalendarWarning calendarWarning) {
        this.calendarWarning = calendarWarning;
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.overdue = overdue;
        this.clock = clock;
    }

    /**
     * The whole city's figures with the notices not yet delivered, or (leader not null) those of the projects that
     * contracting leader leads.
     */
    public DashboardSummary summary(String leader) {
        Instant now = clock.now();
        String ofLeader = leader == null ? "" : " and p.leader_id = ?";
        Object[] leaderArgs = leader == null ? new Object[0] : new Object[] {leader};
        // Projects are counted per district and lead unit from an index; only the yellow and red ones are read
        // (green = all − yellow − red; a project without a light is green).
        Map<String, Tally> districts = tallies("select code, name from district order by code");
        Map<String, Tally> units = tallies("select code, name from unit order by code");
        int[] total = new int[3];
        jdbc.query("select district_code, lead_unit_code, count(*) from project p where 1 = 1" + ofLeader
                + " group by district_code, lead_unit_code", rs -> {
            int n = rs.getInt(3);
            total[0] += n;
            tally(districts, rs.getString(1)).all += n;
            tally(units, rs.getString(2)).all += n;
        }, leaderArgs);
        jdbc.query("""
                select p.district_code, p.lead_unit_code, l.light, p.code, case when l.light = 'RED' then l.reason end
                from project_light l join project p on p.code = l.project_code
                where l.light in ('YELLOW', 'RED')""" + ofLeader + " order by p.code", rs -> {
            boolean red = "RED".equals(rs.getString(3));
            total[red ? 2 : 1]++;
            Tally d = tally(districts, rs.getString(1));
            Tally u = tally(units, rs.getString(2));
            if (red) {
                String reason = rs.getString(4) + "：" + rs.getString(5);
                d.red++;
                d.reasons.add(reason);
                u.red++;
                u.reasons.add(reason);
            } else {
                d.yellow++;
                u.yellow++;
            }
        }, leaderArgs);
        Map<String, Integer> lights = new LinkedHashMap<>();
        lights.put("GREEN", total[0] - total[1] - total[2]);
        lights.put("YELLOW", total[1]);
        lights.put("RED", total[2]);
        int overdueTotal = 0;
        int beforeImport = 0;
        Map<String, Integer> byKind = new LinkedHashMap<>();
        for (OverdueRepository.OverdueCount c : overdue.counts(now, leader)) {
            if (c.beforeImport()) {
                beforeImport += c.count();
                continue;
            }
            overdueTotal += c.count();
            byKind.merge(DeadlineKind.valueOf(c.kind()).label(), c.count(), Integer::sum);
            tally(districts, c.district()).overdue += c.count();
            tally(units, c.unit()).overdue += c.count();
        }
        // 催办 (the desk's table desk_urge): counted for the unit that held the task when it was urged.
        jdbc.query("select p.district_code, u.holder_unit_code, count(*) from desk_urge u join project p on p.code = u.project_code"
                + " where 1 = 1" + ofLeader + " group by p.district_code, u.holder_unit_code", rs -> {
            tally(districts, rs.getString(1)).urges += rs.getInt(3);
            tally(units, rs.getString(2)).urges += rs.getInt(3);
        }, leaderArgs);
        CalendarWarning.Status calendar = calendarWarning.current();
        List<DashboardSummary.Leader> leaders = jdbc.query("select id, name from person where role = 'LEADER'"
                + (leader == null ? "" : " and id = ?") + " order by id",
                (rs, i) -> new DashboardSummary.Leader(rs.getString(1), rs.getString(2)), leaderArgs);
        return new DashboardSummary(now, total[0], lights, overdueTotal, beforeImport, byKind, rows(districts), rows(units), leaders,
                calendar.provisionalDeadlines() > 0, calendar,
                leader == null ? notifications.backlog() : null);
    }

    public List<OverdueItem> overdue(OverdueFilter filter, int offset, int limit) {
        return overdue.list(filter, clock.now(), offset, limit);
    }

    public int overdueCount(OverdueFilter filter) {
        return overdue.count(filter, clock.now());
    }

    /** One district's or unit's projects by light, the overdue items it holds, the urges of its work, its red projects' reasons. */
    private static final class Tally {
        final String name;
        int all;
        int yellow;
        int red;
        int overdue;
        int urges;
        final List<String> reasons = new ArrayList<>();

        Tally(String name) {
            this.name = name;
        }
    }

    private Map<String, Tally> tallies(String sql) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            tallies.put(rs.getString(1), new Tally(rs.getString(2)));
        });
        return tallies;
    }

    /** The tally of a code; a code missing from its table (only overdue items can have one) is counted apart. */
    private static Tally tally(Map<String, Tally> tallies, String code) {
        Tally t = tallies.get(code);
        return t != null ? t : new Tally(code);
    }

    private static List<DashboardSummary.Row> rows(Map<String, Tally> tallies) {
        List<DashboardSummary.Row> rows = new ArrayList<>();
        tallies.forEach((code, t) -> rows.add(new DashboardSummary.Row(code, t.name, t.all - t.yellow - t.red, t.yellow, t.red,
                t.overdue, t.urges, String.join("\n", t.reasons))));
        return rows;
    }
}
