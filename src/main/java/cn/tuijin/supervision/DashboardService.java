package cn.tuijin.supervision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.tuijin.deadline.DeadlineKind;
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

    DashboardService(JdbcTemplate jdbc, OverdueRepository overdue, EngineClock clock) {
        this.jdbc = jdbc;
        this.overdue = overdue;
        this.clock = clock;
    }

    public DashboardSummary summary() {
        Instant now = clock.now();
        Map<String, Integer> lights = new LinkedHashMap<>(Map.of("GREEN", 0, "YELLOW", 0, "RED", 0));
        jdbc.query("select coalesce(l.light, 'GREEN'), count(*) from project p left join project_light l on l.project_code = p.code group by coalesce(l.light, 'GREEN')",
                rs -> {
                    lights.put(rs.getString(1), rs.getInt(2));
                });
        int projects = lights.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Integer> byKind = new LinkedHashMap<>();
        overdue.countBy("d.kind", now).forEach((k, n) -> byKind.put(DeadlineKind.valueOf(k).label(), n));
        List<DashboardSummary.Row> districts = rows("""
                select d.code, d.name, p.code as project, coalesce(l.light, 'GREEN') as light, l.reason
                from district d left join project p on p.district_code = d.code
                left join project_light l on l.project_code = p.code order by d.code""", overdue.countBy("p.district_code", now));
        List<DashboardSummary.Row> units = rows("""
                select u.code, u.name, p.code as project, coalesce(l.light, 'GREEN') as light, l.reason
                from unit u left join project p on p.lead_unit_code = u.code
                left join project_light l on l.project_code = p.code order by u.code""", overdue.countBy("d.holder_unit_code", now));
        Boolean provisional = jdbc.queryForObject("select count(*) > 0 from task_deadline where status = 'OPEN' and provisional", Boolean.class);
        List<DashboardSummary.Leader> leaders = jdbc.query("select id, name from person where role = 'LEADER' order by id",
                (rs, i) -> new DashboardSummary.Leader(rs.getString(1), rs.getString(2)));
        return new DashboardSummary(now, projects, lights, overdue.count(OverdueFilter.NONE, now), byKind, districts, units,
                leaders, Boolean.TRUE.equals(provisional));
    }

    public List<OverdueItem> overdue(OverdueFilter filter, int offset, int limit) {
        return overdue.list(filter, clock.now(), offset, limit);
    }

    public int overdueCount(OverdueFilter filter) {
        return overdue.count(filter, clock.now());
    }

    /** Rows of (code, name, project, light, reason) folded into one row per code. */
    private List<DashboardSummary.Row> rows(String sql, Map<String, Integer> overdueByCode) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, List<String>> reasons = new HashMap<>();
        jdbc.query(sql, rs -> {
            String code = rs.getString(1);
            names.put(code, rs.getString(2));
            int[] c = counts.computeIfAbsent(code, k -> new int[3]);
            if (rs.getString(3) != null) {
                switch (rs.getString(4)) {
                    case "RED" -> {
                        c[2]++;
                        reasons.computeIfAbsent(code, k -> new ArrayList<>()).add(rs.getString(3) + "：" + rs.getString(5));
                    }
                    case "YELLOW" -> c[1]++;
                    default -> c[0]++;
                }
            }
        });
        List<DashboardSummary.Row> rows = new ArrayList<>();
        counts.forEach((code, c) -> rows.add(new DashboardSummary.Row(code, names.get(code), c[0], c[1], c[2],
                overdueByCode.getOrDefault(code, 0), String.join("\n", reasons.getOrDefault(code, List.of())))));
        return rows;
    }
}
