package cn.tuijin.project;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import cn.tuijin.org.ProjectDirectory;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.system.FilteredSelect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The project ledger in the app's own tables.
 */
@Repository
public class ProjectRepository implements ProjectDirectory {

    private final JdbcTemplate jdbc;

    ProjectRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Project> find(String code) {
        Read read = READING.get();
        if (read != null && read.projects.containsKey(code)) {
            return Optional.of(read.projects.get(code));
        }
        return jdbc.query("select * from project where code = ?", ProjectRepository::map, code).stream().findFirst();
    }

    /** What {@link #reading} has read, on its thread: the projects and when their lateness is excused from. */
    private record Read(Map<String, Project> projects, Map<String, Instant> excusedBefore) {
    }

    private static final ThreadLocal<Read> READING = new ThreadLocal<>();

    /**
     * Runs the work with these projects (at most a few hundred) read in one query: on this thread, until the work
     * returns, {@link #find} and {@link #overdueExcusedBefore} answer for them without asking the database, and a write
     * to one of them through this repository (the only writer of the table) drops it. For work that reads each project
     * many times and changes none, such as starting a chunk of lifecycles (each start asks for its project about eight
     * times: its entry stage, its lead unit, its planned dates, its name).
     */
    public <T> T reading(List<String> codes, Supplier<T> work) {
        if (READING.get() != null || codes.isEmpty()) {
            return work.get();
        }
        Read read = new Read(new HashMap<>(), new HashMap<>());
        jdbc.query("select * from project where code in (" + placeholders(codes.size()) + ")",
                rs -> {
                    Project p = map(rs, 0);
                    read.projects.put(p.code(), p);
                    Timestamp excused = rs.getTimestamp("overdue_excused_before");
                    if (excused != null) {
                        read.excusedBefore.put(p.code(), excused.toInstant());
                    }
                }, codes.toArray());
        READING.set(read);
        try {
            return work.get();
        } finally {
            READING.remove();
        }
    }

    private static void changed(String code) {
        Read read = READING.get();
        if (read != null) {
            read.projects.remove(code);
            read.excusedBefore.remove(code);
        }
    }

