package cn.tuijin.calendar;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The years of the working-day calendar an administrator added or corrected (table {@code calendar_year}), each as
 * the JSON of the calendar file format. {@code "year"} is quoted: YEAR is a keyword in H2.
 */
@Repository
public class CalendarYearRepository {

    /** The longest JSON a year may have (the column's length). */
    public static final int MAX_DATA_LENGTH = 20000;

    private final JdbcTemplate jdbc;

    CalendarYearRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored year: its JSON, who stored it and when. */
    public record StoredYear(int year, String data, String updatedBy, Instant updatedAt) {
    }

    public List<StoredYear> findAll() {
        return jdbc.query("select \"year\", data, updated_by, updated_at from calendar_year order by \"year\"",
                CalendarYearRepository::row);
    }

    public Optional<StoredYear> find(int year) {
        return jdbc.query("select \"year\", data, updated_by, updated_at from calendar_year where \"year\" = ?",
                CalendarYearRepository::row, year).stream().findFirst();
    }

    /** Inserts the year or replaces its data; a concurrent first insert of the same year turns into an update. */
    public void save(int year, String data, String updatedBy, Instant updatedAt) {
        if (update(year, data, updatedBy, updatedAt) > 0) {
            return;
        }
        try {
            jdbc.update("insert into calendar_year (\"year\", data, updated_by, updated_at) values (?, ?, ?, ?)",
                    year, data, updatedBy, Timestamp.from(updatedAt));
        } catch (DuplicateKeyException e) {
            update(year, data, updatedBy, updatedAt);
        }
    }

    private int update(int year, String data, String updatedBy, Instant updatedAt) {
        return jdbc.update("update calendar_year set data = ?, updated_by = ?, updated_at = ? where \"year\" = ?",
                data, updatedBy, Timestamp.from(updatedAt), year);
    }

    private static StoredYear row(ResultSet rs, int i) throws SQLException {
        return new StoredYear(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
    }
}
