package cn.tuijin.evidence;

import java.util.List;

/**
 * The files a task shows (a claim's or report's own, or, on a verification task, those of the claim it verifies) and
 * what the caller may do there.
 *
 * @param role      UPLOAD (a claim or report task: files are uploaded on it), VERIFY (a verification task: the claim's
 *                  files, read only) or NONE (a task without files)
 * @param mayUpload whether the caller may upload on it now (he may work the open task)
 * @param required  the kinds the claim cannot be submitted without (labels)
 * @param kinds     the kinds to choose from
 * @param maxBytes  the largest file accepted
 */
public record TaskEvidence(String role, String projectCode, boolean mayUpload, List<String> required, List<Kind> kinds,
                           long maxBytes, List<EvidenceView> files) {

    /** A kind of file as the upload form lists it. */
    public record Kind(String code, String label) {
    }
}
