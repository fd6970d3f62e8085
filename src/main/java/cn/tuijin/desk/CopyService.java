package cn.tuijin.desk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.tuijin.desk.Copy.RecipientKind;
import cn.tuijin.desk.Copy.SubjectKind;
import cn.tuijin.org.Caller;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Role;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.TextInput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 抄送: the project office (any project) or a contracting leader (the projects he leads, and their issues) copies a
 * project or an issue to a person or a unit for information. A copy reaches the person, or every person of the unit,
 * in 「抄送我的」, unread until each opens it. It shows the project's summary and grants no other access.
 */
@Service
class CopyService {

    static final int NOTE_LENGTH = 500;

    private final JdbcTemplate jdbc;
    private final OrgDirectory org;
    private final EngineClock clock;

    CopyService(JdbcTemplate jdbc, OrgDirectory org, EngineClock clock) {
        this.jdbc = jdbc;
        this.org = org;
        this.clock = clock;
    }

    /** What the sender chooses: a project or an issue, a unit or a person, and a note. */
    record Ask(String project, String issue, String unit, String person, String note) {
    }

    @Transactional
    Copy send(Caller caller, Ask ask) {
        if (!caller.is(Role.PROJECT_OFFICE) && !caller.is(Role.LEADER)) {
            throw new ForbiddenException("只有重点项目办和分包领导可以抄送项目或问题");
        }
        if (ask == null) {
            throw new InvalidInputException("project", "请选择要抄送的项目或问题");
        }
        String project = blankToNull(ask.project());
        String issue = blankToNull(ask.issue());
        if ((project == null) == (issue == null)) {
            throw new InvalidInputException(project == null ? "project" : "issue", "请选择要抄送的项目或问题（二者选一）");
        }
        SubjectKind kind = issue != null ? SubjectKind.ISSUE : SubjectKind.PROJECT;
        String subject = issue != null ? issue : project;
        String projectCode;
        if (issue != null) {
            projectCode = jdbc.queryForList("select project_code from issue where code = ?", String.class, issue).stream().findFirst()
                    .orElseThrow(() -> new NotFoundException("issue", "问题 " + TextInput.shown(issue) + " 不存在"));
        } else {
            projectCode = jdbc.queryForList("select code from project where code = ?", String.class, project).stream().findFirst()
                    .orElseThrow(() -> new NotFoundException("project", "项目 " + TextInput.shown(project) + " 不存在"));
        }
        if (!caller.is(Role.PROJECT_OFFICE) && !leads(caller, projectCode)) {
            throw new ForbiddenException("分包领导只能抄送其分包的项目（及其问题）");
        }
        String unit = blankToNull(ask.unit());
        String person = blankToNull(ask.person());
        if ((unit == null) == (person == null)) {
            throw new InvalidInputException(unit == null ? "unit" : "person", "请选择抄送给哪个单位或哪位人员（二者选一）");
        }
        if (unit != null && org.unit(unit).isEmpty()) {
            throw new NotFoundException("unit", "单位 " + TextInput.shown(unit) + " 不存在");
        }
        if (person != null && org.person(person).isEmpty()) {
            throw new NotFoundException("person", "人员 " + TextInput.shown(person) + " 不存在");
        }
        if (person != null && person.equals(caller.userId())) {
            throw new InvalidInputException("person", "不能抄送给自己");
        }
        String note = TextInput.optional("note", "抄送说明", ask.note(), NOTE_LENGTH);
        RecipientKind recipientKind = unit != null ? RecipientKind.UNIT : RecipientKind.PERSON;
        String recipient = unit != null ? unit : person;
        Instant now = clock.now();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into desk_cc (subject_kind, subject_code, project_code, recipient_kind, recipient, note, sent_by, sent_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
            Object[] values = {kind.name(), subject, projectCode, recipientKind.name(), recipient, note, caller.userId(), Timestamp.from(now)};
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps;
        }, key);
        Number id = key.getKeys() == null ? key.getKey() : (Number) key.getKeys().values().iterator().next();
        return find(caller, id.longValue()).orElseThrow();
    }

    /** The copies that reached the caller (to him or to one of his units), newest first, with his read state. */
    List<Copy> mine(Caller caller) {
        Reach reach = reach(caller);
        List<Object> args = new ArrayList<>();
        args.add(caller.userId());
        args.addAll(reach.args());
        return jdbc.query("select c.*, r.read_at from desk_cc c left join desk_cc_read r on r.cc_id = c.id and r.user_id = ? where "
                + reach.sql() + " order by c.sent_at desc, c.id desc", CopyService::map, args.toArray());
    }

    int unread(Caller caller) {
        Reach reach = reach(caller);
        List<Object> args = new ArrayList<>();
        args.add(caller.userId());
        args.addAll(reach.args());
        Integer n = jdbc.queryForObject("select count(*) from desk_cc c where not exists (select 1 from desk_cc_read r where r.cc_id = c.id"
                + " and r.user_id = ?) and " + reach.sql(), Integer.class, args.toArray());
        return n == null ? 0 : n;
    }

    /** Opens a copy that reached the caller, marking it read for him; its sender may look at it too. */
    @Transactional
    Copy open(Caller caller, long id) {
        Copy copy = find(caller, id).orElseThrow(() -> new NotFoundException("id", "抄送记录 " + id + " 不存在"));
        boolean reached = copy.recipientKind() == RecipientKind.PERSON ? copy.recipient().equals(caller.userId())
                : caller.inUnit(copy.recipient());
        if (!reached && !copy.sentBy().equals(caller.userId())) {
            throw new ForbiddenException("该抄送不是发给您或您所在单位的，无权查看");
        }
        if (reached && copy.readAt() == null) {
            jdbc.update("""
                    insert into desk_cc_read (cc_id, user_id, read_at) select ?, ?, ?
                    where not exists (select 1 from desk_cc_read where cc_id = ? and user_id = ?)""",
                    id, caller.userId(), Timestamp.from(clock.now()), id, caller.userId());
            return find(caller, id).orElseThrow();
        }
        return copy;
    }

    private Optional<Copy> find(Caller caller, long id) {
        return jdbc.query("select c.*, r.read_at from desk_cc c left join desk_cc_read r on r.cc_id = c.id and r.user_id = ? where c.id = ?",
                CopyService::map, caller.userId(), id).stream().findFirst();
    }

    boolean leads(Caller caller, String projectCode) {
        Integer n = jdbc.queryForObject("select count(*) from project where code = ? and leader_id = ?", Integer.class,
                projectCode, caller.userId());
        return n != null && n > 0;
    }

    /** The copies that reach the caller: to him, or to one of his units. */
    private record Reach(String sql, List<Object> args) {
    }

    private static Reach reach(Caller caller) {
        List<Object> args = new ArrayList<>();
        args.add(caller.userId());
        StringBuilder sql = new StringBuilder("((c.recipient_kind = 'PERSON' and c.recipient = ?)");
        if (!caller.units().isEmpty()) {
            sql.append(" or (c.recipient_kind = 'UNIT' and c.recipient in (")
                    .append(String.join(", ", caller.units().stream().map(u -> "?").toList())).append("))");
            args.addAll(caller.units());
        }
        return new Reach(sql.append(")").toString(), args);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Copy map(ResultSet rs, int i) throws SQLException {
        Timestamp read = rs.getTimestamp("read_at");
        return new Copy(rs.getLong("id"), SubjectKind.valueOf(rs.getString("subject_kind")), rs.getString("subject_code"),
                rs.getString("project_code"), RecipientKind.valueOf(rs.getString("recipient_kind")), rs.getString("recipient"),
                rs.getString("note"), rs.getString("sent_by"), rs.getTimestamp("sent_at").toInstant(), read == null ? null : read.toInstant());
    }
}
