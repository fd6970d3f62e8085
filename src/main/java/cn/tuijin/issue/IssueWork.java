package cn.tuijin.issue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlineKind;
import cn.tuijin.deadline.DeadlinePassed;
import cn.tuijin.deadline.Deadlines;
import cn.tuijin.deadline.DeadlineTracker;
import cn.tuijin.deadline.HeldTask;
import cn.tuijin.deadline.TaskDeadline;
import cn.tuijin.light.LightService;
import cn.tuijin.notification.NotificationOutbox;
import cn.tuijin.org.Groups;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.FormValues;
import cn.tuijin.system.InvalidInputException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The work on an issue at each level: the lead unit resolves, asks to escalate or to transfer; cooperating units
 * give opinions; the leader coordinates and may call a special meeting whose decisions become assignments; the
 * committee decides; the reporter confirms or rejects. A missed level deadline is written down against its holder.
 */
@Service
public class IssueWork {

    private final IssueRepository issues;
    private final IssueService service;
    private final ApplicationEventPublisher events;
    private final OrgDirectory org;
    private final EngineClock clock;
    private final LightService lights;
    private final NotificationOutbox outbox;
    private final DeadlineTracker deadlines;

    IssueWork(IssueRepository issues, IssueService service, ApplicationEventPublisher events, OrgDirectory org,
              EngineClock clock, LightService lights, NotificationOutbox outbox, DeadlineTracker deadlines) {
        this.deadlines = deadlines;
        this.lights = lights;
        this.outbox = outbox;
        this.issues = issues;
        this.service = service;
        this.events = events;
        this.org = org;
        this.clock = clock;
    }

    /** The issue enters a level (first time or again after a reopening). */
    public void enterLevel(String code, int level) {
        issues.level(code, level);
        lights.refresh(service.get(code).projectCode());
        String who = switch (level) {
            case 1 -> service.unitName(service.get(code).leadUnitCode());
            case 2 -> "分包领导 " + org.person(service.leaderOf(code)).map(Person::name).orElse(service.leaderOf(code));
            default -> "推进委员会";
        };
        LocalDate due = LocalDate.ofInstant(service.levelDue(code, level).toInstant(), cn.tuijin.calendar.WorkingDayCalendar.ZONE);
        issues.event(code, clock.now(), level, IssueEvent.Kind.LEVEL_ENTERED, "system", null, "由" + who + "办理，期限 " + due);
        if (level >= 2) {
            Issue issue = service.get(code);
            outbox.add("issue:" + code + ":level" + level + ":round" + issue.reopenCount(), NotificationOutbox.Event.ISSUE_ESCALATED,
                    level == 2 ? service.leaderOf(code) : null, level == 2 ? null : Groups.COMMITTEE, issue.projectCode(), null,
                    "问题升级：" + code + " 提交" + (level == 2 ? "分包领导协调" : "推进委员会决策"),
                    "问题 " + code + " 已提交" + who + "办理，期限 " + due + "。请在任务列表中「"
                            + (level == 2 ? "待我协调" : "推进委员会") + "」查看。", clock.now(), null);
        }
    }

    /** Someone holds the level's work now (a task was created or claimed). */
    public void held(String code, String unit, String user, String taskId) {
        issues.holder(code, unit, user == null ? "" : user, taskId);
    }

    /** The lead unit's answer at level 1: RESOLVED, ESCALATE (saying what it did) or TRANSFER (to whom, why). */
    public String resolve(String code, String user, Map<String, Object> values) {
        Issue issue = service.get(code);
        FormValues form = new FormValues(values);
        String outcome = form.text("outcome", "办理结果", 16);
        String unit = issue.leadUnitCode();
        switch (outcome) {
            case "RESOLVED" -> resolved(code, user, unit, form.text("resolution", "解决情况", 2000), 1);
            case "ESCALATE" -> issues.event(code, clock.now(), 1, IssueEvent.Kind.ESCALATION_REQUESTED, user, unit,
                    "申请提交分包领导协调。已采取的措施：" + form.text("actionsTaken", "已采取的措施", 2000));
            case "TRANSFER" -> {
                String to = service.unitCode(form.text("transferTo", "转办单位", 128), "transferTo");
                if (to.equals(unit)) {
                    throw new InvalidInputException("transferTo", "不能转办给本单位");
                }
                issues.event(code, clock.now(), 1, IssueEvent.Kind.TRANSFER_REQUESTED, user, unit,
                        "申请转办给" + service.unitName(to) + "|" + to + "|。理由：" + form.text("transferReason", "转办理由", 1000));
            }
            default -> throw new InvalidInputException("outcome", "「办理结果」只能是已解决、申请升级或申请转办");
        }
        return outcome;
    }

