package cn.tuijin.worklist;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.tuijin.issue.Issue;
import cn.tuijin.issue.IssueService;
import cn.tuijin.org.Caller;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.project.ClaimService;
import cn.tuijin.project.StageClaim;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.Paging;
import cn.tuijin.system.SystemActions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstanceQuery;
import org.springframework.stereotype.Service;

/**
 * 已办 and 我发起的: the tasks a user completed, newest first, each with what became of it (a claim: 待核验, 已通过 or
 * 已退回 with the reason; an issue's task: where the issue stands), and the issues he reported with their level and
 * state. A user reads his own lists; the project office, supervisors, the committee and administrators may read
 * anyone's.
 */
@Service
public class WorklistService {

    private static final String ISSUE_PROCESS = "issue-escalation";

    private final HistoryService history;
    private final ClaimService claims;
    private final IssueService issues;
    private final OrgDirectory org;
    private final SystemActions system;

    WorklistService(HistoryService history, ClaimService claims, IssueService issues, OrgDirectory org, SystemActions system) {
        this.history = history;
        this.claims = claims;
        this.issues = issues;
        this.org = org;
        this.system = system;
    }

    /** A page of a list, with the number of items in the whole list. */
    public record Page<T>(int page, int size, long total, List<T> items) {
    }

    /** A completed task and what became of it. */
    public record Done(String taskId, String taskName, String processKey, String subject, Instant completedAt,
                       String outcome, String outcomeLabel, String reason, String decidedBy, String decidedByName,
                       Instant decidedAt) {
    }

    /** An issue the user reported, with its level and state. */
    public record Started(String issueCode, String projectCode, String category, String severity, String description,
                          Instant reportedAt, int level, String levelLabel, String status, String statusLabel,
                          String holderUnitCode, String holderUnitName) {
    }

    public Page<Done> done(Caller caller, String user, Paging paging) {
        String whose = whose(caller, user, "已办");
        // The user's own completed tasks, read with the application's rights: the history of a task he completed is
        // his whatever became of its authorizations since.
        return system.asSystem(() -> {
            long total = query(whose).count();
            List<HistoricTaskInstance> page = query(whose).orderByHistoricTaskInstanceEndTime().desc()
                    .listPage(paging.offset(), paging.size());
            List<String> instanceIds = page.stream().map(HistoricTaskInstance::getProcessInstanceId).distinct().toList();
            Map<String, String> businessKeys = instanceIds.isEmpty() ? Map.of()
                    : history.createHistoricProcessInstanceQuery().processInstanceIds(java.util.Set.copyOf(instanceIds)).list()
                    .stream().filter(p -> p.getBusinessKey() != null)
                    .collect(Collectors.toMap(HistoricProcessInstance::getId, HistoricProcessInstance::getBusinessKey));
            Map<String, StageClaim> claimed = claims.byTasks(page.stream().map(HistoricTaskInstance::getId).toList()).stream()
                    .collect(Collectors.toMap(StageClaim::taskId, Function.identity(), (a, b) -> b));
            List<Done> items = page.stream().map(t -> done(t, businessKeys.get(t.getProcessInstanceId()), claimed.get(t.getId())))
                    .toList();
            return new Page<>(paging.page(), paging.size(), total, items);
        });
    }

    public Page<Started> started(Caller caller, String user, Paging paging) {
        String whose = whose(caller, user, "发起的问题");
        List<Started> items = issues.reportedBy(whose, paging.offset(), paging.size()).stream().map(this::started).toList();
        return new Page<>(paging.page(), paging.size(), issues.countReportedBy(whose), items);
    }

    private HistoricTaskInstanceQuery query(String user) {
        return history.createHistoricTaskInstanceQuery().taskAssignee(user).finished().taskDeleteReason("completed");
    }

    private Done done(HistoricTaskInstance t, String businessKey, StageClaim claim) {
        if (claim != null) {
            String decidedByName = claim.decidedBy() == null ? null : org.displayName(claim.decidedBy());
            return switch (claim.decision()) {
                case PENDING -> new Done(t.getId(), t.getName(), t.getProcessDefinitionKey(), businessKey, t.getEndTime().toInstant(),
                        "PENDING", "待核验", null, null, null, null);
                case APPROVED -> new Done(t.getId(), t.getName(), t.getProcessDefinitionKey(), businessKey, t.getEndTime().toInstant(),
                        "APPROVED", "已通过", null, claim.decidedBy(), decidedByName, claim.decidedAt());
                case RETURNED -> new Done(t.getId(), t.getName(), t.getProcessDefinitionKey(), businessKey, t.getEndTime().toInstant(),
                        "RETURNED", "已退回", claim.returnReason(), claim.decidedBy(), decidedByName, claim.decidedAt());
                case WITHDRAWN -> new Done(t.getId(), t.getName(), t.getProcessDefinitionKey(), businessKey, t.getEndTime().toInstant(),
                        "WITHDRAWN", "已撤回", null, null, null, claim.decidedAt());
            };
        }
        if (ISSUE_PROCESS.equals(t.getProcessDefinitionKey()) && businessKey != null) {
            Issue i = issueOrNull(businessKey);
            if (i != null) {
                return new Done(t.getId(), t.getName(), t.getProcessDefinitionKey(), businessKey, t.getEndTime().toInstant(),
                        "ISSUE_" + i.status().name(), "问题" + i.status().label() + "（" + i.levelLabel() + "）", null, null, null, null);
            }
        }
        return new Done(t.getId(), t.getName(), t.getProcessDefinitionKey(), businessKey, t.getEndTime().toInstant(),
                "COMPLETED", "已办结", null, null, null, null);
    }

    private Issue issueOrNull(String code) {
        try {
            return issues.get(code);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private Started started(Issue i) {
        String unit = i.holderUnitCode();
        return new Started(i.code(), i.projectCode(), i.category().label(), i.severity().label(), i.description(), i.reportedAt(),
                i.level(), i.levelLabel(), i.status().name(), i.status().label(), unit,
                unit == null ? null : org.unit(unit).map(u -> u.name()).orElse(unit));
    }

    /** Whose list the caller reads: his own, or (project office, supervisors, committee, administrators) anyone's. */
    private static String whose(Caller caller, String user, String what) {
        if (user == null || user.isBlank() || user.equals(caller.userId())) {
            return caller.userId();
        }
        if (!caller.seesEverything()) {
            throw new ForbiddenException("只能查看本人的" + what);
        }
        return user.trim();
    }
}
