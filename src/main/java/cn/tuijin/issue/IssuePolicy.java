package cn.tuijin.issue;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The level-1 deadline proposed at triage, in working days: by severity, plus extra days for some categories
 * (land and demolition take longer). The project office may set another date.
 */
@ConfigurationProperties("tuijin.issues")
public record IssuePolicy(Map<Severity, Integer> severityDays, Map<IssueCategory, Integer> categoryExtraDays) {

    public int level1Days(Severity severity, IssueCategory category) {
        int days = severityDays == null ? 10 : severityDays.getOrDefault(severity, 10);
        return days + (categoryExtraDays == null ? 0 : categoryExtraDays.getOrDefault(category, 0));
    }
}
