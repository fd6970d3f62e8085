package cn.tuijin.evidence;

import java.util.Map;
import java.util.Set;

import cn.tuijin.project.Milestone;
import cn.tuijin.project.ProjectLifecycle;

/**
 * Which tasks carry files, and which kinds of file a claim cannot be submitted without. The one table of required
 * evidence: change it here (and its test, EvidenceRulesTest).
 */
final class EvidenceRules {

    /** The kinds of file each milestone's claim requires. */
    static final Map<Milestone, Set<EvidenceKind>> REQUIRED = Map.of(
            Milestone.START, Set.of(EvidenceKind.PERMIT));

    private EvidenceRules() {
    }

    /** Files are uploaded on the claims and the monthly report. */
    static boolean uploadable(String taskKey) {
        return ProjectLifecycle.CLAIMS.containsKey(taskKey) || ProjectLifecycle.Element.MONTHLY_REPORT.equals(taskKey);
    }

    /** The verification tasks show the files of the claim they verify. */
    static Milestone verified(String taskKey) {
        return ProjectLifecycle.VERIFICATIONS.get(taskKey);
    }

    static Set<EvidenceKind> required(Milestone milestone) {
        return REQUIRED.getOrDefault(milestone, Set.of());
    }
}
