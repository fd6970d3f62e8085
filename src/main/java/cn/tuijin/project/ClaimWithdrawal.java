package cn.tuijin.project;

import static cn.tuijin.project.ProjectLifecycle.Element;
import static cn.tuijin.project.ProjectLifecycle.Field;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.tuijin.deadline.DeadlineTracker;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.SystemActions;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 撤回: a claimant takes back his claim while the project office has not verified it. The verification task goes and
 * the claim task comes back, assigned to him, with what he entered and the files he attached; the claim is marked withdrawn (the project's
 * timeline shows it).
 * <p>
 * Done with the engine's process-instance modification, run by the application (the engine's doors let nobody modify
 * an instance): start before the claim task, then cancel the verification task, neither skipping listeners nor input
 * mappings. The verification task's listeners close its deadline; the claim task's listeners open its deadline again
 * from the task's own due-date expression, the project's planned date ({@code deadlines.milestoneDue}), so a late claim
 * comes back as late as it was, not with a fresh window. A message boundary event on each verification task would
 * say the same in the diagram, at the price of four more events and flows; the modification keeps the diagram as it is.
 */
@Service
public class ClaimWithdrawal {

    private static final Map<Milestone, String> CLAIM_TASK = Map.of(
            Milestone.SIGNING, Element.CLAIM_SIGNING, Milestone.START, Element.CLAIM_START,
            Milestone.COMPLETION, Element.CLAIM_COMPLETION, Milestone.OPERATION, Element.CLAIM_OPERATION);
    private static final Map<Milestone, String> VERIFY_TASK = Map.of(
            Milestone.SIGNING, Element.VERIFY_SIGNING, Milestone.START, Element.VERIFY_START,
            Milestone.COMPLETION, Element.VERIFY_COMPLETION, Milestone.OPERATION, Element.VERIFY_OPERATION);

    private final ClaimRepository claims;
    private final ProjectRepository projects;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final SystemActions system;
    private final EngineClock clock;
    private final ClaimEvidence evidence;
    private final DeadlineTracker deadlines;

    ClaimWithdrawal(ClaimRepository claims, ProjectRepository projects, RuntimeService runtime, TaskService tasks,
                    SystemActions system, EngineClock clock, ClaimEvidence evidence, DeadlineTracker deadlines) {
        this.claims = claims;
        this.projects = projects;
        this.runtime = runtime;
        this.tasks = tasks;
        this.system = system;
        this.clock = clock;
        this.evidence = evidence;
        this.deadlines = deadlines;
    }

    /** A claim still waiting for verification, with its project's name. */
    public record PendingClaim(StageClaim claim, String projectName, String milestoneLabel) {
    }

    /** The current user's claims that wait for verification: those he may withdraw. */
    public List<PendingClaim> mine() {
        return claims.pendingBy(user()).stream().map(c -> {
            Project p = projects.find(c.projectCode()).orElseThrow();
            return new PendingClaim(c, p.name(), c.milestone().label(p.category()));
        }).toList();
    }

    /** The current user withdraws his claim; returns the claim task that came back. */
    @Transactional
    public Task withdraw(long claimId) {
        String user = user();
        StageClaim claim = claims.find(claimId)
                .orElseThrow(() -> new NotFoundException("claimId", "申报 " + claimId + " 不存在"));
        if (!user.equals(claim.claimedBy())) {
            throw new ForbiddenException("只有申报人本人可以撤回该申报");
        }
        switch (claim.decision()) {
            case APPROVED, RETURNED -> throw new InvalidInputException("claimId", "该申报已核验，不能撤回");
            case WITHDRAWN -> throw new InvalidInputException("claimId", "该申报已撤回");
            case PENDING -> {
            }
        }
        String claimTask = CLAIM_TASK.get(claim.milestone());
        String verifyTask = VERIFY_TASK.get(claim.milestone());
        Task verification = system.asSystem(() -> tasks.createTaskQuery().processDefinitionKey(ProjectLifecycle.KEY)
                .processInstanceBusinessKey(claim.projectCode()).taskDefinitionKey(verifyTask).singleResult());
        if (verification == null) {
            throw new NotFoundException("claimId", "该申报没有待核验的任务，无可撤回");
        }
        if (!claims.decide(claimId, StageClaim.Decision.WITHDRAWN, user, clock.now(), null)) {
            throw new InvalidInputException("claimId", "该申报已核验，不能撤回");
        }
        String instance = verification.getProcessInstanceId();
        return system.asSystem(() -> {
            runtime.createProcessInstanceModification(instance)
                    .startBeforeActivity(claimTask)
                    .cancelAllForActivity(verifyTask)
                    .execute(false, false);
            Task back = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(claimTask).singleResult();
            tasks.setVariablesLocal(back.getId(), entered(claim));
            tasks.setAssignee(back.getId(), user);
            deadlines.withdrawnToClaimant(back.getId());
            evidence.withdrawn(claimId, back.getId());
            return tasks.createTaskQuery().taskId(back.getId()).singleResult();
        });
    }

    /** What the claimant entered, as the claim form's fields (dates as yyyy-MM-dd, the amount as a number). */
    private static Map<String, Object> entered(StageClaim c) {
        Map<String, Object> values = new HashMap<>();
        switch (c.milestone()) {
            case SIGNING -> {
                values.put(Field.CONTRACT_NO, c.contractNo());
                values.put(Field.SIGN_DATE, c.signDate().toString());
                values.put(Field.CONTRACT_AMOUNT, c.contractAmount().doubleValue());
            }
            case START -> {
                values.put(Field.PERMIT_NO, c.permitNo());
                values.put(Field.START_DATE, c.startDate().toString());
            }
            case COMPLETION -> values.put(Field.ACCEPTANCE_DATE, c.acceptanceDate().toString());
            case OPERATION -> values.put(Field.OPERATION_DATE, c.operationDate().toString());
        }
        return values;
    }

    private String user() {
        Authentication user = system.currentUser();
        if (user == null) {
            throw new ForbiddenException("请先登录");
        }
        return user.getUserId();
    }
}
