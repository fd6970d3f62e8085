package cn.tuijin.evidence;

import java.time.Instant;

/** A file uploaded on a claim or report task, as recorded (its bytes are in {@link EvidenceStorage}). */
record EvidenceFile(
        long id,
        String projectCode,
        String taskId,
        String taskKey,
        String taskName,
        Long claimId,
        EvidenceKind kind,
        String fileName,
        String contentType,
        long sizeBytes,
        String sha256,
        String storage,
        String uploadedBy,
        Instant uploadedAt,
        Instant submittedAt,
        String deletedBy,
        Instant deletedAt) {
}
