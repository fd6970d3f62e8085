package cn.tuijin.notice;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Supervision notices (督办单) for the bulletin, read from the table {@code notice} if the ledger has one. The table
 * belongs to the notices feature; the bulletin only counts its rows, so it looks the table and its columns up in the
 * database's catalogue once (on first use) and builds its queries from what it finds:
 * <ul>
 *     <li>who: {@code project_code} (counted through the project, like every other figure), else {@code unit_code}
 *     (counted for that unit only);</li>
 *     <li>when issued: the first of {@code issued_at}, {@code sent_at}, {@code created_at};</li>
 *     <li>overdue: {@code due_at} passed by the period's end without an answer, the first of {@code answered_at},
 *     {@code replied_at}, {@code rectified_at}, {@code closed_at}.</li>
 * </ul>
 * Without the table (or without a "who" and a "when" column) every count is 0 and the bulletin says so. With the
 * table of {@code V5__notices.sql} this reads project_code, issued_at, due_at (the current round's rectification
 * deadline) and answered_at (the latest answer).
 */
public class NoticeCounts {

    private static final List<String> ISSUED = List.of("issued_at", "sent_at", "created_at");
    private static final List<String> ANSWERED = List.of("answered_at", "replied_at", "rectified_at", "closed_at");

    /** The columns found; {@code who} is null when notices cannot be counted. */
    public record Schema(String who, boolean byProject, String issued, String due, String answered) {

        static final Schema NONE = new Schema(null, false, null, null, null);

        public boolean tracked() {
            return who != null;
        }
    }

    private final JdbcTemplate jdbc;
    private volatile Schema schema;

    public NoticeCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Schema schema() {
        Schema s = schema;
        if (s == null) {
            s = jdbc.execute((ConnectionCallback<Schema>) con -> lookUp(con.getMetaData()));
            schema = s;
        }
        return s;
    }

    /**
     * Counts notices issued in [from, to) and notices overdue at {@code to}; calls back with the project (or unit)
     * code, the number issued and the number overdue.
     */
    public void count(Timestamp from, Timestamp to, Counter counter) {
        Schema s = schema();
        if (!s.tracked()) {
            return;
        }
        jdbc.query("select " + s.who() + ", count(*) from notice where " + s.issued() + " >= ? and " + s.issued()
                        + " < ? and " + s.who() + " is not null group by " + s.who(),
                rs -> {
                    counter.add(rs.getString(1), rs.getInt(2), 0);
                }, from, to);
        if (s.due() != null && s.answered() != null) {
            jdbc.query("select " + s.who() + ", count(*) from notice where " + s.issued() + " < ? and " + s.due()
                            + " < ? and (" + s.answered() + " is null or " + s.answered() + " >= ?) and " + s.who()
                            + " is not null group by " + s.who(),
                    rs -> {
                        counter.add(rs.getString(1), 0, rs.getInt(2));
                    }, to, to, to);
        }
    }

    /** Receives the counts of one project or unit. */
    public interface Counter {
        void add(String code, int issued, int overdue);
    }

    private static Schema lookUp(DatabaseMetaData meta) throws SQLException {
        Set<String> columns = new HashSet<>();
        for (String table : List.of("NOTICE", "notice")) {
            try (ResultSet rs = meta.getColumns(null, null, table, null)) {
                while (rs.next()) {
                    String schemaName = rs.getString("TABLE_SCHEM");
                    if (schemaName == null || !schemaName.equalsIgnoreCase("INFORMATION_SCHEMA")) {
                        columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        String who = columns.contains("project_code") ? "project_code" : columns.contains("unit_code") ? "unit_code" : null;
        String issued = first(columns, ISSUED);
        if (who == null || issued == null) {
            return Schema.NONE;
        }
        return new Schema(who, who.equals("project_code"), issued, columns.contains("due_at") ? "due_at" : null,
                first(columns, ANSWERED));
    }

    private static String first(Set<String> columns, List<String> candidates) {
        return candidates.stream().filter(columns::contains).findFirst().orElse(null);
    }
}
