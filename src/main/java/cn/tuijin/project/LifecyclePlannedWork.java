package cn.tuijin.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import cn.tuijin.deadline.PlannedWork;
import org.springframework.stereotype.Component;

/** The ledger's planned milestone days and the approvals' promised days, for the deadlines of the lifecycle's tasks. */
@Component
class LifecyclePlannedWork implements PlannedWork {

    private final LifecycleService projects;
    private final ApprovalService approvals;
    private final ProjectRepository ledger;

    LifecyclePlannedWork(LifecycleService projects, ApprovalService approvals, ProjectRepository ledger) {
        this.projects = projects;
        this.approvals = approvals;
        this.ledger = ledger;
    }

    @Override
    public Optional<Instant> lateBeforeImport(String projectCode) {
        return ledger.overdueExcusedBefore(projectCode);
    }

    @Override
    public Optional<LocalDate> plannedDay(String projectCode, String milestone) {
        return Optional.ofNullable(projects.project(projectCode).plannedDate(Milestone.valueOf(milestone)));
    }

    @Override
    public int promisedDays(long approvalId) {
        return approvals.get(approvalId).promisedDays();
    }
}
