package cn.tuijin.project;

import static cn.tuijin.project.ProjectLifecycle.Field;

import java.util.List;
import java.util.Map;

import cn.tuijin.system.EngineClock;
import cn.tuijin.system.FormValues;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Pre-construction approvals: registering them per project, the department's decision, 容缺 supplements.
 * Exposed to process expressions as {@code approvals}.
 */
@Service("approvals")
public class ApprovalService {

    private final ApprovalRepository approvals;
    private final EngineClock clock;

    ApprovalService(ApprovalRepository approvals, EngineClock clock) {
        this.approvals = approvals;
        this.clock = clock;
    }

    /** Registers an approval the project needs, with the department's promised working days. */
    public long register(String projectCode, ApprovalItem item, String unitCode, int promisedDays) {
        return approvals.insert(projectCode, item, unitCode, promisedDays);
    }

    public ProjectApproval get(long id) {
        return approvals.find(id).orElseThrow(() -> new NotFoundException("审批事项 " + id + " 不存在"));
    }

    public List<ProjectApproval> forProject(String projectCode) {
        return approvals.forProject(projectCode);
    }

    /** Ids of the approvals still to be handled: one parallel task each. */
    public List<Long> pendingIds(String projectCode) {
        return approvals.forProject(projectCode).stream()
                .filter(a -> a.status() == ProjectApproval.Status.PENDING)
                .map(ProjectApproval::id)
                .toList();
    }

    /** The Camunda group of the approving department (used as the task's candidate group). */
    public String unitGroup(Long approvalId) {
        return get(approvalId).unitCode();
    }

    /** The department's decision: approved, or accepted with documents missing (容缺受理); returns the latter. */
    public boolean decide(long approvalId, String user, Map<String, Object> values) {
        FormValues form = new FormValues(values);
        boolean withGaps = form.bool(ProjectLifecycle.Var.ACCEPTED_WITH_GAPS, "是否容缺受理");
        String approvalNo = form.optionalText(Field.APPROVAL_NO, "批复文号", 64);
        String missing = form.optionalText(Field.MISSING_DOCUMENTS, "缺少的材料", 1000);
        if (withGaps && missing == null) {
            throw new InvalidInputException(Field.MISSING_DOCUMENTS, "容缺受理时请写明「缺少的材料」，申请人据此补正");
        }
        if (!withGaps && approvalNo == null) {
            throw new InvalidInputException(Field.APPROVAL_NO, "办结时请填写「批复文号」");
        }
        get(approvalId);
        approvals.decide(approvalId, withGaps ? ProjectApproval.Status.ACCEPTED_WITH_GAPS : ProjectApproval.Status.APPROVED,
                approvalNo, withGaps ? missing : null, user, clock.now());
        return withGaps;
    }

    /** The applicant has supplied the missing documents. */
    public void supplement(long approvalId, String user, Map<String, Object> values) {
        new FormValues(values).text(Field.SUPPLEMENT_NOTE, "补正情况说明", 1000);
        get(approvalId);
        approvals.supplemented(approvalId, user, clock.now());
    }
}
