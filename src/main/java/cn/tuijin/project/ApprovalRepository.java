package cn.tuijin.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Pre-construction approvals (前期手续) of the projects.
 */
@Repository
class ApprovalRepository {

    private final JdbcTemplate jdbc;

    ApprovalRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String projectCode, ApprovalItem item, String unitCode, int promisedDays) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("insert into project_approval (project_code, item, unit_code, promised_days, status) values (?, ?, ?, ?, 'PENDING')",
                    new String[] {"id"});
            ps.setString(1, projectCode);
            ps.setString(2, item.name());
            ps.setString(3, unitCode);
            ps.setInt(4, promisedDays);
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    Optional<ProjectApproval> find(long id) {
        return jdbc.query("select * from project_approval where id = ?", ApprovalRepository::map, id).stream().findFirst();
    }

    List<ProjectApproval> forProject(String projectCode) {
        return jdbc.query("select * from project_approval where project_code = ? order by id", ApprovalRepository::map, projectCode);
    }

    void decide(long id, ProjectApproval.Status status, String approvalNo, String missingDocuments, String user, Instant at) {
        jdbc.update("update project_approval set status = ?, approval_no = ?, missing_documents = ?, decided_by = ?, decided_at = ? where id = ?",
                status.name(), approvalNo, missingDocuments, user, Timestamp.from(at), id);
    }

    void supplemented(long id, String user, Instant at) {
        jdbc.update("update project_approval set status = 'APPROVED', supplemented_by = ?, supplemented_at = ? where id = ?",
                user, Timestamp.from(at), id);
    }

    private static ProjectApproval map(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        Timestamp supplemented = rs.getTimestamp("supplemented_at");
        return new ProjectApproval(rs.getLong("id"), rs.getString("project_code"), ApprovalItem.valueOf(rs.getString("item")),
                rs.getString("unit_code"), rs.getInt("promised_days"), ProjectApproval.Status.valueOf(rs.getString("status")),
                rs.getString("approval_no"), rs.getString("missing_documents"), rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(), supplemented == null ? null : supplemented.toInstant());
    }
}
