package cn.tuijin.project;

/**
 * The files a claim or a monthly report carries (附件), as the lifecycle sees them: implemented by the evidence module,
 * called in the step that completes the task, whichever door completed it (Tasklist, {@code /engine-rest}, {@code /api}).
 */
public interface ClaimEvidence {

    /**
     * Refuses (with a Chinese {@link cn.tuijin.system.InvalidInputException}) a claim whose milestone requires a kind
     * of file the task does not carry, e.g. 申报开工 without the construction permit.
     */
    void requireFor(String taskId, Milestone milestone, Category category);

    /**
     * The files uploaded on the task now belong to the submitted claim (or, with no claim, to the submitted report):
     * shown to the verifier, never deleted.
     */
    void submitted(String taskId, Long claimId);

    /**
     * A claim withdrawn by its claimant before it was verified (撤回): its files go back to the claim task that comes
     * back in its place, where the claimant keeps, deletes or adds to them before claiming again.
     */
    void withdrawn(long claimId, String taskId);
}
