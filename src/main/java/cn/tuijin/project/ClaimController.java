package cn.tuijin.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.task.Task;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A claimant's own claims over HTTP (Tasklist's 我的申报): those waiting for verification, and 撤回 of one of them.
 */
@RestController
class ClaimController {

    private final ClaimWithdrawal withdrawals;

    ClaimController(ClaimWithdrawal withdrawals) {
        this.withdrawals = withdrawals;
    }

    /** A claim waiting for verification, as the claimant sees it. */
    record Pending(long id, String projectCode, String projectName, String milestone, String milestoneLabel,
                   LocalDate milestoneDate, Instant claimedAt) {
    }

    /** The claim task that came back, to open in Tasklist. */
    record Withdrawn(long claimId, String taskId, String taskName, String assignee) {
    }

    @GetMapping("/api/claims/mine")
    List<Pending> mine() {
        return withdrawals.mine().stream().map(p -> new Pending(p.claim().id(), p.claim().projectCode(), p.projectName(),
                p.claim().milestone().name(), p.milestoneLabel(), p.claim().milestoneDate(), p.claim().claimedAt())).toList();
    }

    @PostMapping("/api/claims/{id}/withdraw")
    Withdrawn withdraw(@PathVariable long id) {
        Task back = withdrawals.withdraw(id);
        return new Withdrawn(id, back.getId(), back.getName(), back.getAssignee());
    }
}
