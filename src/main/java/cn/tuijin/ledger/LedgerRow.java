package cn.tuijin.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import cn.tuijin.project.Category;
import cn.tuijin.project.Level;
import cn.tuijin.project.Project;
import cn.tuijin.project.Stage;

/**
 * A checked row of an uploaded ledger, with the columns the file has: a column the file leaves out keeps the
 * project's value on update (an empty cell in a column that is there clears it).
 */
record LedgerRow(
        int row,
        String code,
        String name,
        String content,
        Category category,
        Level level,
        String districtCode,
        BigDecimal totalInvestment,
        BigDecimal annualPlanInvestment,
        String leadUnitCode,
        List<String> cooperatingUnits,
        String leaderId,
        LocalDate plannedSignDate,
        LocalDate plannedStartDate,
        LocalDate plannedCompletionDate,
        LocalDate plannedOperationDate,
        Stage stage,
        Set<LedgerColumn> columns) {

    /** A new project from this row: actual dates are not in the ledger file. */
    Project newProject() {
        return new Project(code, name, content, category, level, districtCode, leadUnitCode, leaderId, totalInvestment,
                annualPlanInvestment == null ? BigDecimal.ZERO.setScale(2) : annualPlanInvestment, plannedSignDate,
                plannedStartDate, plannedCompletionDate, plannedOperationDate, null, null, null, null, stage);
    }

    /** The row with the planned operation date given (the default of a completed project that has none). */
    LedgerRow withPlannedOperation(LocalDate day) {
        return new LedgerRow(row, code, name, content, category, level, districtCode, totalInvestment, annualPlanInvestment,
                leadUnitCode, cooperatingUnits, leaderId, plannedSignDate, plannedStartDate, plannedCompletionDate, day, stage,
                columns);
    }

    /** The project as this row leaves it: the ledger fields the file has, at the given stage; everything else kept. */
    Project applyTo(Project p, Stage newStage) {
        return new Project(p.code(), name, has(LedgerColumn.CONTENT) ? content : p.content(), category, level, districtCode,
                leadUnitCode, has(LedgerColumn.LEADER) ? leaderId : p.leaderId(), totalInvestment,
                has(LedgerColumn.ANNUAL_PLAN) ? (annualPlanInvestment == null ? BigDecimal.ZERO.setScale(2) : annualPlanInvestment) : p.annualPlanInvestment(),
                has(LedgerColumn.PLANNED_SIGN) ? plannedSignDate : p.plannedSignDate(), plannedStartDate,
                has(LedgerColumn.PLANNED_COMPLETION) ? plannedCompletionDate : p.plannedCompletionDate(),
                has(LedgerColumn.PLANNED_OPERATION) ? plannedOperationDate : p.plannedOperationDate(), p.actualSignDate(), p.actualStartDate(), p.actualCompletionDate(),
                p.actualOperationDate(), newStage);
    }

    boolean has(LedgerColumn column) {
        return columns.contains(column);
    }
}
