package cn.tuijin.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Set;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlineTracker;
import cn.tuijin.deadline.Deadlines;
import cn.tuijin.deadline.TaskDeadline;
import cn.tuijin.notification.NotificationOutbox;
import cn.tuijin.org.Groups;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.project.Project;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.SystemActions;
import cn.tuijin.system.TextInput;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Supervision notices (督办单): a supervisor issues one about an overdue item to the unit holding it, with a
 * rectification deadline in working days (the policy's by default) or on a date. Notices are numbered per year,
 * 督办〔2026〕第12号, in the transaction that issues them. Exposed to process expressions as {@code notices}.
 */
@Service("notices")
public class NoticeService {

    private static final Logger log = LoggerFactory.getLogger(NoticeService.class);

    private static final int MAX_WORKING_DAYS = 60;
    private static final int ATTEMPTS = 3;
    private static final Set<String> NOTICE_TASKS = Set.of(NoticeProcess.Element.ANSWER, NoticeProcess.Element.REVIEW,
            NoticeProcess.Element.FOLLOW_UP);

    private final NoticeRepository notices;
    private final DeadlineTracker tracker;
    private final ProjectRepository projects;
    private final WorkingDayCalendar calendar;
    private final NoticeDeadlines policy;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final SystemActions system;
    private final EngineClock clock;
    private final TransactionTemplate transaction;
    private final NotificationOutbox outbox;

    NoticeService(NoticeRepository notices, DeadlineTracker tracker, ProjectRepository projects, WorkingDayCalendar calendar,
                  NoticeDeadlines policy, RuntimeService runtime, IdentityService identity, SystemActions system,
                  EngineClock clock, PlatformTransactionManager transactions, NotificationOutbox outbox) {
        this.outbox = outbox;
        this.notices = notices;
        this.tracker = tracker;
        this.projects = projects;
        this.calendar = calendar;
        this.policy = policy;
        this.runtime = runtime;
        this.identity = identity;
        this.system = system;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The current user, a supervisor, issues a notice about the overdue item (its task id) with the rectification
     * requirement and either a number of working days or a date (neither: the policy's working days). Two notices
     * issued at once that took the same number, or the same item, are retried: the number taken is the next free one.
     */
    public Notice issue(String taskId, Integer workingDays, LocalDate dueDate, String requirement) {
        String user = requireSupervisor();
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> issueOnce(user, taskId, workingDays, dueDate, requirement));
            } catch (DataIntegrityViolationException | ConcurrencyFailureException lostTheRace) {
                if (attempt == ATTEMPTS) {
                    throw lostTheRace;
                }
                log.info("督办单：与同时下发的督办单冲突（第 {} 次），重新取号：{}", attempt, lostTheRace.getMostSpecificCause().getMessage());
            }
        }
    }

    private Notice issueOnce(String user, String taskId, Integer workingDays, LocalDate dueDate, String requirement) {
        String text = TextInput.required("requirement", "整改要求", requirement, 2000);
        LocalDate today = clock.today();
        LocalDate due;
        if (workingDays != null && dueDate != null) {
            throw new InvalidInputException("workingDays", "「整改期限（工作日）」和「整改截止日期」只能填写一项");
        } else if (dueDate != null) {
            if (!dueDate.isAfter(today)) {
                throw new InvalidInputException("dueDate", "「整改截止日期」须晚于今天（" + today + "）");
            }
            LocalDate latest = calendar.addWorkingDays(today, MAX_WORKING_DAYS);
            if (dueDate.isAfter(latest)) {
                throw new InvalidInputException("dueDate", "「整改截止日期」不能晚于 " + latest + "（至多" + MAX_WORKING_DAYS + "个工作日）");
            }
            due = dueDate;
        } else {
            int days = workingDays == null ? policy.notice().days() : workingDays;
            if (days < 1 || days > MAX_WORKING_DAYS) {
                throw new InvalidInputException("workingDays", "「整改期限」须为1到" + MAX_WORKING_DAYS + "个工作日");
            }
            due = calendar.addWorkingDays(today, days);
        }
        TaskDeadline item = overdueItem(taskId);
        Instant now = clock.now();
        int year = today.getYear();
        int seq = notices.nextSeq(year);
        String number = "督办〔" + year + "〕第" + seq + "号";
        Instant dueAt = WorkingDayCalendar.endOf(due).toInstant();
        Instant warnAt = WorkingDayCalendar.startOf(calendar.subtractWorkingDays(due, policy.notice().warn())).toInstant();
        Integer days = dueDate != null ? null : workingDays == null ? Integer.valueOf(policy.notice().days()) : workingDays;
        long id = notices.insert(number, year, seq, item, user, now, text, days, dueAt, warnAt);
        notices.event(id, now, NoticeEvent.Kind.ISSUED, user, item.holderUnitCode(), "就「" + item.taskName() + "」（期限 "
                + day(item.dueAt()) + "，已逾期）下发督办单，限 " + due + " 前报送整改情况。整改要求：" + text);
        String instance = system.asSystem(() -> runtime.startProcessInstanceByKey(NoticeProcess.KEY, number).getId());
        notices.processInstance(id, instance);
        outbox.add("notice:" + id + ":issued", NotificationOutbox.Event.NOTICE_ISSUED, null, item.holderUnitCode(),
                item.projectCode(), null, "督办单：" + number + " " + item.taskName(),
                number + "：「" + item.taskName() + "」期限 " + day(item.dueAt()) + "，已逾期。整改要求：" + text + "。请于 "
                        + due + " 前在任务列表「本单位待办 → 报送整改情况」中报送整改情况。", now, null);
        return get(id);
    }

    /** The open deadline of the task, if it has passed; otherwise a Chinese refusal naming the task id. */
    private TaskDeadline overdueItem(String taskId) {
        String id = taskId == null ? "" : taskId.trim();
        if (id.isEmpty()) {
            throw new InvalidInputException("taskId", "请指定逾期事项（taskId）");
        }
        TaskDeadline item = tracker.get(id);
        if (item == null || !item.open()) {
            throw new InvalidInputException("taskId", "事项 " + TextInput.shown(id) + " 不存在或已办结，不能下发督办单");
        }
        if (NOTICE_TASKS.contains(item.activityId())) {
            throw new InvalidInputException("taskId", "督办单自身的办理事项不能再下发督办单");
        }
        if (item.paused()) {
            throw new InvalidInputException("taskId", "「" + item.taskName() + "」已暂停计时，不能下发督办单");
        }
        if (!item.dueAt().isBefore(clock.now())) {
            throw new InvalidInputException("taskId", "「" + item.taskName() + "」尚未逾期（期限 " + day(item.dueAt()) + "），不能下发督办单");
        }
        if (item.holderUnitCode() == null || item.holderUnitCode().isEmpty()) {
            throw new InvalidInputException("taskId", "无法确定「" + item.taskName() + "」的责任单位，不能下发督办单");
        }
        notices.openFor(id).ifPresent(open -> {
            throw new InvalidInputException("taskId", "「" + item.taskName() + "」已有督办单 " + open.number() + " 尚未办结");
        });
        return item;
    }

    private String requireSupervisor() {
        Authentication user = system.currentUser();
        if (user == null || user.getUserId() == null) {
            throw new ForbiddenException("请先登录");
        }
        List<String> groups = user.getGroupIds();
        boolean supervisor = groups != null ? groups.contains(Groups.SUPERVISORS)
                : system.asSystem(() -> identity.createGroupQuery().groupMember(user.getUserId()).groupId(Groups.SUPERVISORS).count()) > 0;
        if (!supervisor) {
            throw new ForbiddenException("只有督查室（督查人员）可以下发督办单");
        }
        return user.getUserId();
    }

    public Notice get(long id) {
        return notices.find(id).orElseThrow(() -> new NotFoundException("督办单 " + id + " 不存在"));
    }

    /**
     * The notice a process instance is about, by its business key: the notice's number, given when the instance
     * started. The diagram's expressions ask {@code notices.idOf(execution.processBusinessKey)}.
     */
    public Notice byNumber(String number) {
        return notices.findByNumber(number).orElseThrow(() -> new NotFoundException("督办单 " + number + " 不存在"));
    }

    public Long idOf(String number) {
        return byNumber(number).id();
    }

    public List<Notice> find(ProjectScope.Condition scope, String unitCode, String projectCode, Notice.Status status, int offset, int limit) {
        return notices.find(scope, unitCode, projectCode, status, offset, limit);
    }

    public List<NoticeEvent> events(long id) {
        get(id);
        return notices.events(id);
    }

    /** The Camunda group of the unit that must answer: the unit's own group. */
    public String unit(Long id) {
        return get(id).unitCode();
    }

    /** The rectification deadline of the current round. */
    public Date due(Long id) {
        return Date.from(get(id).dueAt());
    }

    /** The start of the current round's warning window. */
    public Date warn(Long id) {
        Notice n = get(id);
        return Date.from(n.warnAt() != null ? n.warnAt() : n.dueAt());
    }

    /** Who follows up a missed deadline: the project's contracting leader. */
    public List<String> leaderOf(Long id) {
        String leader = leader(get(id));
        return leader == null ? List.of() : List.of(leader);
    }

    /** A project without a contracting leader: every leader may follow up. */
    public List<String> leadersIfNoLeader(Long id) {
        return leader(get(id)) == null ? List.of(Groups.LEADERS) : List.of();
    }

    String leader(Notice notice) {
        return projects.find(notice.projectCode()).map(Project::leaderId).orElse(null);
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, WorkingDayCalendar.ZONE);
    }
}
