package cn.tuijin.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.issue.IssueEscalation;
import cn.tuijin.notice.NoticeService;
import cn.tuijin.org.Groups;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.system.EngineClock;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo city's work in progress, done as of past days so that it stands where it would stand today: an issue that
 * climbed to its leader when its first deadline passed, and a supervision notice past its answer date.
 */
@Component
@ConditionalOnProperty(name = "tuijin.demo.enabled", havingValue = "true")
class DemoWorkInProgress {

    private static final Logger log = LoggerFactory.getLogger(DemoWorkInProgress.class);

    private final EngineClock clock;
    private final WorkingDayCalendar calendar;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final IdentityService identityService;
    private final TaskService taskService;
    private final FormService formService;
    private final ManagementService management;
    private final NoticeService notices;

    DemoWorkInProgress(EngineClock clock, WorkingDayCalendar calendar, TransactionTemplate tx, JdbcTemplate jdbc,
                       RuntimeService runtime, IdentityService identityService, TaskService taskService,
                       FormService formService, ManagementService management, NoticeService notices) {
        this.clock = clock;
        this.calendar = calendar;
        this.tx = tx;
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.identityService = identityService;
        this.taskService = taskService;
        this.formService = formService;
        this.management = management;
        this.notices = notices;
    }

    /**
     * A land-clearance issue on 临江大道 reported {@value DemoCity#ISSUE_AGE} working days before today and triaged to
     * 自然资源局 the same day: nobody acted, so its level-1 deadline passed (the missed deadline is recorded when it
     * passed) and it went to the contracting leader, whose own deadline is still ahead.
     */
    boolean seedIssue(LocalDate today) {
        Integer present = jdbc.queryForObject("select count(*) from issue where project_code = ?", Integer.class, DemoCity.ISSUE_PROJECT);
        if (present != null && present > 0) {
            return false;
        }
        Instant reported = at(calendar.subtractWorkingDays(today, DemoCity.ISSUE_AGE), 9);
        String instance = tx.execute(s -> clock.at(reported, () -> {
            try {
                identityService.setAuthentication("sunhb", List.of("ljq"));
                ProcessInstance issue = runtime.startProcessInstanceByKey(IssueEscalation.KEY, Map.of(
                        "projectCode", DemoCity.ISSUE_PROJECT, "category", "LAND_CLEARANCE", "severity", "SERIOUS",
                        "description", "临江大道K3+200至K3+650段有5户居民房屋未完成征收，影响路基施工",
                        "supportNeeded", "请市自然资源和规划局牵头明确补偿标准，临江区政府配合入户"));
                identityService.setAuthentication("zhengwt", List.of(Groups.PROJECT_OFFICE, "xmb"));
                Task triage = taskService.createTaskQuery().processInstanceId(issue.getId()).singleResult();
                formService.submitTaskForm(triage.getId(), Map.of("leadUnit", "zrj", "cooperatingUnits", "ljq", "majorLevel", "1"));
                return issue.getId();
            } finally {
                identityService.clearAuthentication();
            }
        }));
        runJobsDueBy(instance, reported, clock.now());
        return true;
    }

    /**
     * A supervision notice issued {@value DemoCity#NOTICE_AGE} working days before today by 督查室 about the overdue signing
     * of {@value DemoCity#NOTICE_PROJECT}: its five working days to answer have run out.
     */
    boolean seedNotice(LocalDate today) {
        Integer present = jdbc.queryForObject("select count(*) from notice where project_code = ?", Integer.class, DemoCity.NOTICE_PROJECT);
        if (present != null && present > 0) {
            return false;
        }
        Task item = taskService.createTaskQuery().processInstanceBusinessKey(DemoCity.NOTICE_PROJECT)
                .taskDefinitionKey(ProjectLifecycle.Element.CLAIM_SIGNING).singleResult();
        if (item == null) {
            return false;
        }
        clock.at(at(calendar.subtractWorkingDays(today, DemoCity.NOTICE_AGE), 10), () -> {
            try {
                identityService.setAuthentication("huangzh", List.of(Groups.SUPERVISORS, "dcs"));
                notices.issue(item.getId(), null, null, "立即对接企业，明确签约时间表，报送未按期签约的原因和下一步措施");
            } finally {
                identityService.clearAuthentication();
            }
        });
        return true;
    }

    /**
     * Runs the instance's jobs due by the instant, in the order of their due dates and each at its own time, as the
     * job executor would have done since; a job the job executor took meanwhile is left to it.
     */
    private void runJobsDueBy(String processInstanceId, Instant from, Instant until) {
        Instant last = from;
        for (int round = 0; round < 20; round++) {
            Job next = management.createJobQuery().processInstanceId(processInstanceId).list().stream()
                    .filter(j -> j.getDuedate() == null || j.getDuedate().toInstant().isBefore(until))
                    .min(Comparator.comparing((Job j) -> j.getDuedate() == null ? Instant.MIN : j.getDuedate().toInstant()))
                    .orElse(null);
            if (next == null) {
                return;
            }
            // An asynchronous continuation runs right after the job that made it.
            Instant when = next.getDuedate() == null ? last : next.getDuedate().toInstant().plusSeconds(1);
            last = when;
            try {
                clock.at(when, () -> management.executeJob(next.getId()));
            } catch (OptimisticLockingException | BadUserRequestException e) {
                log.info("演示城市：作业 {} 已由作业执行器处理（{}）", next.getId(), e.getMessage());
                return;
            }
        }
    }

    /** The day at the hour, Beijing time. */
    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(EngineClock.ZONE).toInstant();
    }
}
