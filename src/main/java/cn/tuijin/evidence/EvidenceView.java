package cn.tuijin.evidence;

import java.time.Instant;

/**
 * A file as the API shows it.
 *
 * @param preview   whether a browser shows it inline (images, PDF)
 * @param deletable whether the caller may delete it (its uploader, before the claim is submitted)
 */
public record EvidenceView(long id, String projectCode, String taskId, String taskName, Long claimId, String kind,
                           String kindLabel, String fileName, String contentType, long size, String sha256,
                           String uploadedBy, String uploaderName, Instant uploadedAt, Instant submittedAt,
                           String url, boolean preview, boolean deletable) {
}