    /** The project office approves or refuses the requested transfer; an approved one changes the lead unit. */
    public boolean decideTransfer(String code, String user, Map<String, Object> values) {
        FormValues form = new FormValues(values);
        boolean approved = form.bool("transferApproved", "是否同意转办");
        String reason = form.text("transferDecisionReason", "审批意见", 1000);
        IssueEvent request = issues.events(code).stream().filter(e -> e.kind() == IssueEvent.Kind.TRANSFER_REQUESTED)
                .reduce((a, b) -> b).orElseThrow(() -> new InvalidInputException("transferApproved", "没有待审批的转办申请"));
        String to = request.text().split("\\|")[1];
        if (approved) {
            issues.leadUnit(code, to);
            issues.event(code, clock.now(), 1, IssueEvent.Kind.TRANSFER_APPROVED, user, to, "同意转办给" + service.unitName(to) + "：" + reason);
        } else {
            issues.event(code, clock.now(), 1, IssueEvent.Kind.TRANSFER_REFUSED, user, request.unitCode(), "不同意转办：" + reason);
        }
        return approved;
    }

    public void opinion(String code, String unit, String user, Map<String, Object> values) {
        issues.event(code, clock.now(), 1, IssueEvent.Kind.OPINION, user, unit, new FormValues(values).text("opinion", "配合意见", 2000));
    }

    /** The leader's answer at level 2: RESOLVED, MEETING or ESCALATE (to the committee). */
    public String coordinate(String code, String user, Map<String, Object> values) {
        FormValues form = new FormValues(values);
        String outcome = form.text("outcome", "协调结果", 16);
        switch (outcome) {
            case "RESOLVED" -> resolved(code, user, null, form.text("resolution", "解决情况", 2000), 2);
            case "MEETING" -> {
            }
            case "ESCALATE" -> issues.event(code, clock.now(), 2, IssueEvent.Kind.ESCALATION_REQUESTED, user, null,
                    "提交推进委员会决策。协调情况：" + form.text("actionsTaken", "协调情况", 2000));
            default -> throw new InvalidInputException("outcome", "「协调结果」只能是已解决、召开专题会议或提交推进委员会");
        }
        return outcome;
    }