    /** Several projects at once (at most a few hundred codes: one IN list); unknown codes are left out. */
    public List<Project> findAll(List<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select * from project where code in (" + placeholders(codes.size()) + ")",
                ProjectRepository::map, codes.toArray());
    }

    /** The ? of an IN list of n values. */
    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    @Override
    public Optional<ProjectSummary> summary(String code) {
        return find(code).map(ProjectRepository::summary);
    }

    @Override
    public List<ProjectSummary> summaries(List<String> codes) {
        return findAll(codes).stream().map(ProjectRepository::summary).toList();
    }

    private static ProjectSummary summary(Project p) {
        return new ProjectSummary(p.code(), p.name(), p.leaderId());
    }

    @Override
    public boolean exists(String code) {
        Integer n = jdbc.queryForObject("select count(*) from project where code = ?", Integer.class, code);
        return n != null && n > 0;
    }

    /** Projects matching the optional filters, ordered by code. */
    public List<Project> list(ProjectScope.Condition scope, String leadUnitCode, String districtCode, Stage stage, int offset, int limit) {
        return new FilteredSelect("select * from project where", scope.sql(), scope.args())
                .equal("lead_unit_code", leadUnitCode).equal("district_code", districtCode).equal("stage", stage)
                .page(jdbc, "code", offset, limit, ProjectRepository::map);
    }

    public List<String> cooperatingUnits(String code) {
        return jdbc.queryForList("select unit_code from project_cooperating_unit where project_code = ? order by unit_code", String.class, code);
    }

    public void insert(Project p, List<String> cooperatingUnits, Instant now) {
        insertAll(List.of(p), Map.of(p.code(), cooperatingUnits), null, java.util.Set.of(), now);
    }

    /**
     * The new projects of a ledger import, in JDBC batches: entered by the import at {@code now} ({@code imported_at}),
     * and for those in {@code excused} their lateness before {@code now} excused (导入前已逾期).
     */
    public void insertImported(List<Project> ps, Map<String, List<String>> cooperatingUnits, java.util.Set<String> excused, Instant now) {
        insertAll(ps, cooperatingUnits, now, excused, now);
    }

    /**
     * Inserts the projects and their cooperating units in JDBC batches; {@code importedAt}: when a ledger import entered
     * them (null: not by import); {@code excused}: those whose lateness before {@code importedAt} is excused.
     */
    private void insertAll(List<Project> ps, Map<String, List<String>> cooperatingUnits, Instant importedAt,
                           java.util.Set<String> excused, Instant now) {
        Timestamp at = Timestamp.from(now);
        Timestamp imported = importedAt == null ? null : Timestamp.from(importedAt);
        List<Object[]> rows = new java.util.ArrayList<>(ps.size());
        List<Object[]> cooperating = new java.util.ArrayList<>();
        for (Project p : ps) {
            changed(p.code());
            rows.add(new Object[] {p.code(), p.name(), p.content(), p.category().name(), p.level().name(), p.districtCode(),
                    p.leadUnitCode(), p.leaderId(), p.totalInvestment(), p.annualPlanInvestment(), sqlDate(p.plannedSignDate()),
                    sqlDate(p.plannedStartDate()), sqlDate(p.plannedCompletionDate()), sqlDate(p.plannedOperationDate()),
                    sqlDate(p.actualSignDate()), sqlDate(p.actualStartDate()), sqlDate(p.actualCompletionDate()),
                    sqlDate(p.actualOperationDate()), p.stage().name(), at, at, imported, excused.contains(p.code()) ? imported : null});
            for (String unit : cooperatingUnits.getOrDefault(p.code(), List.of())) {
                cooperating.add(new Object[] {p.code(), unit});
            }
        }
        jdbc.batchUpdate("""
                insert into project (code, name, content, category, level, district_code, lead_unit_code, leader_id,
                    total_investment, annual_plan_investment, planned_sign_date, planned_start_date, planned_completion_date,
                    planned_operation_date, actual_sign_date, actual_start_date, actual_completion_date, actual_operation_date,
                    stage, created_at, updated_at, imported_at, overdue_excused_before)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows,
                new int[] {java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR,
                        java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR,
                        java.sql.Types.DECIMAL, java.sql.Types.DECIMAL, java.sql.Types.DATE, java.sql.Types.DATE,
                        java.sql.Types.DATE, java.sql.Types.DATE, java.sql.Types.DATE, java.sql.Types.DATE, java.sql.Types.DATE,
                        java.sql.Types.DATE, java.sql.Types.VARCHAR, java.sql.Types.TIMESTAMP, java.sql.Types.TIMESTAMP,
                        java.sql.Types.TIMESTAMP, java.sql.Types.TIMESTAMP});
        if (!cooperating.isEmpty()) {
            jdbc.batchUpdate("insert into project_cooperating_unit (project_code, unit_code) values (?, ?)", cooperating);
        }
    }

    /**
     * Updates what a ledger import sets (names, classification, district, units, leader, investment, planned signing,
     * start, completion and operation dates, stage) and replaces the cooperating units; actual dates and evidence are kept.
     */
    public void updateLedger(Project p, List<String> cooperatingUnits, Instant now) {
        changed(p.code());
        jdbc.update("""
                update project set name = ?, content = ?, category = ?, level = ?, district_code = ?, lead_unit_code = ?,
                    leader_id = ?, total_investment = ?, annual_plan_investment = ?, planned_sign_date = ?,
                    planned_start_date = ?, planned_completion_date = ?, planned_operation_date = ?, stage = ?, updated_at = ?
                where code = ?""",
                p.name(), p.content(), p.category().name(), p.level().name(), p.districtCode(), p.leadUnitCode(),
                p.leaderId(), p.totalInvestment(), p.annualPlanInvestment(), sqlDate(p.plannedSignDate()),
                sqlDate(p.plannedStartDate()), sqlDate(p.plannedCompletionDate()), sqlDate(p.plannedOperationDate()),
                p.stage().name(), Timestamp.from(now),
                p.code());
        jdbc.update("delete from project_cooperating_unit where project_code = ?", p.code());
        for (String unit : cooperatingUnits) {
            jdbc.update("insert into project_cooperating_unit (project_code, unit_code) values (?, ?)", p.code(), unit);
        }
    }

    /**
     * The project entered the ledger by an import at {@code at}; with {@code excuseEarlierLateness}, its deadlines due
     * before that instant were already past at the import and are recorded 导入前已逾期, not charged to their holder.
     */
    public void imported(String code, Instant at, boolean enteredNow, boolean excuseEarlierLateness) {
        changed(code);
        if (enteredNow) {
            jdbc.update("update project set imported_at = ? where code = ?", Timestamp.from(at), code);
        }
        if (excuseEarlierLateness) {
            jdbc.update("update project set overdue_excused_before = ? where code = ?", Timestamp.from(at), code);
        }
    }

    /** The instant before which the project's deadlines were already past at its import (导入前已逾期), if so chosen. */
    public Optional<Instant> overdueExcusedBefore(String code) {
        Read read = READING.get();
        if (read != null && read.projects.containsKey(code)) {
            return Optional.ofNullable(read.excusedBefore.get(code));
        }
        return jdbc.query("select overdue_excused_before from project where code = ?", (rs, i) -> rs.getTimestamp(1), code)
                .stream().filter(java.util.Objects::nonNull).map(Timestamp::toInstant).findFirst();
    }

    /** Records a verified milestone: its actual date, the stage reached and the evidence kept on the ledger. */
    public void recordMilestone(String code, Milestone milestone, StageClaim claim, Instant now) {
        String dateColumn = switch (milestone) {
            case SIGNING -> "actual_sign_date";
            case START -> "actual_start_date";
            case COMPLETION -> "actual_completion_date";
            case OPERATION -> "actual_operation_date";
        };
        changed(code);
        jdbc.update("update project set " + dateColumn + " = ?, stage = ?, updated_at = ?,"
                        + " contract_no = coalesce(?, contract_no), contract_amount = coalesce(?, contract_amount),"
                        + " permit_no = coalesce(?, permit_no) where code = ?",
                sqlDate(claim.milestoneDate()), milestone.reached().name(), Timestamp.from(now),
                claim.contractNo(), claim.contractAmount(), claim.permitNo(), code);
    }

    private static Project map(ResultSet rs, int row) throws SQLException {
        return new Project(rs.getString("code"), rs.getString("name"), rs.getString("content"),
                Category.valueOf(rs.getString("category")), Level.valueOf(rs.getString("level")),
                rs.getString("district_code"), rs.getString("lead_unit_code"), rs.getString("leader_id"),
                rs.getBigDecimal("total_investment"), rs.getBigDecimal("annual_plan_investment"),
                localDate(rs, "planned_sign_date"), localDate(rs, "planned_start_date"),
                localDate(rs, "planned_completion_date"), localDate(rs, "planned_operation_date"),
                localDate(rs, "actual_sign_date"), localDate(rs, "actual_start_date"),
                localDate(rs, "actual_completion_date"), localDate(rs, "actual_operation_date"),
                Stage.valueOf(rs.getString("stage")));
    }

    static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    static Date sqlDate(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
