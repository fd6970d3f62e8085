package cn.tuijin.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import cn.tuijin.calendar.CalendarWarning;
import cn.tuijin.notification.NotificationBacklog;

/**
 * The dashboard's counts: lights by district and by unit, overdue items by kind (those already past when their
 * project was imported, 导入前已逾期, counted apart in {@code overdueBeforeImport}, not in any unit's), the notices not yet delivered,
 * when they were read; {@code calendar} warns when a year's holiday arrangement is missing (from 1 November, next
 * year's).
 */
public record DashboardSummary(
        Instant updatedAt,
        int projects,
        Map<String, Integer> lights,
        int overdue,
        int overdueBeforeImport,
        Map<String, Integer> overdueByKind,
        List<Row> districts,
        List<Row> units,
        List<Leader> leaders,
        boolean provisional,
        CalendarWarning.Status calendar,
        NotificationBacklog notifications) {

    /** A contracting leader, for the dashboard's filter. */
    public record Leader(String id, String name) {
    }

    /**
     * One district or unit: its projects by light (for units: the projects it leads), the overdue items it holds and how
     * often its work was urged (催办; for units: the tasks it held when urged).
     */
    public record Row(String code, String name, int green, int yellow, int red, int overdue, int urges, String redReasons) {
    }
}
