package cn.tuijin.evidence;

/**
 * Where the bytes of evidence files are kept: in the database (the default, so that every node reads the same) or in a
 * directory of the installation ({@code tuijin.evidence.storage=directory}, {@code tuijin.evidence.directory=...}, a
 * directory every node mounts).
 */
interface EvidenceStorage {

    /** The name recorded with each file (DATABASE or DIRECTORY). */
    String name();

    void store(long fileId, byte[] content);

    byte[] read(long fileId);

    void delete(long fileId);
}
