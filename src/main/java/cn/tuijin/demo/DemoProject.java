package cn.tuijin.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.project.ApprovalItem;
import cn.tuijin.project.Category;
import cn.tuijin.project.Level;
import cn.tuijin.project.Project;
import cn.tuijin.project.Stage;

/**
 * A demo project, its planned dates given as days from today.
 *
 * @param openedWorkingDaysAgo how many working days before the seeding day its lifecycle started and its first
 *                            tasks were created, if not on that day (a deadline counted from a past day)
 */
record DemoProject(
        String code,
        String name,
        Category category,
        Level level,
        String district,
        String leadUnit,
        List<String> cooperating,
        String leader,
        int totalInvestment,
        int annualPlan,
        Stage stage,
        Integer signOffset,
        Integer startOffset,
        Integer completionOffset,
        Integer operationOffset,
        Map<ApprovalItem, String> approvals,
        boolean approvalsDone,
        boolean reportOpen,
        Integer openedWorkingDaysAgo) {

    Project toProject(LocalDate today, WorkingDayCalendar calendar) {
        LocalDate sign = day(today, signOffset);
        LocalDate start = day(today, startOffset);
        LocalDate completion = day(today, completionOffset);
        LocalDate operation = day(today, operationOffset);
        boolean signed = stage.compareTo(Stage.SIGNED) >= 0;
        boolean started = stage.compareTo(Stage.UNDER_CONSTRUCTION) >= 0;
        boolean completed = stage.compareTo(Stage.COMPLETED) >= 0;
        boolean operating = stage == Stage.OPERATING;
        return new Project(code, name, category.label() + "类重点项目：" + name, category, level, district, leadUnit, leader,
                BigDecimal.valueOf(totalInvestment), BigDecimal.valueOf(annualPlan), sign, start, completion, operation,
                signed ? actual(sign, today, calendar) : null, started ? actual(start, today, calendar) : null,
                completed ? actual(completion, today, calendar) : null, operating ? actual(operation, today, calendar) : null,
                stage);
    }

    private static LocalDate day(LocalDate today, Integer offset) {
        return offset == null ? null : today.plusDays(offset);
    }

    /** A reached milestone happened on its planned date, or on the last working day if that date is still ahead. */
    private static LocalDate actual(LocalDate planned, LocalDate today, WorkingDayCalendar calendar) {
        return planned.isBefore(today) ? planned : calendar.subtractWorkingDays(today, 1);
    }
}
