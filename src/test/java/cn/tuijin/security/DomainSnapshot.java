package cn.tuijin.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the domain's promises rest on, read from the database in one set of queries: approvals, claims, stages, lights,
 * accountability records, the deadlines and holders of tasks, their names, candidates and process data, and the due
 * dates of timers; and what only an administrator may change (suspensions, deployments, identities, filters,
 * authorizations). Each row is tagged with its project (the business key of its process instance), so that a change an
 * administrator may make to one project can be checked to stay within it.
 */
final class DomainSnapshot {

    /** The queries, by what they read; the first column of each is the project. */
    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("approval", "select project_code, id, item, status, approval_no, decided_by from project_approval");
        QUERIES.put("claim", "select project_code, id, milestone, task_id, claimed_by, decision, decided_by from stage_claim");
        QUERIES.put("stage", "select code, stage from project");
        QUERIES.put("light", "select project_code, light, reason, provisional from project_light");
        QUERIES.put("accountability", "select project_code, id, task_id, activity_id, kind, holder_unit_code, holder_user_id,"
                + " due_at, detected_at, completed_at, working_days_late from accountability_record");
        QUERIES.put("deadline", "select project_code, task_id, holder_unit_code, holder_user_id, due_at, warn_at, status,"
                + " paused_at from task_deadline");
        QUERIES.put("task", "select pi.business_key_, t.id_, t.name_, t.assignee_, t.owner_, t.delegation_, t.due_date_,"
                + " t.follow_up_date_ from act_ru_task t left join act_ru_execution pi on pi.id_ = t.proc_inst_id_");
        QUERIES.put("candidate", "select pi.business_key_, l.task_id_, l.type_, l.user_id_, l.group_id_ from act_ru_identitylink l"
                + " join act_ru_task t on t.id_ = l.task_id_ left join act_ru_execution pi on pi.id_ = t.proc_inst_id_");
        QUERIES.put("variable", "select pi.business_key_, v.id_, v.name_, v.execution_id_, v.task_id_, v.type_, v.text_, v.text2_,"
                + " v.long_, v.double_, v.bytearray_id_ from act_ru_variable v left join act_ru_execution pi on pi.id_ = v.proc_inst_id_");
        QUERIES.put("timer", "select pi.business_key_, j.id_, j.duedate_ from act_ru_job j"
                + " left join act_ru_execution pi on pi.id_ = j.process_instance_id_ where j.type_ = 'timer'");
    }

    /**
     * What only an administrator may change, read the same way (the first column is a project or null): the suspension
     * of instances, tasks, jobs and definitions, the deployments, users, groups, memberships and tenants, filters, and
     * authorizations other than those the engine grants per task as it assigns one (a claim).
     */
    private static final Map<String, String> ADMINISTRATION = new LinkedHashMap<>();

    static {
        ADMINISTRATION.put("suspended execution", "select business_key_, id_, suspension_state_ from act_ru_execution where parent_id_ is null");
        ADMINISTRATION.put("suspended task", "select pi.business_key_, t.id_, t.suspension_state_ from act_ru_task t"
                + " left join act_ru_execution pi on pi.id_ = t.proc_inst_id_");
        ADMINISTRATION.put("suspended job", "select pi.business_key_, j.id_, j.suspension_state_, j.retries_ from act_ru_job j"
                + " left join act_ru_execution pi on pi.id_ = j.process_instance_id_");
        ADMINISTRATION.put("job definition", "select null, id_, suspension_state_, job_priority_ from act_ru_jobdef");
        ADMINISTRATION.put("process definition", "select null, id_, suspension_state_, deployment_id_ from act_re_procdef");
        ADMINISTRATION.put("deployment", "select null, id_, name_ from act_re_deployment");
        ADMINISTRATION.put("user", "select null, id_, first_, last_, email_, pwd_ from act_id_user");
        ADMINISTRATION.put("group", "select null, id_, name_, type_ from act_id_group");
        ADMINISTRATION.put("membership", "select null, user_id_, group_id_ from act_id_membership");
        ADMINISTRATION.put("tenant", "select null, id_, name_ from act_id_tenant");
        ADMINISTRATION.put("filter", "select null, id_, name_, owner_, query_ from act_ru_filter");
        ADMINISTRATION.put("authorization", "select null, id_, type_, group_id_, user_id_, resource_type_, resource_id_, perms_"
                + " from act_ru_authorization where resource_type_ not in (7, 19)");
    }

    /** One row: what it is, its project and its values. */
    private record Row(String kind, String project, String values) implements Comparable<Row> {

        boolean in(String project) {
            return project != null && project.equals(this.project);
        }

        @Override
        public int compareTo(Row other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return kind + " of " + project + ": " + values;
        }
    }

    private final Set<Row> rows;

    private DomainSnapshot(Set<Row> rows) {
        this.rows = rows;
    }

    static DomainSnapshot take(JdbcTemplate jdbc) {
        Set<Row> rows = new TreeSet<>();
        read(jdbc, QUERIES, rows);
        read(jdbc, ADMINISTRATION, rows);
        return new DomainSnapshot(rows);
    }

    private static void read(JdbcTemplate jdbc, Map<String, String> queries, Set<Row> rows) {
        queries.forEach((kind, sql) -> jdbc.query(sql, rs -> {
            int columns = rs.getMetaData().getColumnCount();
            StringBuilder values = new StringBuilder();
            for (int i = 2; i <= columns; i++) {
                values.append(i > 2 ? " | " : "").append(rs.getString(i));
            }
            rows.add(new Row(kind, rs.getString(1), values.toString()));
        }));
    }

    /**
     * What changed since this snapshot (rows gone −, rows come +) outside one project (null: anywhere); an administrator's call may change what
     * only administrators may (suspensions, identities, authorizations…).
     */
    List<String> changesUntil(DomainSnapshot later, String except, boolean administrator) {
        List<String> changes = new ArrayList<>();
        for (Row row : rows) {
            if (!later.rows.contains(row) && !row.in(except) && !(administrator && ADMINISTRATION.containsKey(row.kind()))) {
                changes.add("− " + row);
            }
        }
        for (Row row : later.rows) {
            if (!rows.contains(row) && !row.in(except) && !(administrator && ADMINISTRATION.containsKey(row.kind()))) {
                changes.add("+ " + row);
            }
        }
        return changes;
    }

    int size() {
        return rows.size();
    }
}
