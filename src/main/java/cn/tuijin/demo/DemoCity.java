package cn.tuijin.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.tuijin.bulletin.BulletinService;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlinePolicy;
import cn.tuijin.light.LightService;
import cn.tuijin.org.District;
import cn.tuijin.org.IdentitySync;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.Unit;
import cn.tuijin.project.ApprovalItem;
import cn.tuijin.project.ApprovalPromises;
import cn.tuijin.project.ApprovalService;
import cn.tuijin.project.LifecycleService;
import cn.tuijin.project.MonthlyReportService;
import cn.tuijin.project.Project;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.project.Stage;
import cn.tuijin.system.EngineClock;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds a demo city on first start of the demo profile: districts, units, people with Camunda users, thirty-one
 * projects in every stage with planned dates relative to the day of seeding (some on time, some near their deadline,
 * some overdue), monthly reports, an issue on its way up, a supervision notice and last month's bulletin. Running it
 * again adds nothing that is already there.
 */
@Component
@ConditionalOnProperty(name = "tuijin.demo.enabled", havingValue = "true")
public class DemoCity {

    static final String PASSWORD = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoCity.class);

    private final OrgDirectory org;
    private final IdentitySync identity;
    private final ProjectRepository projects;
    private final ApprovalService approvals;
    private final LifecycleService lifecycle;
    private final MonthlyReportService reports;
    private final RuntimeService runtime;
    private final WorkingDayCalendar calendar;
    private final EngineClock clock;
    private final TransactionTemplate tx;
    private final DeadlinePolicy policy;
    private final ApprovalPromises promises;
    private final LightService lights;
    private final BulletinService bulletins;
    private final DemoWorkInProgress work;
    private final DemoEvidence evidence;
    private final boolean seedOnStart;

    /** Working days between the demo issue's report and today: past its level-1 period, within its level-2 one. */
    public static final int ISSUE_AGE = 15;
    /** The project of the demo issue (the land clearance on 临江大道). */
    public static final String ISSUE_PROJECT = "XM-2026-010";
    /** Working days between the acceptance of XM-2026-031's construction permit and today (seven promised). */
    public static final int PERMIT_AGE = 9;
    /** The project whose overdue signing the demo's supervision notice is about, and when it was registered. */
    public static final String NOTICE_PROJECT = "XM-2026-001";
    static final int NOTICE_ITEM_OPENED = 25;
    /** Working days between the supervision notice and today (five to answer). */
    public static final int NOTICE_AGE = 7;

    DemoCity(OrgDirectory org, IdentitySync identity, ProjectRepository projects, ApprovalService approvals,
             LifecycleService lifecycle, MonthlyReportService reports, RuntimeService runtime, WorkingDayCalendar calendar,
             EngineClock clock, TransactionTemplate tx, DeadlinePolicy policy, ApprovalPromises promises, LightService lights,
             BulletinService bulletins, DemoWorkInProgress work, DemoEvidence evidence,
             @Value("${tuijin.demo.seed-on-start:true}") boolean seedOnStart) {
        this.org = org;
        this.identity = identity;
        this.projects = projects;
        this.approvals = approvals;
        this.lifecycle = lifecycle;
        this.reports = reports;
        this.runtime = runtime;
        this.calendar = calendar;
        this.clock = clock;
        this.tx = tx;
        this.policy = policy;
        this.promises = promises;
        this.lights = lights;
        this.bulletins = bulletins;
        this.work = work;
        this.evidence = evidence;
        this.seedOnStart = seedOnStart;
    }

    @Order(10)
    @EventListener(ApplicationReadyEvent.class)
    void seedOnStart() {
        if (seedOnStart) {
            seed();
        }
    }

    /**
     * Seeds what is missing of the demo city, as of today: every date of the city is counted back or forward from the
     * day it is seeded, so that whatever that day is, the city has projects in every light, overdue deadlines of every
     * kind (monthly reports included), an issue waiting for its leader, a supervision notice past its answer date and
     * last month's bulletin.
     */
    public void seed() {
        LocalDate today = clock.today();
        tx.executeWithoutResult(s -> seedOrganisation());
        List<String> added = new ArrayList<>();
        for (DemoProject p : DemoProjects.ALL) {
            if (!projects.exists(p.code())) {
                tx.executeWithoutResult(s -> seedProject(p, today));
                added.add(p.code());
            }
        }
        if (!added.isEmpty()) {
            log.info("演示城市：以 {} 为今天，新建 {} 个项目", today, added.size());
        }
        boolean issue = work.seedIssue(today);
        boolean notice = work.seedNotice(today);
        evidence.seed();
        bulletins.publishNow(YearMonth.from(today).minusMonths(1), "system");
        if (!added.isEmpty() || issue || notice) {
            // Parts of the city were seeded as of past days: every light is computed again at today's time.
            lights.refresh(DemoProjects.ALL.stream().map(DemoProject::code).toList());
        }
    }

    private void seedOrganisation() {
        for (District d : DemoProjects.DISTRICTS) {
            if (!org.districtExists(d.code())) {
                org.insertDistrict(d);
            }
        }
        identity.ensureRoleGroups();
        for (Unit u : DemoProjects.UNITS) {
            if (org.unit(u.code()).isEmpty()) {
                org.insertUnit(u);
            }
            identity.ensureUnit(u);
        }
        for (Person p : DemoProjects.PEOPLE) {
            if (org.person(p.id()).isEmpty()) {
                org.insertPerson(p);
            }
            identity.ensurePerson(p, PASSWORD);
        }
        DemoProjects.SECRETARIES.forEach((leader, secretary) -> {
            if (org.secretaryOf(leader).isEmpty()) {
                org.insertSecretary(leader, secretary);
            }
            identity.ensureSecretary(secretary);
        });
    }

    private void seedProject(DemoProject d, LocalDate today) {
        Project p = d.toProject(today, calendar);
        projects.insert(p, d.cooperating(), clock.now());
        if (p.stage() == Stage.SIGNED || p.stage() == Stage.NEGOTIATING) {
            for (Map.Entry<ApprovalItem, String> a : d.approvals().entrySet()) {
                long id = approvals.register(p.code(), a.getKey(), a.getValue(), promises.days(a.getKey()));
                if (d.approvalsDone() && p.stage() == Stage.SIGNED) {
                    approvals.decide(id, "system", Map.of(ProjectLifecycle.Var.ACCEPTED_WITH_GAPS, false,
                            ProjectLifecycle.Field.APPROVAL_NO, "批复〔" + today.getYear() + "〕" + id + "号"));
                }
            }
        }
        if (p.stage() == Stage.RESERVE || p.stage() == Stage.OPERATING) {
            return;
        }
        List<YearMonth> open = p.stage() == Stage.UNDER_CONSTRUCTION && d.reportOpen() ? openReportMonths(today) : List.of();
        if (p.stage() == Stage.UNDER_CONSTRUCTION) {
            seedReports(p, today, open);
        }
        ProcessInstance instance = d.openedWorkingDaysAgo() == null ? lifecycle.start(p.code())
                : clock.at(at(calendar.subtractWorkingDays(today, d.openedWorkingDaysAgo()), 9), () -> lifecycle.start(p.code()));
        for (YearMonth month : open) {
            // Opened by the monthly timer at 1:00 on the 1st of the month (or now, on the 1st before that hour).
            Instant opened = month.atDay(1).atTime(1, 0).atZone(EngineClock.ZONE).toInstant();
            clock.at(opened.isBefore(clock.now()) ? opened : clock.now(), () -> runtime.createProcessInstanceModification(instance.getId())
                    .startBeforeActivity(ProjectLifecycle.Element.MONTHLY_REPORT)
                    .execute());
        }
    }

    /**
     * The months whose report tasks are open today: this month's (covering last month); and while this month's is not
     * yet due, last month's too, past its due day — so that a monthly report is overdue on any day of the year.
     */
    private List<YearMonth> openReportMonths(LocalDate today) {
        YearMonth month = YearMonth.from(today);
        if (today.isAfter(reportDay(month))) {
            return List.of(month);
        }
        return List.of(month.minusMonths(1), month);
    }

    private LocalDate reportDay(YearMonth month) {
        return calendar.nthWorkingDayOfMonth(month, policy.monthlyReport().dayOfMonth());
    }

    /**
     * The reports of up to twelve months before those still open (a report opened in a month covers the month
     * before), each submitted on the third working day of the month after its period.
     */
    private void seedReports(Project p, LocalDate today, List<YearMonth> open) {
        YearMonth firstOpen = open.isEmpty()
                ? (today.isAfter(reportDay(YearMonth.from(today))) ? YearMonth.from(today).plusMonths(1) : YearMonth.from(today))
                : open.get(0);
        YearMonth last = firstOpen.minusMonths(2);
        YearMonth from = YearMonth.from(p.actualStartDate()).plusMonths(1);
        if (from.isBefore(last.minusMonths(11))) {
            from = last.minusMonths(11);
        }
        BigDecimal monthly = p.annualPlanInvestment().divide(BigDecimal.valueOf(12), 0, RoundingMode.DOWN);
        // Laggards report two thirds of the schedule; the others keep up with it.
        boolean laggard = p.code().hashCode() % 3 == 0;
        BigDecimal month = laggard ? monthly.multiply(BigDecimal.valueOf(2)).divide(BigDecimal.valueOf(3), 0, RoundingMode.DOWN) : monthly;
        BigDecimal cumulative = BigDecimal.ZERO;
        int progress = 5;
        for (YearMonth m = from; !m.isAfter(last); m = m.plusMonths(1)) {
            cumulative = cumulative.add(month);
            progress = Math.min(95, progress + 7);
            Map<String, Object> values = Map.of(
                    ProjectLifecycle.Field.MONTH_INVESTMENT, month,
                    ProjectLifecycle.Field.CUMULATIVE_INVESTMENT, cumulative,
                    ProjectLifecycle.Field.PROGRESS_PERCENT, progress,
                    ProjectLifecycle.Field.PROBLEMS, "无");
            YearMonth period = m;
            clock.at(at(calendar.nthWorkingDayOfMonth(m.plusMonths(1), 3), 10), () -> reports.submit(p.code(), period, "system", values));
        }
    }

    /** The day at the hour, Beijing time. */
    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(EngineClock.ZONE).toInstant();
    }
}
