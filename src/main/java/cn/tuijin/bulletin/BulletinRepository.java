package cn.tuijin.bulletin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The table {@code bulletin}. A row is written when a bulletin is compiled and may be compiled again while it is
 * COMPILED; once PUBLISHED no statement here changes it.
 */
@Repository
class BulletinRepository {

    static final String COMPILED = "COMPILED";
    static final String PUBLISHED = "PUBLISHED";
    private static final String SUMMARY = "id, period, status, requested_by, process_instance_id, compiled_at, published_at,"
            + " project_count, number_year, number_seq";

    /** A stored bulletin; {@code figures} is null when only the summary was read; the number is 0 until published. */
    record Stored(long id, YearMonth period, String status, String requestedBy, String processInstanceId,
                  Instant compiledAt, Instant publishedAt, int projectCount, int numberYear, int numberSeq, String figures) {

        boolean published() {
            return PUBLISHED.equals(status);
        }

        /** The formal number, 〔2026〕第3期; null before publication. */
        String number() {
            return numberSeq == 0 ? null : "〔" + numberYear + "〕第" + numberSeq + "期";
        }
    }

    private final JdbcTemplate jdbc;

    BulletinRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(long id) {
        return jdbc.query("select " + SUMMARY + ", figures from bulletin where id = ?", (rs, i) -> map(rs, true), id)
                .stream().findFirst();
    }

    Optional<Stored> forPeriod(YearMonth period) {
        return jdbc.query("select " + SUMMARY + " from bulletin where period = ?", (rs, i) -> map(rs, false), period.toString())
                .stream().findFirst();
    }

    List<Stored> published() {
        return jdbc.query("select " + SUMMARY + " from bulletin where status = ? order by period desc",
                (rs, i) -> map(rs, false), PUBLISHED);
    }

    /** A new bulletin, compiled; a second one for the same period fails on the unique period. */
    long insertCompiled(YearMonth period, String requestedBy, String processInstanceId, Instant at, int projects, String figures) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into bulletin (period, status, requested_by, process_instance_id, compiled_at, project_count, figures)
                    values (?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
            ps.setString(1, period.toString());
            ps.setString(2, COMPILED);
            ps.setString(3, requestedBy);
            ps.setString(4, processInstanceId);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setInt(6, projects);
            ps.setString(7, figures);
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    /** Compiles a bulletin that was compiled but not published again; returns false if it has been published. */
    boolean recompile(long id, String requestedBy, String processInstanceId, Instant at, int projects, String figures) {
        return jdbc.update("""
                update bulletin set requested_by = ?, process_instance_id = ?, compiled_at = ?, project_count = ?, figures = ?
                where id = ? and status = ?""", requestedBy, processInstanceId, Timestamp.from(at), projects, figures, id, COMPILED) == 1;
    }

    /** A supervisor's request for the month, made by the process instance that compiles it. */
    void requested(String processInstanceId, YearMonth period, String requestedBy, Instant at) {
        jdbc.update("insert into bulletin_request (process_instance_id, period, requested_by, requested_at) values (?, ?, ?, ?)",
                processInstanceId, period.toString(), requestedBy, Timestamp.from(at));
    }

    /** Who asked the process instance for its bulletin, if a supervisor did. */
    Optional<String> requestedBy(String processInstanceId) {
        return jdbc.queryForList("select requested_by from bulletin_request where process_instance_id = ?", String.class,
                processInstanceId).stream().findFirst();
    }

    /**
     * Publishes a compiled bulletin under the next number of the year of publication; returns false if there was none
     * to publish (already published). Numbers are never reused: a published row is never deleted nor renumbered. Two
     * nodes publishing at once may read the same last number: the unique constraint (number_year, number_seq) refuses
     * the second, whose transaction rolls back (the publishing job is retried and takes the next number).
     */
    boolean publish(long id, Instant at, int year) {
        return jdbc.update("""
                update bulletin set status = ?, published_at = ?, number_year = ?,
                    number_seq = (select coalesce(max(b.number_seq), 0) + 1 from bulletin b where b.number_year = ?)
                where id = ? and status = ?""",
                PUBLISHED, Timestamp.from(at), year, year, id, COMPILED) == 1;
    }

    private static Stored map(ResultSet rs, boolean withFigures) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new Stored(rs.getLong("id"), YearMonth.parse(rs.getString("period").trim()), rs.getString("status"),
                rs.getString("requested_by"), rs.getString("process_instance_id"), rs.getTimestamp("compiled_at").toInstant(),
                published == null ? null : published.toInstant(), rs.getInt("project_count"), rs.getInt("number_year"),
                rs.getInt("number_seq"), withFigures ? rs.getString("figures") : null);
    }
}
