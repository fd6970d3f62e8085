package cn.tuijin.evidence;

import org.springframework.jdbc.core.JdbcTemplate;

/** Evidence bytes in the table evidence_content, written in the upload's transaction. */
class DatabaseStorage implements EvidenceStorage {

    private final JdbcTemplate jdbc;

    DatabaseStorage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "DATABASE";
    }

    @Override
    public void store(long fileId, byte[] content) {
        jdbc.update("insert into evidence_content (file_id, content) values (?, ?)", fileId, content);
    }

    @Override
    public byte[] read(long fileId) {
        return jdbc.queryForObject("select content from evidence_content where file_id = ?", byte[].class, fileId);
    }

    @Override
    public void delete(long fileId) {
        jdbc.update("delete from evidence_content where file_id = ?", fileId);
    }
}
