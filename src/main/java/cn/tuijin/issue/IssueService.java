package cn.tuijin.issue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlinePolicy;
import cn.tuijin.deadline.Deadlines;
import cn.tuijin.org.Caller;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.project.Project;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.FormValues;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Reporting and triage of issues, and what the issue process asks about an issue (holders, deadlines).
 * Exposed to process expressions as {@code issues}.
 */
@Service("issues")
public class IssueService {

    private final IssueRepository issues;
    private final ProjectRepository projects;
    private final OrgDirectory org;
    private final WorkingDayCalendar calendar;
    private final IssueDeadlines issueDeadlines;
    private final IssuePolicy policy;
    private final EngineClock clock;
    private final ProjectScope scope;

    IssueService(IssueRepository issues, ProjectRepository projects, OrgDirectory org, WorkingDayCalendar calendar,
                 IssueDeadlines issueDeadlines, IssuePolicy policy, EngineClock clock, ProjectScope scope) {
        this.issues = issues;
        this.scope = scope;
        this.projects = projects;
        this.org = org;
        this.calendar = calendar;
        this.issueDeadlines = issueDeadlines;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Checks and records a reported issue; returns its code. The reporter may report only on a project he sees (of his
     * unit, cooperating or contracted): the same rule whichever door the report came through.
     */
    public String report(Caller reporter, Map<String, Object> values) {
        String user = reporter.userId();
        FormValues form = new FormValues(values);
        String projectCode = form.text("projectCode", "项目编号", 32);
        if (!projects.exists(projectCode)) {
            throw new InvalidInputException("projectCode", "项目 " + projectCode + " 不存在");
        }
        requireSees(reporter, projectCode);
        String categoryText = form.text("category", "问题类别", 16);
        IssueCategory category = IssueCategory.parse(categoryText);
        if (category == null) {
            throw new InvalidInputException("category", "未知的问题类别「" + categoryText + "」（可选：征地拆迁、土地、规划、资金、配套、审批手续、环保、其他）");
        }
        String description = form.text("description", "问题描述", 2000);
        String support = form.optionalText("supportNeeded", "需要协调解决的事项", 1000);
        String severityText = form.optionalText("severity", "严重程度", 8);
        Severity severity = severityText == null ? Severity.NORMAL : Severity.parse(severityText);
        if (severity == null) {
            throw new InvalidInputException("severity", "未知的严重程度「" + severityText + "」（可选：一般、较大、重大）");
        }
        Instant now = clock.now();
        String code = issues.insert(projectCode, category, description, support, severity, user, now, clock.today().getYear());
        issues.event(code, now, 0, IssueEvent.Kind.REPORTED, user, org.person(user).map(Person::unitCode).orElse(null),
                category.label() + "问题：" + description + (support == null ? "" : "。需要协调：" + support));
        return code;
    }

    /** An issue is reported only on a project the reporter sees. */
    public void requireSees(Caller reporter, String projectCode) {
        if (!scope.sees(reporter, projectCode)) {
            throw new ForbiddenException("只能就本单位牵头或配合（或分包）的项目反映问题：" + projectCode);
        }
    }

    /**
     * The project office's triage: lead unit, cooperating units, level-1 deadline (default from the policy), major or
     * not. Returns the level the issue goes to.
     */
    public int triage(String code, String user, Map<String, Object> values) {
        Issue issue = get(code);
        FormValues form = new FormValues(values);
        String lead = unitCode(form.text("leadUnit", "牵头单位", 128), "leadUnit");
        List<String> cooperating = new ArrayList<>();
        String coop = form.optionalText("cooperatingUnits", "配合单位", 1000);
        if (coop != null) {
            for (String part : coop.split("[,，、;；\\s]+")) {
                if (!part.isBlank()) {
                    String unit = unitCode(part, "cooperatingUnits");
                    if (unit.equals(lead)) {
                        throw new InvalidInputException("cooperatingUnits", "配合单位不能与牵头单位相同");
                    }
                    if (!cooperating.contains(unit)) {
                        cooperating.add(unit);
                    }
                }
            }
        }
        String deadlineText = form.optionalText("deadline", "办理期限", 10);
        LocalDate deadline;
        if (deadlineText == null) {
            deadline = calendar.addWorkingDays(clock.today(), policy.level1Days(issue.severity(), issue.category()));
        } else {
            deadline = form.date("deadline", "办理期限");
            if (deadline.isBefore(clock.today())) {
                throw new InvalidInputException("deadline", "「办理期限」不能早于今天（" + clock.today() + "）");
            }
        }
        String majorText = form.optionalText("majorLevel", "是否重大问题", 2);
        if (majorText != null && !majorText.matches("[123]")) {
            throw new InvalidInputException("majorLevel", "「办理层级」只能是 1（一般问题）、2（重大问题，提交分包领导）或 3（重大问题，提交推进委员会）");
        }
        int level = majorText == null ? 1 : Integer.parseInt(majorText);
        boolean major = level > 1;
        issues.triaged(code, lead, cooperating, major, WorkingDayCalendar.endOf(deadline).toInstant());
        issues.event(code, clock.now(), 0, IssueEvent.Kind.TRIAGED, user, lead, "牵头单位 " + unitName(lead)
                + (cooperating.isEmpty() ? "" : "，配合单位 " + String.join("、", cooperating.stream().map(this::unitName).toList()))
                + "，一级办理期限 " + deadline + (major ? "；重大问题，直接提交" + (level == 2 ? "分包领导" : "推进委员会") : ""));
        return level;
    }

    public Issue get(String code) {
        return issues.find(code).orElseThrow(() -> new NotFoundException("问题 " + code + " 不存在"));
    }

    /** The issues the user reported (我发起的), newest first. */
    public List<Issue> reportedBy(String userId, int offset, int limit) {
        return issues.reportedBy(userId, offset, limit);
    }

    public long countReportedBy(String userId) {
        return issues.countReportedBy(userId);
    }

    public List<Issue> forProject(String projectCode) {
        if (!projects.exists(projectCode)) {
            throw new NotFoundException("项目 " + projectCode + " 不存在");
        }
        return issues.forProject(projectCode);
    }

    public List<IssueEvent> events(String code) {
        get(code);
        return issues.events(code);
    }

    public List<String> cooperatingUnits(String code) {
        return issues.cooperatingUnits(code);
    }

    public List<UnitStats> stats() {
        return issues.stats();
    }

    /** The Camunda group of the issue's lead unit. */
    public String leadUnitGroup(String code) {
        return get(code).leadUnitCode();
    }

    /** The level the issue is at (where a rejected resolution is worked again). */
    public int level(String code) {
        return get(code).level();
    }

    /** The contracting leader of the issue's project: the candidate of level 2. */
    public String leaderOf(String code) {
        Project project = projects.find(get(code).projectCode()).orElseThrow();
        return project.leaderId();
    }

    /** Who reported the issue: they confirm its resolution. */
    public String reporter(String code) {
        return get(code).reportedBy();
    }

    /**
     * The deadline of the level the issue is at, in this round: level 1 as set at triage (or, after a reopening, a
     * new level-1 period from today); levels 2 and 3 per the policy from the day the level is entered. Computed once
     * per level and round, then kept, so the task, its timers and the level's timer agree.
     */
    public Date levelDue(String code, int level) {
        Issue issue = get(code);
        String key = level + ":" + issue.reopenCount();
        if (key.equals(issues.levelDueKey(code)) && issue.levelDueAt() != null) {
            return Date.from(issue.levelDueAt());
        }
        Instant due;
        if (level == 1 && issue.reopenCount() == 0 && issue.firstDeadlineAt() != null) {
            due = issue.firstDeadlineAt();
        } else {
            DeadlinePolicy.Window w = window(level);
            due = WorkingDayCalendar.endOf(calendar.addWorkingDays(clock.today(), w.days())).toInstant();
        }
        issues.levelDue(code, due, key);
        return Date.from(due);
    }

    public Date levelWarn(String code, int level) {
        LocalDate due = LocalDate.ofInstant(levelDue(code, level).toInstant(), WorkingDayCalendar.ZONE);
        return WorkingDayCalendar.startOf(calendar.subtractWorkingDays(due, window(level).warn()));
    }

    public List<Long> openAssignments(String code) {
        return issues.openAssignments(code);
    }

    public String assignmentUnit(Long id) {
        return assignment(id).unitCode();
    }

    public Date assignmentDue(Long id) {
        return Date.from(assignment(id).dueAt());
    }

    public Date assignmentWarn(Long id) {
        LocalDate due = LocalDate.ofInstant(assignment(id).dueAt(), WorkingDayCalendar.ZONE);
        return WorkingDayCalendar.startOf(calendar.subtractWorkingDays(due, 1));
    }

    IssueRepository.Assignment assignment(long id) {
        return issues.findAssignment(id).orElseThrow(() -> new NotFoundException("交办事项 " + id + " 不存在"));
    }

    private DeadlinePolicy.Window window(int level) {
        return issueDeadlines.level(level);
    }

    /** A unit named by its code or its name; refused with a Chinese message naming the field otherwise. */
    String unitCode(String text, String field) {
        String t = text.trim();
        var unit = org.units().stream()
                .filter(u -> u.code().equals(t) || u.name().equals(t))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(field, "未知的单位「" + t + "」"));
        if (unit.kind() == cn.tuijin.org.UnitKind.ENTERPRISE) {
            throw new InvalidInputException(field, "「" + unit.name() + "」是企业，不承办问题，请选择政府部门或区县政府");
        }
        return unit.code();
    }

    String unitName(String code) {
        return org.unit(code).map(u -> u.name()).orElse(code);
    }
}
