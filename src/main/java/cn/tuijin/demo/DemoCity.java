package cn.tuijin.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Date;
import java.util.Map;

import cn.tuijin.deadline.DeadlinePolicy;
import cn.tuijin.deadline.LightService;
import cn.tuijin.deadline.WorkingDayCalendar;
import cn.tuijin.issue.IssueEscalation;
import cn.tuijin.org.District;
import cn.tuijin.org.IdentitySync;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.Unit;
import cn.tuijin.project.ApprovalItem;
import cn.tuijin.project.ApprovalService;
import cn.tuijin.project.Category;
import cn.tuijin.project.LifecycleService;
import cn.tuijin.project.Level;
import cn.tuijin.project.MonthlyReportService;
import cn.tuijin.project.Project;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.project.Stage;
import cn.tuijin.system.EngineClock;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds a demo city on first start of the demo profile: districts, units, people with Camunda users, thirty-one
 * projects in every stage with planned dates relative to today (some on time, some near their deadline, some
 * overdue), and an issue on its way up. Running it again adds nothing that is already there.
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
    private final IdentityService identityService;
    private final TaskService taskService;
    private final FormService formService;
    private final JdbcTemplate jdbc;
    private final LightService lights;
    private final boolean seedOnStart;

    /** Working days between the demo issue's report and today: past its level-1 period, within its level-2 one. */
    static final int ISSUE_AGE = 15;

    DemoCity(OrgDirectory org, IdentitySync identity, ProjectRepository projects, ApprovalService approvals,
             LifecycleService lifecycle, MonthlyReportService reports, RuntimeService runtime, WorkingDayCalendar calendar,
             EngineClock clock, TransactionTemplate tx, DeadlinePolicy policy, IdentityService identityService,
             TaskService taskService, FormService formService, JdbcTemplate jdbc, LightService lights,
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
        this.identityService = identityService;
        this.taskService = taskService;
        this.formService = formService;
        this.jdbc = jdbc;
        this.lights = lights;
        this.seedOnStart = seedOnStart;
    }

    @Order(10)
    @EventListener(ApplicationReadyEvent.class)
    void seedOnStart() {
        if (seedOnStart) {
            seed();
        }
    }

    /** Seeds what is missing of the demo city. */
    public void seed() {
        tx.executeWithoutResult(s -> seedOrganisation());
        int added = 0;
        for (DemoProject p : DemoProjects.ALL) {
            if (!projects.exists(p.code())) {
                tx.executeWithoutResult(s -> seedProject(p));
                added++;
            }
        }
        if (added > 0) {
            log.info("演示城市：新建 {} 个项目", added);
        }
        tx.executeWithoutResult(s -> seedIssue());
    }

    /**
     * A land-clearance issue on 临江大道 reported {@value #ISSUE_AGE} working days before today and triaged to
     * 自然资源局 the same day: nobody acted, so at start-up its level-1 deadline has passed and it goes to the
     * contracting leader, whose own deadline is still ahead. The engine clock is moved back to the day of the report
     * while it is seeded; the project's light is then recomputed at the real time.
     */
    private void seedIssue() {
        Integer present = jdbc.queryForObject("select count(*) from issue where project_code = 'XM-2026-010'", Integer.class);
        if (present != null && present > 0) {
            return;
        }
        LocalDate reported = calendar.subtractWorkingDays(clock.today(), ISSUE_AGE);
        ClockUtil.setCurrentTime(Date.from(reported.atTime(9, 0).atZone(WorkingDayCalendar.ZONE).toInstant()));
        try {
            identityService.setAuthentication("sunhb", List.of("ljq"));
            ProcessInstance issue = runtime.startProcessInstanceByKey(IssueEscalation.KEY, Map.of(
                    "projectCode", "XM-2026-010", "category", "LAND_CLEARANCE", "severity", "SERIOUS",
                    "description", "临江大道K3+200至K3+650段有5户居民房屋未完成征收，影响路基施工",
                    "supportNeeded", "请市自然资源和规划局牵头明确补偿标准，临江区政府配合入户"));
            identityService.setAuthentication("zhengwt", List.of("projectOffice", "xmb"));
            Task triage = taskService.createTaskQuery().processInstanceId(issue.getId()).singleResult();
            formService.submitTaskForm(triage.getId(), Map.of("leadUnit", "zrj", "cooperatingUnits", "ljq", "majorLevel", "1"));
        } finally {
            identityService.clearAuthentication();
            ClockUtil.reset();
        }
        lights.refresh("XM-2026-010");
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
    }

    private void seedProject(DemoProject d) {
        LocalDate today = clock.today();
        Project p = d.toProject(today, calendar);
        projects.insert(p, d.cooperating(), clock.now());
        if (p.stage() == Stage.SIGNED || p.stage() == Stage.NEGOTIATING) {
            for (Map.Entry<ApprovalItem, String> a : d.approvals().entrySet()) {
                long id = approvals.register(p.code(), a.getKey(), a.getValue(), policy.approvalDays(a.getKey()));
                if (d.approvalsDone() && p.stage() == Stage.SIGNED) {
                    approvals.decide(id, "system", Map.of(ProjectLifecycle.Var.ACCEPTED_WITH_GAPS, false,
                            ProjectLifecycle.Field.APPROVAL_NO, "批复〔" + today.getYear() + "〕" + id + "号"));
                }
            }
        }
        if (p.stage() == Stage.UNDER_CONSTRUCTION) {
            seedReports(p, today);
        }
        if (p.stage() == Stage.RESERVE || p.stage() == Stage.OPERATING) {
            return;
        }
        ProcessInstance instance = d.openedOn() == null ? lifecycle.start(p.code()) : startedOn(d.openedOn(), p.code());
        if (p.stage() == Stage.UNDER_CONSTRUCTION && d.reportOpen()) {
            runtime.createProcessInstanceModification(instance.getId())
                    .startBeforeActivity(ProjectLifecycle.Element.MONTHLY_REPORT)
                    .execute();
        }
    }

    /** Starts the project's lifecycle as if on the given day, 9:00 (the engine clock is put back after). */
    private ProcessInstance startedOn(LocalDate day, String code) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(9, 0).atZone(WorkingDayCalendar.ZONE).toInstant()));
        try {
            return lifecycle.start(code);
        } finally {
            ClockUtil.reset();
        }
    }

    /** Monthly reports from the start of construction (or January) to two months ago. */
    private void seedReports(Project p, LocalDate today) {
        YearMonth from = YearMonth.from(p.actualStartDate()).plusMonths(1);
        YearMonth yearStart = YearMonth.of(today.getYear(), 1);
        if (from.isBefore(yearStart)) {
            from = yearStart;
        }
        YearMonth last = YearMonth.from(today).minusMonths(2);
        BigDecimal monthly = p.annualPlanInvestment().divide(BigDecimal.valueOf(12), 0, java.math.RoundingMode.DOWN);
        BigDecimal cumulative = BigDecimal.ZERO;
        int progress = 5;
        for (YearMonth m = from; !m.isAfter(last); m = m.plusMonths(1)) {
            // Laggards report two thirds of the schedule; the others keep up with it.
            BigDecimal month = p.code().hashCode() % 3 == 0 ? monthly.multiply(BigDecimal.valueOf(2)).divide(BigDecimal.valueOf(3), 0, java.math.RoundingMode.DOWN) : monthly;
            cumulative = cumulative.add(month);
            progress = Math.min(95, progress + 7);
            reports.submit(p.code(), m, "system", Map.of(
                    ProjectLifecycle.Field.MONTH_INVESTMENT, month,
                    ProjectLifecycle.Field.CUMULATIVE_INVESTMENT, cumulative,
                    ProjectLifecycle.Field.PROGRESS_PERCENT, progress,
                    ProjectLifecycle.Field.PROBLEMS, "无"));
        }
    }
}
