package cn.tuijin.worklist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.tuijin.deadline.ExtensionRequest;
import cn.tuijin.deadline.ExtensionService;
import cn.tuijin.delegation.DelegatedWork;
import cn.tuijin.delegation.DelegationService;
import cn.tuijin.handover.TaskTransfer;
import cn.tuijin.handover.TransferService;
import cn.tuijin.issue.Issue;
import cn.tuijin.issue.IssueService;
import cn.tuijin.org.Caller;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.project.ClaimService;
import cn.tuijin.project.StageClaim;
import cn.tuijin.system.EngineClock;
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
 * 已退回 with the reason; an issue's task: where the issue stands), among them those his delegate completed for him and
 * those he completed for someone else; his transfer and extension requests with their decisions; and the issues he
 * reported with their level and state. A user reads his own lists; the project office, supervisors, the committee and administrators may read
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
    private final TransferService transfers;
    private final ExtensionService extensions;
    private final DelegationService delegations;

    WorklistService(HistoryService history, ClaimService claims, IssueService issues, OrgDirectory org, SystemActions system,
                    TransferService transfers, ExtensionService extensions, DelegationService delegations) {
        this.history = history;
        this.claims = claims;
        this.issues = issues;
        this.org = org;
        this.system = system;
        this.transfers = transfers;
        this.extensions = extensions;
        this.delegations = delegations;
    }

    /** A page of a list, with the number of items in the whole list. */
    public record Page<T>(int page, int size, long total, List<T> items) {
    }

    /** What an entry of 已办 is: a task completed (by the user, or for him by his delegate), or a request he made. */
    public enum Kind {
        TASK, TRANSFER, EXTENSION
    }

    /**
     * An entry of 已办 and what became of it: a completed task (its claim's verification, its issue's state); a
     * transfer request (申请转办: to which unit, 待审批, 已同意 or 未同意 with the reason); an extension request (延期申请: the
     * new date, 待审批, 已批准 or 已驳回 with the reason). For a request, {@code completedAt} is when it was made.
     *
     * @param actedBy     the delegate who completed the task on the user's behalf (委托代理), if one did
     * @param actingFor   the person on whose behalf the user completed the task, if he acted for someone
     * @param toUnitCode  a transfer's unit
     * @param newDueDate  an extension's new due date (Beijing)
     */
    public record Done(String taskId, String taskName, String processKey, String subject, Instant completedAt,
                       String outcome, String outcomeLabel, String reason, String decidedBy, String decidedByName,
                       Instant decidedAt, Kind kind, String actedBy, String actedByName, String actingFor,
                       String actingForName, String toUnitCode, String toUnitName, LocalDate newDueDate) {

        Done(String taskId, String taskName, String processKey, String subject, Instant completedAt, String outcome,
             String outcomeLabel, String reason, String decidedBy, String decidedByName, Instant decidedAt) {
            this(taskId, taskName, processKey, subject, completedAt, outcome, outcomeLabel, reason, decidedBy, decidedByName,
                    decidedAt, Kind.TASK, null, null, null, null, null, null, null);
        }

        Done actedBy(String user, String name) {
            return new Done(taskId, taskName, processKey, subject, completedAt, outcome, outcomeLabel, reason, decidedBy,
                    decidedByName, decidedAt, kind, user, name, actingFor, actingForName, toUnitCode, toUnitName, newDueDate);
        }

        Done actingFor(String user, String name) {
            return new Done(taskId, taskName, processKey, subject, completedAt, outcome, outcomeLabel, reason, decidedBy,
                    decidedByName, decidedAt, kind, actedBy, actedByName, user, name, toUnitCode, toUnitName, newDueDate);
        }
    }

    /** An issue the user reported, with its level and state. */
    public record Started(String issueCode, String projectCode, String category, String severity, String description,
                          Instant reportedAt, int level, String levelLabel, String status, String statusLabel,
                          String holderUnitCode, String holderUnitName) {
    }

    /** One entry of a source of 已办, before it is read out: when it happened, and the row. */
    private record Entry(Instant at, Object row) {
    }

    /**
     * 已办, newest first: the tasks the user completed (naming the person he acted for, under a delegation), those his
     * delegate completed for him, and his transfer and extension requests with their decisions. Each source is read
     * in its own order up to the end of the page asked for, and the sources are merged, so that paging over them gives
     * each entry once.
     */
    public Page<Done> done(Caller caller, String user, Paging paging) {
        String whose = whose(caller, user, "已办");
        // The user's own completed tasks, read with the application's rights: the history of a task he completed is
        // his whatever became of its authorizations since.
        return system.asSystem(() -> {
            long total = query(whose).count() + delegations.countWorkDoneFor(whose) + transfers.countRequestedBy(whose)
                    + extensions.countRequestedBy(whose);
            if (paging.offset() >= total) {
                return new Page<>(paging.page(), paging.size(), total, List.<Done>of());
            }
            int wanted = (int) Math.min(total, (long) paging.offset() + paging.size());
            List<List<Entry>> sources = List.of(
                    query(whose).orderByHistoricTaskInstanceEndTime().desc().orderByTaskId().desc().listPage(0, wanted).stream()
                            .map(t -> new Entry(t.getEndTime().toInstant(), t)).toList(),
                    delegations.workDoneFor(whose, wanted).stream().map(w -> new Entry(w.completedAt(), w)).toList(),
                    transfers.requestedBy(whose, wanted).stream().map(r -> new Entry(r.requestedAt(), r)).toList(),
                    extensions.requestedBy(whose, wanted).stream().map(r -> new Entry(r.requestedAt(), r)).toList());
            List<Entry> page = merged(sources, wanted).stream().skip(paging.offset()).toList();
            return new Page<>(paging.page(), paging.size(), total, read(whose, page));
        });
    }

    /** The first {@code wanted} entries of the sources, each newest first, merged newest first (ties: source order). */
    private static List<Entry> merged(List<List<Entry>> sources, int wanted) {
        int[] next = new int[sources.size()];
        List<Entry> out = new ArrayList<>(wanted);
        while (out.size() < wanted) {
            int best = -1;
            for (int s = 0; s < sources.size(); s++) {
                if (next[s] < sources.get(s).size()
                        && (best < 0 || sources.get(s).get(next[s]).at().isAfter(sources.get(best).get(next[best]).at()))) {
                    best = s;
                }
            }
            if (best < 0) {
                break;
            }
            out.add(sources.get(best).get(next[best]++));
        }
        return out;
    }

    /** The page's entries as 已办 shows them. */
    private List<Done> read(String whose, List<Entry> page) {
        Map<String, HistoricTaskInstance> tasks = new HashMap<>();
        for (Entry e : page) {
            if (e.row() instanceof HistoricTaskInstance t) {
                tasks.put(t.getId(), t);
            } else if (e.row() instanceof DelegatedWork w) {
                HistoricTaskInstance t = history.createHistoricTaskInstanceQuery().taskId(w.taskId()).singleResult();
                if (t != null && t.getEndTime() != null) {
                    tasks.put(t.getId(), t);
                }
            }
        }
        List<String> instanceIds = tasks.values().stream().map(HistoricTaskInstance::getProcessInstanceId).distinct().toList();
        Map<String, String> businessKeys = instanceIds.isEmpty() ? Map.of()
                : history.createHistoricProcessInstanceQuery().processInstanceIds(Set.copyOf(instanceIds)).list()
                .stream().filter(p -> p.getBusinessKey() != null)
                .collect(Collectors.toMap(HistoricProcessInstance::getId, HistoricProcessInstance::getBusinessKey));
        Map<String, StageClaim> claimed = claims.byTasks(List.copyOf(tasks.keySet())).stream()
                .collect(Collectors.toMap(StageClaim::taskId, Function.identity(), (a, b) -> b));
        List<String> ownTaskIds = page.stream().filter(e -> e.row() instanceof HistoricTaskInstance)
                .map(e -> ((HistoricTaskInstance) e.row()).getId()).toList();
        Map<String, DelegatedWork> actedFor = delegations.workDoneBy(whose, ownTaskIds).stream()
                .collect(Collectors.toMap(DelegatedWork::taskId, Function.identity(), (a, b) -> b));
        List<Done> items = new ArrayList<>();
        for (Entry e : page) {
            if (e.row() instanceof HistoricTaskInstance t) {
                Done d = done(t, businessKeys.get(t.getProcessInstanceId()), claimed.get(t.getId()));
                DelegatedWork w = actedFor.get(t.getId());
                items.add(w == null ? d : d.actingFor(w.delegatorId(), org.displayName(w.delegatorId())));
            } else if (e.row() instanceof DelegatedWork w) {
                HistoricTaskInstance t = tasks.get(w.taskId());
                Done d = t == null
                        ? new Done(w.taskId(), w.taskName(), null, w.projectCode(), w.completedAt(), "COMPLETED", "已办结",
                                null, null, null, null)
                        : done(t, businessKeys.get(t.getProcessInstanceId()), claimed.get(t.getId()));
                items.add(d.actedBy(w.delegateId(), org.displayName(w.delegateId())));
            } else if (e.row() instanceof TaskTransfer r) {
                items.add(transfer(r));
            } else {
                items.add(extension((ExtensionRequest) e.row()));
            }
        }
        return items;
    }

    /** A transfer request: to which unit, and what became of it. */
    private Done transfer(TaskTransfer r) {
        String unit = unitName(r.toUnitCode());
        String label = switch (r.status()) {
            case PENDING -> "待审批";
            case APPROVED -> "已同意，已转交 " + unit;
            case REFUSED -> "未同意";
            case OBSOLETE -> "任务已办结，未转办";
        };
        return new Done(r.taskId(), r.taskName(), null, r.projectCode(), r.requestedAt(), r.status().name(), label,
                r.status() == TaskTransfer.Status.REFUSED ? r.decisionNote() : null, r.decidedBy(), org.displayName(r.decidedBy()),
                r.decidedAt(), Kind.TRANSFER, null, null, null, null, r.toUnitCode(), unit, null);
    }

    /** An extension request: the new due date, and what became of it. */
    private Done extension(ExtensionRequest r) {
        String label = switch (r.status()) {
            case PENDING -> "待审批";
            case APPROVED -> "已批准";
            case REJECTED -> "已驳回";
            case OBSOLETE -> "任务已办结，未调整";
        };
        return new Done(r.taskId(), r.taskName(), null, r.projectCode(), r.requestedAt(), r.status().name(), label,
                r.status() == ExtensionRequest.Status.REJECTED ? r.decisionNote() : null, r.decidedBy(),
                org.displayName(r.decidedBy()), r.decidedAt(), Kind.EXTENSION, null, null, null, null, null, null,
                LocalDate.ofInstant(r.newDueAt(), EngineClock.ZONE));
    }

    private String unitName(String code) {
        return code == null ? null : org.unit(code).map(u -> u.name()).orElse(code);
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
