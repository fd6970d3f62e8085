package cn.tuijin.desk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.tuijin.notification.NotificationOutbox;
import cn.tuijin.notification.WorkingTime;
import cn.tuijin.org.Caller;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.ProjectDirectory;
import cn.tuijin.org.ProjectDirectory.ProjectSummary;
import cn.tuijin.org.Role;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.TextInput;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 催办: supervisors, the project office and a project's contracting leader press the holder of an open task. The
 * notice goes to the holder (the assignee, or the unit the task is offered to) through the notification channels, at
 * a working time; a task is urged at most once per working day (the day its notice goes out); urges are counted per
 * task and per unit.
 */
@Service
class UrgeService {

    static final int NOTE_LENGTH = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm").withZone(EngineClock.ZONE);

    private final JdbcTemplate jdbc;
    private final DeskTasks tasks;
    private final NotificationOutbox outbox;
    private final WorkingTime workingTime;
    private final OrgDirectory org;
    private final ProjectDirectory projects;
    private final EngineClock clock;

    UrgeService(JdbcTemplate jdbc, DeskTasks tasks, NotificationOutbox outbox, WorkingTime workingTime, OrgDirectory org,
                ProjectDirectory projects, EngineClock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.outbox = outbox;
        this.workingTime = workingTime;
        this.org = org;
        this.projects = projects;
        this.clock = clock;
    }

    /** Urges the holder of the task; refused (nothing written) for those who may not, a finished task, a second urge. */
    @Transactional
    Urge urge(Caller caller, String taskId, String note) {
        if (!mayUrgeAtAll(caller)) {
            throw new ForbiddenException("只有督查室、重点项目办和项目的分包领导可以催办任务");
        }
        String text = TextInput.optional("note", "催办留言", note, NOTE_LENGTH);
        OpenTask task = open(taskId);
        Optional.ofNullable(refusal(caller, task)).ifPresent(message -> {
            throw new ForbiddenException(message);
        });
        if (caller.userId().equals(task.holderUserId())) {
            throw new InvalidInputException("taskId", "该任务由您本人办理，不能催办自己");
        }
        Instant now = clock.now();
        Instant sendAt = workingTime.sendAt(now);
        LocalDate day = LocalDate.ofInstant(sendAt, EngineClock.ZONE);
        alreadyUrged(task.taskId(), day).ifPresent(earlier -> {
            throw twice(earlier);
        });
        long id;
        try {
            id = insert(caller.userId(), task, now, day, sendAt, text);
        } catch (DuplicateKeyException e) {
            throw twice(alreadyUrged(task.taskId(), day).orElseThrow(() -> e));
        }
        boolean person = !task.holderUserId().isEmpty();
        outbox.add("urge:" + id, NotificationOutbox.Event.URGED, person ? task.holderUserId() : null,
                person ? null : task.holderUnitCode(), task.projectCode(), task.taskId(), "催办：" + task.taskName(),
                body(caller, text), now);
        return find(id).orElseThrow();
    }

    /** The urges of a task, newest first; the task must exist and the caller see its unit's work. */
    List<Urge> ofTask(String taskId) {
        return jdbc.query("select * from desk_urge where task_id = ? order by urged_at desc, id desc", UrgeService::map, taskId);
    }

    /** How often each of these tasks was urged (tasks never urged are left out). */
    Map<String, Integer> counts(Collection<String> taskIds) {
        Map<String, Integer> counts = new HashMap<>();
        if (taskIds.isEmpty()) {
            return counts;
        }
        jdbc.query("select task_id, count(*) from desk_urge where task_id in ("
                        + String.join(", ", taskIds.stream().map(t -> "?").toList()) + ") group by task_id",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, taskIds.toArray());
        return counts;
    }

    /** Urges per unit (the unit holding the task when it was urged): how many, on how many tasks. */
    List<UnitUrges> perUnit(String unitCondition, List<Object> args) {
        return jdbc.query("""
                select u.holder_unit_code, coalesce(n.name, u.holder_unit_code) as unit_name, count(*) as urges,
                    count(distinct u.task_id) as tasks, max(u.urged_at) as last_urged_at
                from desk_urge u left join unit n on n.code = u.holder_unit_code
                where %s group by u.holder_unit_code, n.name order by count(*) desc, u.holder_unit_code""".formatted(unitCondition),
                (rs, i) -> new UnitUrges(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getTimestamp(5).toInstant()), args.toArray());
    }

