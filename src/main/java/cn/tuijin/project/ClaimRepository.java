package cn.tuijin.project;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Milestone claims and their verification, kept as evidence.
 */
@Repository
class ClaimRepository {

    private final JdbcTemplate jdbc;

    ClaimRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the claim; returns its id. */
    long insert(StageClaim c) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                insert into stage_claim (project_code, milestone, task_id, claimed_by, claimed_at, contract_no, sign_date,
                    contract_amount, permit_no, start_date, acceptance_date, operation_date, decision)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
            Object[] values = {c.projectCode(), c.milestone().name(), c.taskId(), c.claimedBy(), Timestamp.from(c.claimedAt()),
                    c.contractNo(), ProjectRepository.sqlDate(c.signDate()), c.contractAmount(), c.permitNo(),
                    ProjectRepository.sqlDate(c.startDate()), ProjectRepository.sqlDate(c.acceptanceDate()),
                    ProjectRepository.sqlDate(c.operationDate()), c.decision().name()};
            new ArgumentPreparedStatementSetter(values).setValues(insert);
            return insert;
        }, key);
        return key.getKeyAs(Number.class).longValue();
    }

    /** The latest claim of a milestone in the given state. */
    Optional<StageClaim> latest(String projectCode, Milestone milestone, StageClaim.Decision decision) {
        return jdbc.query("select * from stage_claim where project_code = ? and milestone = ? and decision = ? order by id desc",
                ClaimRepository::map, projectCode, milestone.name(), decision.name()).stream().findFirst();
    }

    Optional<StageClaim> find(long id) {
        return jdbc.query("select * from stage_claim where id = ?", ClaimRepository::map, id).stream().findFirst();
    }

    /** A person's claims still waiting for verification, newest first. */
    List<StageClaim> pendingBy(String user) {
        return jdbc.query("select * from stage_claim where claimed_by = ? and decision = 'PENDING' order by id desc",
                ClaimRepository::map, user);
    }

    List<StageClaim> forProject(String projectCode) {
        return jdbc.query("select * from stage_claim where project_code = ? order by id", ClaimRepository::map, projectCode);
    }

    /** The claims recorded by these tasks (the task that made each claim). */
    List<StageClaim> byTasks(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select * from stage_claim where task_id in (" + String.join(", ", taskIds.stream().map(t -> "?").toList())
                + ") order by id", ClaimRepository::map, taskIds.toArray());
    }

    /** Records the decision on a pending claim: false if it was decided (or withdrawn) already. */
    boolean decide(long id, StageClaim.Decision decision, String user, Instant at, String reason) {
        return jdbc.update("update stage_claim set decision = ?, decided_by = ?, decided_at = ?, return_reason = ? where id = ? and decision = 'PENDING'",
                decision.name(), user, Timestamp.from(at), reason, id) == 1;
    }

    private static StageClaim map(ResultSet rs, int row) throws SQLException {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new StageClaim(rs.getLong("id"), rs.getString("project_code"), Milestone.valueOf(rs.getString("milestone")),
                rs.getString("task_id"), rs.getString("claimed_by"), rs.getTimestamp("claimed_at").toInstant(),
                rs.getString("contract_no"), ProjectRepository.localDate(rs, "sign_date"), rs.getBigDecimal("contract_amount"),
                rs.getString("permit_no"), ProjectRepository.localDate(rs, "start_date"),
                ProjectRepository.localDate(rs, "acceptance_date"), ProjectRepository.localDate(rs, "operation_date"),
                StageClaim.Decision.valueOf(rs.getString("decision")), rs.getString("decided_by"),
                decidedAt == null ? null : decidedAt.toInstant(), rs.getString("return_reason"));
    }
}
