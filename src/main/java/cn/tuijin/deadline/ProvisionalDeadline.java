package cn.tuijin.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

import cn.tuijin.calendar.WorkingDayCalendar;

/**
 * How one provisional deadline is counted again once a year's holiday data arrives: worked out per kind of deadline,
 * counted with the calendar it was computed with ({@code before}) and the calendar with the new year ({@code after}).
 * <ul>
 * <li>a number of working days from its start (verification, supplement, approval, triage, opinion, confirmation):
 * keeps the number, counted from the day it opened, or from the day its paused clock resumed;</li>
 * <li>a fixed date (a milestone's planned date, a supervision notice's or a meeting's date, an issue level's deadline,
 * which the issue and its escalation timer keep, and any approved extension): keeps its due date;</li>
 * <li>the monthly report: the same n-th working day of its month.</li>
 * </ul>
 * The warning keeps its number of working days before the due date. A deadline paused, or already passed and recorded
 * (overdue, accountability record written), is left as it is.
 */
final class ProvisionalDeadline {

    /** What becomes of the deadline. */
    enum Action {
        /** Due or warning date change. */
        MOVE,
        /** The dates stay; only the provisional mark may change. */
        KEEP,
        /** Left as it is (paused, already overdue and recorded). */
        SKIP
    }

    /**
     * The outcome for one deadline.
     *
     * @param rule        how it is counted, in Chinese (shown in the preview and logged)
     * @param provisional whether it still touches a year without holiday data afterwards
     */
    record Outcome(TaskDeadline deadline, Action action, String rule, Instant newWarnAt, Instant newDueAt,
                   boolean provisional) {
    }

    private ProvisionalDeadline() {
    }

    /**
     * Whether the deadline lies in the year or was counted across it: its span (from the day it was counted from, or
     * its warning for a fixed date, to its due date) includes the year.
     */
    static boolean touches(TaskDeadline d, Instant resumedAt, int year) {
        LocalDate first = spanStart(d, resumedAt);
        LocalDate due = day(d.dueAt());
        return first.getYear() <= year && year <= due.getYear();
    }

    static Outcome recount(TaskDeadline d, boolean extended, Instant resumedAt, WorkingDayCalendar before,
                           WorkingDayCalendar after) {
        if (d.paused()) {
            return new Outcome(d, Action.SKIP, "暂停计时中，恢复计时时按新日历计算", d.warnAt(), d.dueAt(), d.provisional());
        }
        if (d.overdue()) {
            return new Outcome(d, Action.SKIP, "已逾期并记录，不再变动", d.warnAt(), d.dueAt(), d.provisional());
        }
        LocalDate oldDue = day(d.dueAt());
        Instant dueAt;
        String rule;
        if (extended) {
            dueAt = d.dueAt();
            rule = "延期批准的日期，期限不变";
        } else if (fixedDate(d.kind())) {
            dueAt = d.dueAt();
            rule = "固定日期（" + d.kind().label() + "），期限不变";
        } else if (d.kind() == DeadlineKind.MONTHLY_REPORT) {
            YearMonth month = YearMonth.from(oldDue);
            int n = before.workingDaysBetween(month.atDay(1).minusDays(1), oldDue);
            dueAt = WorkingDayCalendar.endOf(after.nthWorkingDayOfMonth(month, n)).toInstant();
            rule = "当月第 " + n + " 个工作日";
        } else {
            LocalDate start = countedFrom(d, resumedAt);
            int n = before.workingDaysBetween(start, oldDue);
            dueAt = WorkingDayCalendar.endOf(after.addWorkingDays(start, n)).toInstant();
            rule = (resumedAt != null ? "恢复计时（" + start + "）后 " : start + " 起 ") + n + " 个工作日";
        }
        Instant warnAt = null;
        if (d.warnAt() != null) {
            int span = Math.max(0, before.workingDaysBetween(day(d.warnAt()), oldDue));
            warnAt = WorkingDayCalendar.startOf(after.subtractWorkingDays(day(dueAt), span)).toInstant();
        }
        boolean moved = !dueAt.equals(d.dueAt()) || !Objects.equals(warnAt, d.warnAt());
        boolean provisional = lacksData(after, spanStart(d, resumedAt), day(dueAt));
        return new Outcome(d, moved ? Action.MOVE : Action.KEEP, rule, warnAt, dueAt, provisional);
    }

    /** Kinds whose due date is a date someone set, not a count of working days. */
    static boolean fixedDate(DeadlineKind kind) {
        return switch (kind) {
            case MILESTONE, NOTICE, MEETING_ASSIGNMENT, ISSUE_LEVEL -> true;
            default -> false;
        };
    }

    private static LocalDate countedFrom(TaskDeadline d, Instant resumedAt) {
        return day(resumedAt != null ? resumedAt : d.createdAt());
    }

    private static LocalDate spanStart(TaskDeadline d, Instant resumedAt) {
        LocalDate due = day(d.dueAt());
        LocalDate first = d.warnAt() == null ? due : min(due, day(d.warnAt()));
        if (fixedDate(d.kind()) || d.kind() == DeadlineKind.MONTHLY_REPORT) {
            return first;
        }
        return min(first, countedFrom(d, resumedAt));
    }

    private static boolean lacksData(WorkingDayCalendar calendar, LocalDate from, LocalDate to) {
        for (int y = from.getYear(); y <= to.getYear(); y++) {
            if (!calendar.hasDataFor(y)) {
                return true;
            }
        }
        return false;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, WorkingDayCalendar.ZONE);
    }
}
