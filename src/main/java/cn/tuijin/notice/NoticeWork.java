package cn.tuijin.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.Deadlines;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.FormValues;
import cn.tuijin.system.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * The work on a notice: the unit answers with its rectification report, a supervisor accepts it or sends it back
 * with a reason (a new round: the policy's working days from then, or the old deadline if later), a missed
 * deadline goes to the project's contracting leader, who follows it up.
 */
@Service
public class NoticeWork {

    /** Form fields: recorded in the notice's tables, never kept as process variables. */
    static final String RECTIFICATION = "rectification";
    static final String REVIEW_NOTE = "reviewNote";
    static final String FOLLOW_UP_NOTE = "followUpNote";

    private final NoticeRepository notices;
    private final NoticeService service;
    private final OrgDirectory org;
    private final WorkingDayCalendar calendar;
    private final NoticeDeadlines policy;
    private final EngineClock clock;

    NoticeWork(NoticeRepository notices, NoticeService service, OrgDirectory org, WorkingDayCalendar calendar,
               NoticeDeadlines policy, EngineClock clock) {
        this.notices = notices;
        this.service = service;
        this.org = org;
        this.calendar = calendar;
        this.policy = policy;
        this.clock = clock;
    }

    /** The unit's rectification report. */
    public void answer(long id, String user, Map<String, Object> values) {
        String report = new FormValues(values).text(RECTIFICATION, "整改情况", 4000);
        Notice notice = service.get(id);
        Instant now = clock.now();
        notices.answered(id, report, user, now);
        String late = now.isAfter(notice.dueAt())
                ? "（逾期 " + Math.max(1, calendar.workingDaysBetween(NoticeService.day(notice.dueAt()), clock.today())) + " 个工作日）" : "";
        notices.event(id, now, NoticeEvent.Kind.ANSWERED, user, notice.unitCode(), "报送整改情况" + late + "：" + report);
    }

    /** A supervisor's review: accepted closes the notice; sent back needs a reason and starts a new round. */
    public boolean review(long id, String user, Map<String, Object> values) {
        FormValues form = new FormValues(values);
        boolean accepted = form.bool(NoticeProcess.Var.ACCEPTED, "审核结论");
        String note = form.optionalText(REVIEW_NOTE, "退回理由", 1000);
        Notice notice = service.get(id);
        Instant now = clock.now();
        if (accepted) {
            notices.accepted(id, user, now);
            notices.event(id, now, NoticeEvent.Kind.ACCEPTED, user, notice.unitCode(), "整改到位，督办单办结" + (note == null ? "" : "。" + note));
            return true;
        }
        if (note == null) {
            throw new InvalidInputException(REVIEW_NOTE, "退回时请填写「退回理由」");
        }
        LocalDate due = calendar.addWorkingDays(clock.today(), policy.notice().days());
        if (NoticeService.day(notice.dueAt()).isAfter(due)) {
            due = NoticeService.day(notice.dueAt());
        }
        Instant warnAt = WorkingDayCalendar.startOf(calendar.subtractWorkingDays(due, policy.notice().warn())).toInstant();
        notices.returned(id, note, user, now, WorkingDayCalendar.endOf(due).toInstant(), warnAt);
        notices.event(id, now, NoticeEvent.Kind.RETURNED, user, notice.unitCode(), "退回重新整改，限 " + due + " 前重新报送。理由：" + note);
        return false;
    }

    /** The rectification deadline passed without an answer (its accountability record is written): raise it. */
    public void raise(long id) {
        Notice notice = service.get(id);
        String leader = service.leader(notice);
        Instant now = clock.now();
        notices.raised(id, leader, now);
        String who = leader == null ? "分包领导" : "分包领导 " + org.person(leader).map(Person::name).orElse(leader);
        notices.event(id, now, NoticeEvent.Kind.RAISED, "system", notice.unitCode(), "整改期限 " + NoticeService.day(notice.dueAt())
                + " 已过，未报送整改情况，已记入问责，提交" + who + "跟进");
    }

    /** The contracting leader's follow-up of a missed deadline. */
    public void followUp(long id, String user, Map<String, Object> values) {
        String note = new FormValues(values).text(FOLLOW_UP_NOTE, "跟进情况", 2000);
        notices.event(id, clock.now(), NoticeEvent.Kind.FOLLOWED_UP, user, null, note);
    }
}
