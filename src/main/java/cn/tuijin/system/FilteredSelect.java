package cn.tuijin.system;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A list of the API as SQL: a select with a fixed condition (who may see what), the optional filters its caller gave
 * (a filter left out, null, adds nothing) and a page in a fixed order. Column names and the order come from the code,
 * never from a request; values are bound.
 */
public final class FilteredSelect {

    private final StringBuilder sql;
    private final List<Object> args;

    /** {@code select * from table where} followed by {@code condition}, with its bound values. */
    public FilteredSelect(String selectWhere, String condition, Collection<?> conditionArgs) {
        this.sql = new StringBuilder(selectWhere).append(' ').append(condition);
        this.args = new ArrayList<>(conditionArgs);
    }

    /** {@code column = value}, an enum by its name; nothing if the value is null. */
    public FilteredSelect equal(String column, Object value) {
        return value == null ? this : and(column + " = ?", value instanceof Enum<?> e ? e.name() : value);
    }

    /** {@code column >= from}; nothing if null. */
    public FilteredSelect from(String column, Instant from) {
        return from == null ? this : and(column + " >= ?", Timestamp.from(from));
    }

    /** {@code column < to}; nothing if null. */
    public FilteredSelect before(String column, Instant to) {
        return to == null ? this : and(column + " < ?", Timestamp.from(to));
    }

    /** The rows of the page, in the given order (which must make it stable: end it with a unique column). */
    public <T> List<T> page(JdbcTemplate jdbc, String orderBy, int offset, int limit, RowMapper<T> rows) {
        List<Object> all = new ArrayList<>(args);
        all.add(offset);
        all.add(limit);
        return jdbc.query(sql + " order by " + orderBy + " offset ? rows fetch next ? rows only", rows, all.toArray());
    }

    private FilteredSelect and(String condition, Object value) {
        sql.append(" and ").append(condition);
        args.add(value);
        return this;
    }
}
