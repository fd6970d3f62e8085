package cn.tuijin.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

import cn.tuijin.project.Project;

/**
 * Which ledger columns an import changes on an existing project, by their Chinese headers.
 */
final class ProjectChanges {

    private ProjectChanges() {
    }

    static List<String> between(Project before, List<String> cooperatingBefore, Project after, List<String> cooperatingAfter) {
        List<String> changes = new ArrayList<>();
        add(changes, LedgerColumn.NAME, before.name(), after.name());
        add(changes, LedgerColumn.CONTENT, before.content(), after.content());
        add(changes, LedgerColumn.CATEGORY, before.category(), after.category());
        add(changes, LedgerColumn.LEVEL, before.level(), after.level());
        add(changes, LedgerColumn.DISTRICT, before.districtCode(), after.districtCode());
        amount(changes, LedgerColumn.TOTAL_INVESTMENT, before.totalInvestment(), after.totalInvestment());
        amount(changes, LedgerColumn.ANNUAL_PLAN, before.annualPlanInvestment(), after.annualPlanInvestment());
        add(changes, LedgerColumn.LEAD_UNIT, before.leadUnitCode(), after.leadUnitCode());
        add(changes, LedgerColumn.COOPERATING_UNITS, new HashSet<>(cooperatingBefore), new HashSet<>(cooperatingAfter));
        add(changes, LedgerColumn.LEADER, before.leaderId(), after.leaderId());
        add(changes, LedgerColumn.PLANNED_SIGN, before.plannedSignDate(), after.plannedSignDate());
        add(changes, LedgerColumn.PLANNED_START, before.plannedStartDate(), after.plannedStartDate());
        add(changes, LedgerColumn.PLANNED_COMPLETION, before.plannedCompletionDate(), after.plannedCompletionDate());
        add(changes, LedgerColumn.PLANNED_OPERATION, before.plannedOperationDate(), after.plannedOperationDate());
        add(changes, LedgerColumn.STAGE, before.stage(), after.stage());
        return changes;
    }

    private static void add(List<String> changes, LedgerColumn column, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(column.header());
        }
    }

    private static void amount(List<String> changes, LedgerColumn column, BigDecimal before, BigDecimal after) {
        if (before == null ? after != null : after == null || before.compareTo(after) != 0) {
            changes.add(column.header());
        }
    }
}
