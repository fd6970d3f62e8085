package cn.tuijin.project;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A row of the project ledger (项目台账). Investment figures are in 万元.
 */
public record Project(
        String code,
        String name,
        String content,
        Category category,
        Level level,
        String districtCode,
        String leadUnitCode,
        String leaderId,
        BigDecimal totalInvestment,
        BigDecimal annualPlanInvestment,
        LocalDate plannedSignDate,
        LocalDate plannedStartDate,
        LocalDate plannedCompletionDate,
        LocalDate plannedOperationDate,
        LocalDate actualSignDate,
        LocalDate actualStartDate,
        LocalDate actualCompletionDate,
        LocalDate actualOperationDate,
        Stage stage) {

    /** The planned date of a milestone. */
    public LocalDate plannedDate(Milestone milestone) {
        return switch (milestone) {
            case SIGNING -> plannedSignDate;
            case START -> plannedStartDate;
            case COMPLETION -> plannedCompletionDate;
            case OPERATION -> plannedOperationDate;
        };
    }

    /** The verified date of a milestone, or null. */
    public LocalDate actualDate(Milestone milestone) {
        return switch (milestone) {
            case SIGNING -> actualSignDate;
            case START -> actualStartDate;
            case COMPLETION -> actualCompletionDate;
            case OPERATION -> actualOperationDate;
        };
    }

    public String stageLabel() {
        return stage.label(category);
    }
}
