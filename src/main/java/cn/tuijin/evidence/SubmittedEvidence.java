package cn.tuijin.evidence;

import java.util.Set;

import cn.tuijin.project.Category;
import cn.tuijin.project.ClaimEvidence;
import cn.tuijin.project.Milestone;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The lifecycle's {@link ClaimEvidence}: refuses a claim without the files its milestone requires ({@link EvidenceRules})
 * and gives the task's files to the submitted claim or report, in the step that completes the task.
 */
@Component
class SubmittedEvidence implements ClaimEvidence {

    private final EvidenceRepository files;
    private final EngineClock clock;

    SubmittedEvidence(EvidenceRepository files, EngineClock clock) {
        this.files = files;
        this.clock = clock;
    }

    @Override
    public void requireFor(String taskId, Milestone milestone, Category category) {
        Set<EvidenceKind> required = EvidenceRules.required(milestone);
        for (EvidenceKind kind : required.stream().sorted().toList()) {
            if (files.countOfKinds(taskId, Set.of(kind)) == 0) {
                throw new InvalidInputException("evidence", "申报" + milestone.label(category) + "须上传" + kind.label()
                        + "：请在任务的「附件」页签选择「" + kind.label() + "」上传后再提交");
            }
        }
    }

    @Override
    public void submitted(String taskId, Long claimId) {
        files.submit(taskId, claimId, clock.now());
    }

    @Override
    public void withdrawn(long claimId, String taskId) {
        files.reopen(claimId, taskId);
    }
}
