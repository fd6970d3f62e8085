package cn.tuijin.dashboard;

import java.time.Instant;

/**
 * An overdue piece of work: which project, what, who holds it, how many working days late, and where to open it.
 * {@code beforeImport}: already past when the project was imported and recorded 导入前已逾期 (not charged to the holder).
 */
public record OverdueItem(
        String taskId,
        String processInstanceId,
        String projectCode,
        String projectName,
        String districtCode,
        String districtName,
        String category,
        String stage,
        String leaderId,
        String leaderName,
        String kind,
        String kindLabel,
        String taskName,
        String unitCode,
        String unitName,
        String holderUserId,
        String holderName,
        Instant dueAt,
        int workingDaysLate,
        boolean provisional,
        boolean beforeImport,
        String tasklistLink,
        String cockpitLink) {
}
