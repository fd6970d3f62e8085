package cn.tuijin.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.tuijin.project.Milestone;
import cn.tuijin.project.ProjectLifecycle.Element;
import org.junit.jupiter.api.Test;

/** The table of required evidence and the tasks that carry files. */
class EvidenceRulesTest {

    @Test
    void onlyTheStartRequiresAFileThePermit() {
        assertThat(EvidenceRules.required(Milestone.START)).containsExactly(EvidenceKind.PERMIT);
        assertThat(EvidenceRules.required(Milestone.SIGNING)).isEmpty();
        assertThat(EvidenceRules.required(Milestone.COMPLETION)).isEmpty();
        assertThat(EvidenceRules.required(Milestone.OPERATION)).isEmpty();
    }

    @Test
    void filesAreUploadedOnClaimsAndReportsAndShownOnVerifications() {
        assertThat(EvidenceRules.uploadable(Element.CLAIM_SIGNING)).isTrue();
        assertThat(EvidenceRules.uploadable(Element.CLAIM_START)).isTrue();
        assertThat(EvidenceRules.uploadable(Element.CLAIM_COMPLETION)).isTrue();
        assertThat(EvidenceRules.uploadable(Element.CLAIM_OPERATION)).isTrue();
        assertThat(EvidenceRules.uploadable(Element.MONTHLY_REPORT)).isTrue();
        assertThat(EvidenceRules.uploadable(Element.VERIFY_START)).isFalse();
        assertThat(EvidenceRules.uploadable(Element.HANDLE_APPROVAL)).isFalse();
        assertThat(EvidenceRules.verified(Element.VERIFY_START)).isEqualTo(Milestone.START);
        assertThat(EvidenceRules.verified(Element.CLAIM_START)).isNull();
    }
}
