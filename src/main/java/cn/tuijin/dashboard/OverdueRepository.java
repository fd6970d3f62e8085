package cn.tuijin.dashboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlineKind;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.TextInput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The overdue list: open, not paused task deadlines whose due date has passed, with their project and holder.
 * The list and its count share one WHERE clause, so the dashboard's counts match the list exactly (the summary counts
 * the items already past when their project was imported, 导入前已逾期, apart from the others).
 */
@Repository
class OverdueRepository {

    /** Each order ends in the task id, so that pages neither repeat nor skip items with equal keys. */
    private static final Map<String, String> ORDER = Map.of(
            "late", "d.due_at asc, d.task_id",
            "project", "d.project_code, d.due_at, d.task_id",
            "unit", "d.holder_unit_code, d.due_at, d.task_id",
            "kind", "d.kind, d.due_at, d.task_id",
            "district", "p.district_code, d.due_at, d.task_id");

    private final JdbcTemplate jdbc;
    private final WorkingDayCalendar calendar;

    OverdueRepository(JdbcTemplate jdbc, WorkingDayCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    List<OverdueItem> list(OverdueFilter f, Instant now, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(f, now, args);
        String order = ORDER.get(f.sort() == null ? "late" : f.sort());
        if (order == null) {
            throw new InvalidInputException("sort", "未知的排序方式「" + TextInput.shown(f.sort()) + "」（可选：late、project、unit、kind、district）");
        }
        args.add(offset);
        args.add(limit);
        LocalDate today = LocalDate.ofInstant(now, WorkingDayCalendar.ZONE);
        // The page's task ids first (filtered, sorted and cut in the index and the two tables), then the names for
        // those rows only: the database otherwise joins the names of every overdue item before it sorts them.
        return jdbc.query("""
                select d.task_id, d.process_instance_id, d.project_code, p.name as project_name, p.district_code,
                    dist.name as district_name, p.category, p.stage, p.leader_id, lp.name as leader_name, d.kind, d.task_name,
                    d.holder_unit_code, u.name as unit_name, d.holder_user_id, hp.name as holder_name, d.due_at, d.provisional,
                    d.before_import
                from (select d.task_id from task_deadline d join project p on p.code = d.project_code"""
                + where + " order by " + order + " offset ? rows fetch next ? rows only) page" + """

                join task_deadline d on d.task_id = page.task_id
                join project p on p.code = d.project_code
                left join district dist on dist.code = p.district_code
                left join person lp on lp.id = p.leader_id
                left join unit u on u.code = d.holder_unit_code
                left join person hp on hp.id = d.holder_user_id
                """ + " order by " + order, (rs, i) -> {
            Instant due = rs.getTimestamp("due_at").toInstant();
            DeadlineKind kind = DeadlineKind.valueOf(rs.getString("kind"));
            String taskId = rs.getString("task_id");
            String pi = rs.getString("process_instance_id");
            return new OverdueItem(taskId, pi, rs.getString("project_code"), rs.getString("project_name"),
                    rs.getString("district_code"), rs.getString("district_name"), rs.getString("category"), rs.getString("stage"),
                    rs.getString("leader_id"), rs.getString("leader_name"), kind.name(), kind.label(), rs.getString("task_name"),
                    rs.getString("holder_unit_code"), rs.getString("unit_name"), rs.getString("holder_user_id"),
                    rs.getString("holder_name"), due, Math.max(1, calendar.workingDaysBetween(LocalDate.ofInstant(due, WorkingDayCalendar.ZONE), today)),
                    rs.getBoolean("provisional"), rs.getBoolean("before_import"), "/camunda/app/tasklist/default/#/?task=" + taskId,
                    "/camunda/app/cockpit/default/#/process-instance/" + pi + "/runtime");
        }, args.toArray());
    }

    int count(OverdueFilter f, Instant now) {
        List<Object> args = new ArrayList<>();
        String where = where(f, now, args);
        Integer n = jdbc.queryForObject("select count(*) from task_deadline d join project p on p.code = d.project_code " + where,
                Integer.class, args.toArray());
        return n == null ? 0 : n;
    }

    /**
     * The overdue items counted by kind, district and holding unit at once (one pass; the dashboard's counts), those
     * already past at their project's import (导入前已逾期) apart.
     */
    List<OverdueCount> counts(Instant now, String leader) {
        List<Object> args = new ArrayList<>();
        String where = where(new OverdueFilter(null, null, leader, null, null, null, null), now, args);
        return jdbc.query("select d.kind, p.district_code, d.holder_unit_code, d.before_import, count(*) from task_deadline d"
                + " join project p on p.code = d.project_code" + where
                + " group by d.kind, p.district_code, d.holder_unit_code, d.before_import",
                (rs, i) -> new OverdueCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getInt(5)),
                args.toArray());
    }

    record OverdueCount(String kind, String district, String unit, boolean beforeImport, int count) {
    }

    private static String where(OverdueFilter f, Instant now, List<Object> args) {
        StringBuilder sql = new StringBuilder(" where d.status = 'OPEN' and d.paused_at is null and d.due_at < ?");
        args.add(Timestamp.from(now));
        add(sql, args, "p.district_code", f.district());
        add(sql, args, "d.holder_unit_code", f.unit());
        add(sql, args, "p.leader_id", f.leader());
        add(sql, args, "p.category", f.category());
        add(sql, args, "p.stage", f.stage());
        add(sql, args, "d.kind", f.kind());
        return sql.toString();
    }

    private static void add(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }
}
