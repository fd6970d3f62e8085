package cn.tuijin.evidence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The record of each evidence file (table evidence_file): who uploaded it, when, on which task, for which claim. */
@Repository
class EvidenceRepository {

    private static final String LIVE = " and deleted_at is null";

    private final JdbcTemplate jdbc;

    EvidenceRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long insert(EvidenceFile f) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    insert into evidence_file (project_code, task_id, task_key, task_name, kind, file_name, content_type,
                        size_bytes, sha256, storage, uploaded_by, uploaded_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
            new ArgumentPreparedStatementSetter(new Object[] {f.projectCode(), f.taskId(), f.taskKey(), f.taskName(),
                    f.kind().name(), f.fileName(), f.contentType(), f.sizeBytes(), f.sha256(), f.storage(), f.uploadedBy(),
                    Timestamp.from(f.uploadedAt())}).setValues(insert);
            return insert;
        }, key);
        return key.getKeyAs(Number.class).longValue();
    }

    Optional<EvidenceFile> find(long id) {
        return jdbc.query("select * from evidence_file where id = ?" + LIVE, EvidenceRepository::map, id).stream().findFirst();
    }

    /** The files uploaded on a task and not deleted, oldest first. */
    List<EvidenceFile> ofTask(String taskId) {
        return jdbc.query("select * from evidence_file where task_id = ?" + LIVE + " order by id", EvidenceRepository::map, taskId);
    }

    List<EvidenceFile> ofClaim(long claimId) {
        return jdbc.query("select * from evidence_file where claim_id = ?" + LIVE + " order by id", EvidenceRepository::map, claimId);
    }

    List<EvidenceFile> ofProject(String projectCode) {
        return jdbc.query("select * from evidence_file where project_code = ?" + LIVE + " order by id", EvidenceRepository::map,
                projectCode);
    }

    /** How many files of these kinds the task carries. */
    int countOfKinds(String taskId, Collection<EvidenceKind> kinds) {
        if (kinds.isEmpty()) {
            return 0;
        }
        List<Object> args = new java.util.ArrayList<>();
        args.add(taskId);
        kinds.forEach(k -> args.add(k.name()));
        Integer n = jdbc.queryForObject("select count(*) from evidence_file where task_id = ?" + LIVE + " and kind in ("
                + String.join(", ", kinds.stream().map(k -> "?").toList()) + ")", Integer.class, args.toArray());
        return n == null ? 0 : n;
    }

    /** The task's files now belong to the submitted claim (or report): they can no longer be deleted. */
    int submit(String taskId, Long claimId, Instant at) {
        return jdbc.update("update evidence_file set claim_id = ?, submitted_at = ? where task_id = ? and submitted_at is null" + LIVE,
                claimId, Timestamp.from(at), taskId);
    }

    /** The files of a withdrawn claim go back to the claim task that comes back: not submitted, deletable again. */
    int reopen(long claimId, String taskId) {
        return jdbc.update("update evidence_file set task_id = ?, claim_id = null, submitted_at = null where claim_id = ?" + LIVE,
                taskId, claimId);
    }

    /** Marks the file deleted; false if it was submitted or deleted meanwhile. */
    boolean markDeleted(long id, String user, Instant at) {
        return jdbc.update("update evidence_file set deleted_by = ?, deleted_at = ? where id = ? and submitted_at is null" + LIVE,
                user, Timestamp.from(at), id) == 1;
    }

    private static EvidenceFile map(ResultSet rs, int row) throws SQLException {
        long claim = rs.getLong("claim_id");
        Long claimId = rs.wasNull() ? null : claim;
        return new EvidenceFile(rs.getLong("id"), rs.getString("project_code"), rs.getString("task_id"), rs.getString("task_key"),
                rs.getString("task_name"), claimId, EvidenceKind.valueOf(rs.getString("kind")),
                rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getString("storage"), rs.getString("uploaded_by"), instant(rs, "uploaded_at"), instant(rs, "submitted_at"),
                rs.getString("deleted_by"), instant(rs, "deleted_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
