package cn.tuijin.issue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.org.Caller;
import cn.tuijin.org.Callers;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.org.Role;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.SystemActions;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issues over HTTP: report one (an officer, or an enterprise's contact), list a project's, read one with its
 * timeline, and the statistics per unit. A caller reports on and reads the issues of the projects he sees
 * ({@link ProjectScope}); an officer also reads the issues his unit leads, cooperates on or holds; an officer reads
 * his unit's statistics only.
 */
@RestController
class IssueController {

    private final IssueService issues;
    private final RuntimeService runtime;
    private final SystemActions system;
    private final WorkingDayCalendar calendar;
    private final EngineClock clock;
    private final ProjectScope scope;
    private final Callers callers;
    private final ProjectRepository projects;

    IssueController(IssueService issues, RuntimeService runtime, SystemActions system, WorkingDayCalendar calendar,
                    EngineClock clock, ProjectScope scope, Callers callers, ProjectRepository projects) {
        this.scope = scope;
        this.callers = callers;
        this.projects = projects;
        this.clock = clock;
        this.issues = issues;
        this.runtime = runtime;
        this.system = system;
        this.calendar = calendar;
    }

    /** What a reporter sends. Category and severity by code or Chinese label. */
    record Report(String projectCode, String category, String description, String supportNeeded, String severity) {
    }

    /** An issue as the API shows it. */
    record View(String code, String projectCode, String category, String categoryLabel, String description,
                String supportNeeded, String severity, String severityLabel, String reportedBy, Instant reportedAt,
                String leadUnitCode, List<String> cooperatingUnitCodes, boolean major, int level, String levelLabel,
                String status, String statusLabel, Instant levelDueAt, String holderUnitCode, String holderUserId,
                String resolution, int reopenCount) {

        static View of(Issue i, List<String> cooperating) {
            return new View(i.code(), i.projectCode(), i.category().name(), i.category().label(), i.description(),
                    i.supportNeeded(), i.severity().name(), i.severity().label(), i.reportedBy(), i.reportedAt(),
                    i.leadUnitCode(), cooperating, i.major(), i.level(), i.levelLabel(), i.status().name(),
                    i.status().label(), i.levelDueAt(), i.holderUnitCode(), i.holderUserId(), i.resolution(), i.reopenCount());
        }
    }

    /** A step of the timeline. */
    record Step(Instant at, int level, String kind, String kindLabel, String actor, String unitCode, String text) {
    }

    /** Who held the issue at a level, and for how many working days. */
    record Holding(int level, String holder, Instant from, Instant to, int workingDays) {
    }

    /** The issue, what happened to it, and who held it how long. */
    record Timeline(View issue, List<Step> steps, List<Holding> holdings) {
    }

    @PostMapping("/api/issues")
    @ResponseStatus(HttpStatus.CREATED)
    View report(@RequestBody(required = false) Report report) {
        if (report == null) {
            throw new InvalidInputException("body", "请提交问题（JSON）：项目编号、问题类别和问题描述");
        }
        var user = system.currentUser();
        if (user == null) {
            throw new ForbiddenException("请先登录");
        }
        // An unknown project is refused as input by the process's start listener; a project of someone else here.
        if (report.projectCode() != null && projects.exists(report.projectCode())) {
            issues.requireSees(callers.current(), report.projectCode());
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("projectCode", report.projectCode());
        variables.put("category", report.category());
        variables.put("description", report.description());
        variables.put("supportNeeded", report.supportNeeded());
        variables.put("severity", report.severity());
        variables.put(IssueReportListener.REPORTED_BY, user.getUserId());
        ProcessInstance instance = system.asSystem(() -> runtime.startProcessInstanceByKey(IssueEscalation.KEY, variables));
        String code = instance.getBusinessKey() != null ? instance.getBusinessKey()
                : system.asSystem(() -> runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getBusinessKey());
        return get(code);
    }

    @GetMapping("/api/issues/{code}")
    View get(@PathVariable String code) {
        Issue issue = issues.get(code);
        List<String> cooperating = issues.cooperatingUnits(code);
        Caller caller = callers.current();
        boolean involved = caller.inUnit(issue.leadUnitCode()) || caller.inUnit(issue.holderUnitCode())
                || cooperating.stream().anyMatch(caller::inUnit) || caller.userId().equals(issue.holderUserId());
        if (!involved && !scope.sees(caller, issue.projectCode())) {
            throw new ForbiddenException("问题 " + code + " 不涉及本单位，无权查看");
        }
        return View.of(issue, cooperating);
    }

    @GetMapping("/api/projects/{code}/issues")
    List<View> forProject(@PathVariable String code) {
        scope.require(callers.current(), code);
        return issues.forProject(code).stream().map(i -> View.of(i, issues.cooperatingUnits(i.code()))).toList();
    }

    @GetMapping("/api/issues/{code}/timeline")
    Timeline timeline(@PathVariable String code) {
        View issue = get(code);
        List<IssueEvent> events = issues.events(code);
        List<Step> steps = events.stream().map(e -> new Step(e.at(), e.level(), e.kind().name(), e.kind().label(), e.actor(),
                e.unitCode(), e.text())).toList();
        List<Holding> holdings = new ArrayList<>();
        IssueEvent open = null;
        for (IssueEvent e : events) {
            boolean ends = e.kind() == IssueEvent.Kind.LEVEL_ENTERED || e.kind() == IssueEvent.Kind.RESOLVED
                    || e.kind() == IssueEvent.Kind.DEADLINE_MISSED || e.kind() == IssueEvent.Kind.ESCALATION_REQUESTED;
            if (open != null && ends) {
                holdings.add(holding(open, e.at()));
                open = null;
            }
            if (e.kind() == IssueEvent.Kind.LEVEL_ENTERED) {
                open = e;
            }
        }
        if (open != null) {
            holdings.add(holding(open, null));
        }
        return new Timeline(issue, steps, holdings);
    }

    @GetMapping("/api/issues/stats")
    List<UnitStats> stats() {
        Caller caller = callers.current();
        if (caller.seesEverything() || caller.is(Role.LEADER)) {
            return issues.stats();
        }
        return issues.stats().stream().filter(s -> caller.inUnit(s.unitCode())).toList();
    }

    private Holding holding(IssueEvent entered, Instant until) {
        Instant end = until == null ? clock.now() : until;
        int days = Math.max(0, calendar.workingDaysBetween(LocalDate.ofInstant(entered.at(), WorkingDayCalendar.ZONE),
                LocalDate.ofInstant(end, WorkingDayCalendar.ZONE)));
        String holder = entered.text().startsWith("由") ? entered.text().substring(1, entered.text().indexOf("办理")) : entered.text();
        return new Holding(entered.level(), holder, entered.at(), until, days);
    }
}