    /** Urges of one unit's work, as the API lists them per unit. */
    record UnitUrges(String unitCode, String unitName, int urges, int tasks, Instant lastUrgedAt) {
    }

    /** The open task, or a refusal naming it: unknown (404) or finished (400). */
    OpenTask open(String taskId) {
        DeskTasks.Known known = tasks.find(taskId).orElseThrow(() ->
                new NotFoundException("taskId", "任务 " + TextInput.shown(taskId) + " 不存在"));
        if (!known.open()) {
            throw new InvalidInputException("taskId", "任务「" + known.task().taskName() + "」已办结，无需催办");
        }
        return known.task();
    }

    /** Whether the caller's roles let them urge anything (the project office, supervisors, leaders). */
    static boolean mayUrgeAtAll(Caller caller) {
        return caller.is(Role.SUPERVISOR) || caller.is(Role.PROJECT_OFFICE) || caller.is(Role.LEADER);
    }

    /** Why the caller may not urge this task, or null if they may. */
    String refusal(Caller caller, OpenTask task) {
        if (caller.is(Role.SUPERVISOR) || caller.is(Role.PROJECT_OFFICE)) {
            return null;
        }
        if (caller.is(Role.LEADER)) {
            boolean leads = projects.summary(task.projectCode()).map(ProjectSummary::leaderId).filter(caller.userId()::equals).isPresent();
            return leads ? null : "分包领导只能催办其分包项目（及其问题）的任务";
        }
        return "只有督查室、重点项目办和项目的分包领导可以催办任务";
    }

    Optional<Urge> find(long id) {
        return jdbc.query("select * from desk_urge where id = ?", UrgeService::map, id).stream().findFirst();
    }

    String name(String userId) {
        return org.person(userId).map(Person::name).orElse(userId);
    }

    private Optional<Urge> alreadyUrged(String taskId, LocalDate day) {
        return jdbc.query("select * from desk_urge where task_id = ? and working_day = ?", UrgeService::map, taskId,
                java.sql.Date.valueOf(day)).stream().findFirst();
    }

    private InvalidInputException twice(Urge earlier) {
        return new InvalidInputException("taskId", "该任务本工作日已催办过（" + name(earlier.urgedBy()) + "，"
                + TIME.format(earlier.urgedAt()) + "），每个任务每个工作日只能催办一次，请下一个工作日再催办");
    }

    private long insert(String userId, OpenTask task, Instant now, LocalDate day, Instant sendAt, String note) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into desk_urge (task_id, project_code, issue_code, task_name, holder_unit_code, holder_user_id,
                        urged_by, urged_at, working_day, send_at, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
            Object[] values = {task.taskId(), task.projectCode(), task.issueCode(), task.taskName(), task.holderUnitCode(),
                    task.holderUserId(), userId, Timestamp.from(now), java.sql.Date.valueOf(day), Timestamp.from(sendAt), note};
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps;
        }, key);
        Number id = key.getKeys() == null ? key.getKey() : (Number) key.getKeys().values().iterator().next();
        return id.longValue();
    }

    private String body(Caller caller, String note) {
        String who = org.person(caller.userId()).map(p -> roleLabel(caller) + " " + p.name()).orElse(caller.userId());
        return who + " 催办此任务，请抓紧办理。" + (note == null ? "" : "\n留言：" + note);
    }

    private static String roleLabel(Caller caller) {
        if (caller.is(Role.SUPERVISOR)) {
            return Role.SUPERVISOR.label();
        }
        if (caller.is(Role.PROJECT_OFFICE)) {
            return Role.PROJECT_OFFICE.label();
        }
        return Role.LEADER.label();
    }

    private static Urge map(ResultSet rs, int i) throws SQLException {
        return new Urge(rs.getLong("id"), rs.getString("task_id"), rs.getString("project_code"), rs.getString("issue_code"),
                rs.getString("task_name"), rs.getString("holder_unit_code"), rs.getString("holder_user_id"),
                rs.getString("urged_by"), rs.getTimestamp("urged_at").toInstant(), rs.getDate("working_day").toLocalDate(),
                rs.getTimestamp("send_at").toInstant(), rs.getString("note"));
    }
}
