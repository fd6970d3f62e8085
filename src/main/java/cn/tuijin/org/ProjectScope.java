package cn.tuijin.org;

import java.util.ArrayList;
import java.util.List;

import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which projects a caller sees: every project for the project office, supervisors, the committee and administrators;
 * the projects they lead for a contracting leader (分包领导); the projects their unit leads or cooperates on for an
 * officer. Lists are filtered by it; a single project outside it is refused.
 */
@Component
public class ProjectScope {

    /** An SQL condition with its arguments; rows that do not meet it are not the caller's to see. */
    public record Condition(String sql, List<Object> args) {

        public static final Condition ALL = new Condition("1 = 1", List.of());

        public Condition {
            args = List.copyOf(args);
        }

        /** Rows meeting this condition or the other. */
        public Condition or(Condition other) {
            if (this == ALL || other == ALL) {
                return ALL;
            }
            List<Object> all = new ArrayList<>(args);
            all.addAll(other.args);
            return new Condition("(" + sql + " or " + other.sql + ")", all);
        }

        /** Rows whose column holds one of the values (none: no row). */
        public static Condition in(String column, java.util.Collection<?> values) {
            if (values.isEmpty()) {
                return new Condition("1 = 0", List.of());
            }
            return new Condition(column + " in (" + String.join(", ", values.stream().map(v -> "?").toList()) + ")", List.copyOf(values));
        }
    }

    private final JdbcTemplate jdbc;

    ProjectScope(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The projects the caller sees, as a condition on a column holding a project code. */
    public Condition projects(Caller caller, String projectCodeColumn) {
        if (caller.seesEverything()) {
            return Condition.ALL;
        }
        Condition visible = new Condition("1 = 0", List.of());
        if (caller.is(Role.LEADER)) {
            visible = visible.or(ledBy(caller, projectCodeColumn));
        }
        if (!caller.units().isEmpty()) {
            Condition lead = Condition.in("lead_unit_code", caller.units());
            Condition cooperating = Condition.in("unit_code", caller.units());
            visible = visible.or(new Condition(projectCodeColumn + " in (select code from project where " + lead.sql() + ")", lead.args()))
                    .or(new Condition(projectCodeColumn + " in (select project_code from project_cooperating_unit where " + cooperating.sql() + ")",
                            cooperating.args()));
        }
        return visible;
    }

    /**
     * Work held by units (accountability records, extension requests, notices): an officer sees his unit's, a leader
     * that of the projects he leads, the others everything.
     */
    public Condition unitWork(Caller caller, String projectCodeColumn, String unitColumn) {
        if (caller.seesEverything()) {
            return Condition.ALL;
        }
        Condition visible = Condition.in(unitColumn, caller.units());
        return caller.is(Role.LEADER) ? visible.or(ledBy(caller, projectCodeColumn)) : visible;
    }

    /** One piece of work held by a unit on a project, by the rule of {@link #unitWork}. */
    public boolean seesUnitWork(Caller caller, String projectCode, String unitCode) {
        if (caller.seesEverything() || caller.inUnit(unitCode)) {
            return true;
        }
        if (!caller.is(Role.LEADER)) {
            return false;
        }
        Integer n = jdbc.queryForObject("select count(*) from project where code = ? and leader_id = ?", Integer.class,
                projectCode, caller.userId());
        return n != null && n > 0;
    }

    /** The projects the caller leads as contracting leader. */
    private static Condition ledBy(Caller caller, String projectCodeColumn) {
        return new Condition(projectCodeColumn + " in (select code from project where leader_id = ?)", List.of(caller.userId()));
    }

    /**
     * Whether the caller sees the project, by the rule of {@link #projects}, asked of that one project: its row by its
     * key, then its cooperating units (the condition over every project would be read whole by H2).
     */
    public boolean sees(Caller caller, String projectCode) {
        if (caller.seesEverything()) {
            return true;
        }
        List<String[]> project = jdbc.query("select lead_unit_code, leader_id from project where code = ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, projectCode);
        if (project.isEmpty()) {
            return false;
        }
        if (caller.is(Role.LEADER) && caller.userId().equals(project.get(0)[1])) {
            return true;
        }
        if (caller.units().isEmpty()) {
            return false;
        }
        if (caller.units().contains(project.get(0)[0])) {
            return true;
        }
        Condition cooperating = Condition.in("unit_code", caller.units());
        List<Object> args = new ArrayList<>(cooperating.args());
        args.add(projectCode);
        Integer n = jdbc.queryForObject("select count(*) from project_cooperating_unit where " + cooperating.sql() + " and project_code = ?",
                Integer.class, args.toArray());
        return n != null && n > 0;
    }

    /** Refuses a project that does not exist (404) or that the caller does not see (403). */
    public void require(Caller caller, String projectCode) {
        Integer exists = jdbc.queryForObject("select count(*) from project where code = ?", Integer.class, projectCode);
        if (exists == null || exists == 0) {
            throw new NotFoundException("项目 " + projectCode + " 不存在");
        }
        if (!sees(caller, projectCode)) {
            throw new ForbiddenException(refusal(caller, projectCode));
        }
    }

    static String refusal(Caller caller, String projectCode) {
        if (caller.is(Role.LEADER)) {
            return "项目 " + projectCode + " 不由您分包，无权查看";
        }
        return "项目 " + projectCode + " 不属于本单位牵头或配合的项目，无权查看";
    }
}
