package cn.tuijin.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the import and the export read across all projects in one query each (codes, cooperating units, overdue
 * deadlines), rather than one query per project.
 */
@Repository
class LedgerQueries {

    private final JdbcTemplate jdbc;

    LedgerQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> projectCodes() {
        return new HashSet<>(jdbc.queryForList("select code from project", String.class));
    }

    /** Cooperating unit codes per project code. */
    Map<String, List<String>> cooperatingUnits() {
        Map<String, List<String>> units = new HashMap<>();
        jdbc.query("select project_code, unit_code from project_cooperating_unit order by project_code, unit_code",
                rs -> {
                    units.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return units;
    }

    /** Per project, the open task deadlines already passed (due_at before now; a paused clock does not count). */
    Map<String, Integer> overdueCounts(Instant now) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query("select project_code, count(*) from task_deadline where status = 'OPEN' and paused_at is null and due_at < ? group by project_code",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, Timestamp.from(now));
        return counts;
    }
}
