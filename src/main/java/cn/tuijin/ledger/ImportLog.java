package cn.tuijin.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The record of committed ledger imports: who, when, which file (name and SHA-256), and per project whether it was
 * created, updated (which columns) or left as it was, and what the project office chose for the milestones already
 * past (导入前已逾期 or charged). Append-only.
 */
@Repository
class ImportLog {

    /**
     * One import as the API lists it. {@code lifecycles}: how many lifecycles it starts; {@code lifecyclesStarted}: how
     * many run by now; {@code lifecyclesFailed}: how many could not start yet (tried again every ten minutes).
     */
    record Entry(long id, String importedBy, Instant importedAt, String fileName, String fileSha256, String sheetName,
                 int rows, int created, int updated, int unchanged, int pastDeadlines, String pastDeadlinesMode,
                 int lifecycles, int lifecyclesStarted, int lifecyclesFailed) {
    }

    private static final String ENTRIES = """
            select i.*, (select count(*) from ledger_import_start s where s.import_id = i.id and s.started_at is null) as queued,
                (select count(s.failed_at) from ledger_import_start s where s.import_id = i.id and s.started_at is null) as failed
            from ledger_import i""";

    private final JdbcTemplate jdbc;

    ImportLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long record(String user, Instant at, String fileName, String sha256, ImportResult result, PastDeadlines pastDeadlines) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement s = con.prepareStatement("""
                    insert into ledger_import (imported_by, imported_at, file_name, file_sha256, sheet_name, row_count,
                        created_count, updated_count, unchanged_count, past_deadline_count, past_deadlines_mode, lifecycle_count)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    new String[] {"id"});
            s.setString(1, user);
            s.setTimestamp(2, Timestamp.from(at));
            s.setString(3, fileName == null ? null : truncate(fileName, 255));
            s.setString(4, sha256);
            s.setString(5, result.sheet() == null ? null : truncate(result.sheet(), 255));
            s.setInt(6, result.rows());
            s.setInt(7, result.created().size());
            s.setInt(8, result.updated().size());
            s.setInt(9, result.unchanged().size());
            s.setInt(10, result.pastDeadlines());
            s.setString(11, pastDeadlines.name());
            s.setInt(12, result.lifecycles());
            return s;
        }, key);
        long id = Objects.requireNonNull(key.getKey()).longValue();
        List<Object[]> rows = new ArrayList<>();
        result.created().forEach(c -> rows.add(new Object[] {id, c.code(), c.row(), "CREATED", null}));
        result.updated().forEach(u -> rows.add(new Object[] {id, u.code(), u.row(), "UPDATED", truncate(String.join("、", u.changes()), 1000)}));
        result.unchanged().forEach(u -> rows.add(new Object[] {id, u.code(), u.row(), "UNCHANGED", null}));
        jdbc.batchUpdate("insert into ledger_import_project (import_id, project_code, sheet_row, action, changes) values (?, ?, ?, ?, ?)", rows);
        return id;
    }

    List<Entry> recent(int limit) {
        return jdbc.query(ENTRIES + " order by i.id desc fetch first ? rows only", ImportLog::entry, limit);
    }

    Optional<Entry> find(long id) {
        return jdbc.query(ENTRIES + " where i.id = ?", ImportLog::entry, id).stream().findFirst();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        int lifecycles = rs.getInt("lifecycle_count");
        return new Entry(rs.getLong("id"), rs.getString("imported_by"), rs.getTimestamp("imported_at").toInstant(),
                rs.getString("file_name"), rs.getString("file_sha256"), rs.getString("sheet_name"), rs.getInt("row_count"),
                rs.getInt("created_count"), rs.getInt("updated_count"), rs.getInt("unchanged_count"),
                rs.getInt("past_deadline_count"), rs.getString("past_deadlines_mode"), lifecycles,
                lifecycles - rs.getInt("queued"), rs.getInt("failed"));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
