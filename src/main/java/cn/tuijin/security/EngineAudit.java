package cn.tuijin.security;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import cn.tuijin.system.EngineClock;
import cn.tuijin.system.Paging;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit of administrators' engine operations: who, what, when, on what. A line is written in the transaction of
 * the operation (no operation without its line, no line for an operation that did not happen); nothing in the
 * application changes or deletes one.
 */
@Component
public class EngineAudit {

    /** One administrator's operation. */
    public record Line(long id, Instant at, String userId, String operation, String target) {
    }

    private final JdbcTemplate jdbc;
    private final EngineClock clock;

    EngineAudit(JdbcTemplate jdbc, EngineClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(String userId, String operation, String target) {
        jdbc.update("insert into engine_audit (at, user_id, operation, target) values (?, ?, ?, ?)",
                Timestamp.from(clock.now()), userId, operation, target.length() > 1000 ? target.substring(0, 1000) : target);
    }

    /** The latest lines first. */
    public List<Line> lines(Paging paging) {
        return jdbc.query("select id, at, user_id, operation, target from engine_audit order by id desc offset ? rows fetch next ? rows only",
                (rs, i) -> new Line(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5)),
                paging.offset(), paging.size());
    }

    /** What the operation was applied to: the request that asked for it, and the ids the command names. */
    static String describe(Command<?> command) {
        List<String> parts = new ArrayList<>();
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            parts.add(request.getMethod() + " " + request.getRequestURI());
        }
        for (Class<?> type = command.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || !(f.getName().endsWith("Id") || f.getName().endsWith("Ids"))) {
                    continue;
                }
                Object value = DoorGuard.fieldOrNull(command, f.getName());
                if (value instanceof String || (value instanceof Collection<?> c && !c.isEmpty())) {
                    parts.add(f.getName() + "=" + value);
                }
            }
        }
        return String.join("; ", parts);
    }
}
