package cn.tuijin.project;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The working days each approving department promises for an approval (立项 5, 规划许可 10, …), from
 * {@code tuijin.deadlines.approvals}; an approval registered keeps the days promised then.
 *
 * @param approvals promised processing time of each approval
 */
@ConfigurationProperties("tuijin.deadlines")
public record ApprovalPromises(Map<ApprovalItem, Integer> approvals) {

    /** The promised working days of an approval (10 when not configured). */
    public int days(ApprovalItem item) {
        return approvals == null ? 10 : approvals.getOrDefault(item, 10);
    }
}