    /**
     * Records a special meeting: minutes and decisions, one per line "单位｜交办事项｜期限(年-月-日)". Each decision
     * becomes an assignment to that unit with its own deadline.
     */
    public void meeting(String code, String user, Map<String, Object> values) {
        FormValues form = new FormValues(values);
        String minutes = form.text("minutes", "会议纪要", 4000);
        String decisions = form.text("decisions", "交办事项", 4000);
        record Decision(String unit, String task, LocalDate due) {
        }
        java.util.List<Decision> parsed = new java.util.ArrayList<>();
        int line = 0;
        for (String raw : decisions.split("\\R")) {
            line++;
            if (raw.isBlank()) {
                continue;
            }
            String[] parts = raw.split("[｜|]");
            if (parts.length != 3) {
                throw new InvalidInputException("decisions", "「交办事项」第" + line + "行格式有误，应为：单位｜交办事项｜期限（如 市住房城乡建设局｜完成补偿方案｜2026-12-10）");
            }
            String unit = service.unitCode(parts[0], "decisions");
            LocalDate due;
            try {
                due = LocalDate.parse(parts[2].trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidInputException("decisions", "「交办事项」第" + line + "行的期限不是有效日期（格式：年-月-日）");
            }
            if (due.isBefore(clock.today())) {
                throw new InvalidInputException("decisions", "「交办事项」第" + line + "行的期限不能早于今天");
            }
            if (parts[1].isBlank()) {
                throw new InvalidInputException("decisions", "「交办事项」第" + line + "行缺少交办内容");
            }
            parsed.add(new Decision(unit, parts[1].trim(), due));
        }
        if (parsed.isEmpty()) {
            throw new InvalidInputException("decisions", "请至少填写一项「交办事项」");
        }
        Instant now = clock.now();
        long meeting = issues.meeting(code, user, now, minutes);
        for (Decision d : parsed) {
            issues.assignment(code, meeting, d.unit(), d.task(), WorkingDayCalendar.endOf(d.due()).toInstant());
        }
        issues.event(code, now, 2, IssueEvent.Kind.MEETING, user, null, "会议纪要：" + minutes + "；交办 " + parsed.size() + " 项："
                + String.join("；", parsed.stream().map(d -> service.unitName(d.unit()) + " " + d.task() + "（" + d.due() + "前）").toList()));
    }

    public void assignmentDone(long assignmentId, String user, Map<String, Object> values) {
        IssueRepository.Assignment a = service.assignment(assignmentId);
        String result = new FormValues(values).text("result", "落实情况", 2000);
        issues.assignmentDone(assignmentId, user, clock.now(), result);
        issues.event(a.issueCode(), clock.now(), 2, IssueEvent.Kind.ASSIGNMENT_DONE, user, a.unitCode(), a.task() + "：" + result);
    }

    public void decide(String code, String user, Map<String, Object> values) {
        resolved(code, user, null, new FormValues(values).text("resolution", "委员会决定", 2000), 3);
    }

    /** The reporter confirms the resolution, or rejects it: then the issue is worked again at the same level. */
    public boolean confirm(String code, String user, Map<String, Object> values) {
        FormValues form = new FormValues(values);
        boolean confirmed = form.bool("confirmed", "是否已解决");
        Issue issue = service.get(code);
        if (confirmed) {
            issues.closed(code, clock.now());
            lights.refresh(issue.projectCode());
            issues.event(code, clock.now(), issue.level(), IssueEvent.Kind.CONFIRMED, user, null, "确认问题已解决");
        } else {
            String reason = form.text("rejectReason", "未解决的原因", 1000);
            issues.reopened(code);
            issues.event(code, clock.now(), issue.level(), IssueEvent.Kind.REOPENED, user,
                    issue.level() == 1 ? issue.leadUnitCode() : null, "问题未解决：" + reason);
        }
        return confirmed;
    }

    /**
     * The level's deadline passed with nobody solving it: published as a passed deadline of whoever held the level's work
     * (the accountability module records it, as for any task), and the issue goes up. Runs once per level and round (a retried job finds it done).
     */
    public void expire(String code, int level, String processInstanceId) {
        Issue issue = service.get(code);
        String round = "第" + (issue.reopenCount() + 1) + "轮";
        if (issues.hasEvent(code, IssueEvent.Kind.DEADLINE_MISSED, level, round)) {
            return;
        }
        String unit = issue.holderUnitCode() == null ? "" : issue.holderUnitCode();
        String taskId = issue.holderTaskId() == null ? code + ":" + level + ":" + issue.reopenCount() : issue.holderTaskId();
        events.publishEvent(new DeadlinePassed(new HeldTask(issue.projectCode(), processInstanceId, taskId,
                level == 1 ? IssueEscalation.Element.RESOLVE : IssueEscalation.Element.COORDINATE,
                "问题 " + code + (level == 1 ? " 一级办理" : " 二级协调"), DeadlineKind.ISSUE_LEVEL, unit,
                issue.holderUserId() == null ? "" : issue.holderUserId(), null, issue.levelDueAt(), actingFor(issue.holderTaskId()))));
        issues.event(code, clock.now(), level, IssueEvent.Kind.DEADLINE_MISSED, "system", unit,
                "期限已过未解决（" + round + "），记入问责并" + (level == 1 ? "提交分包领导协调" : "提交推进委员会"));
    }

    /** Who worked the level's task for its holder away (委托), as its deadline recorded it; '' if nobody. */
    private String actingFor(String taskId) {
        TaskDeadline deadline = taskId == null ? null : deadlines.get(taskId);
        return deadline == null ? "" : deadline.actingUserId();
    }

    private void resolved(String code, String user, String unit, String resolution, int level) {
        issues.resolved(code, resolution, user, clock.now());
        issues.event(code, clock.now(), level, IssueEvent.Kind.RESOLVED, user, unit, resolution);
    }
}
