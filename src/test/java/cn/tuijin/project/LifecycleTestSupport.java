package cn.tuijin.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.demo.DemoCity;
import cn.tuijin.evidence.EvidenceFiles;
import cn.tuijin.evidence.EvidenceService;
import cn.tuijin.system.EngineClock;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the lifecycle tests share: a project of their own per test, the engine clock, acting as a user, firing timers.
 */
public abstract class LifecycleTestSupport {

    protected static final String OFFICER = "wangjg";
    protected static final String OFFICER_UNIT = "zjj";
    protected static final String PROJECT_OFFICER = "zhengwt";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired protected ProcessEngine engine;
    @Autowired protected EvidenceService evidence;
    @Autowired protected RuntimeService runtime;
    @Autowired protected TaskService tasks;
    @Autowired protected ManagementService management;
    @Autowired protected IdentityService identity;
    @Autowired protected ProjectRepository projects;
    @Autowired protected ApprovalService approvals;
    @Autowired protected LifecycleService lifecycle;
    @Autowired protected JdbcTemplate jdbc;

    @Autowired protected DemoCity demoCity;
    @Autowired protected EngineClock clock;
    @Autowired protected cn.tuijin.deadline.DeadlineSweep sweep;

    @BeforeEach
    protected void initAssertionsAndOrganisation() {
        BpmnAwareTests.init(engine);
        demoCity.seed();
    }

    @AfterEach
    protected void resetClockAndUser() {
        clock.reset();
        identity.clearAuthentication();
    }

    /** Sets the engine clock to the given Beijing time. */
    protected void clockAt(LocalDateTime time) {
        clock.setTime(time);
    }

    protected static Instant beijing(LocalDateTime time) {
        return time.atZone(WorkingDayCalendar.ZONE).toInstant();
    }

    /** A new project led by 住建局 at the given stage, with planned dates around the given day. */
    protected String newProject(Stage stage, Category category, LocalDate plannedSign, LocalDate plannedStart) {
        String code = "T-" + SEQUENCE.incrementAndGet();
        boolean signed = stage.compareTo(Stage.SIGNED) >= 0;
        boolean started = stage.compareTo(Stage.UNDER_CONSTRUCTION) >= 0;
        boolean completed = stage.compareTo(Stage.COMPLETED) >= 0;
        Project p = new Project(code, "测试项目" + code, "测试", category, Level.CITY, "lj", OFFICER_UNIT, "mazy",
                new BigDecimal("12000"), new BigDecimal("2400"), plannedSign, plannedStart, plannedStart.plusDays(300),
                plannedStart.plusDays(360), signed ? plannedSign : null, started ? plannedStart : null,
                completed ? plannedStart.plusDays(300) : null, null, stage);
        projects.insert(p, List.of("zrj"), clock.now());
        return code;
    }

    protected String newProject(Stage stage, LocalDate plannedSign, LocalDate plannedStart) {
        return newProject(stage, Category.URBAN, plannedSign, plannedStart);
    }

    protected Project project(String code) {
        return projects.find(code).orElseThrow();
    }

    /** The one open task of the instance at the given activity. */
    protected Task taskAt(ProcessInstance instance, String activityId) {
        return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(activityId).singleResult();
    }

    protected List<Task> tasksAt(ProcessInstance instance, String activityId) {
        return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(activityId).list();
    }

    /** Completes the task as the given user of the given groups, through the form service as Tasklist does. */
    protected void completeAs(String user, List<String> groups, Task task, Map<String, Object> values) {
        identity.setAuthentication(user, groups);
        try {
            engine.getFormService().submitTaskForm(task.getId(), values);
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The officer uploads a photo of the construction permit on the start claim (申报开工 requires it). */
    protected void officerAttachesThePermit(Task task) {
        identity.setAuthentication(OFFICER, List.of(OFFICER_UNIT));
        try {
            evidence.upload(task.getId(), "PERMIT", "施工许可证.png", EvidenceFiles.png());
        } finally {
            identity.clearAuthentication();
        }
    }

    protected void officerCompletes(Task task, Map<String, Object> values) {
        completeAs(OFFICER, List.of(OFFICER_UNIT), task, values);
    }

    protected void projectOfficeCompletes(Task task, Map<String, Object> values) {
        completeAs(PROJECT_OFFICER, List.of("projectOffice", "xmb"), task, values);
    }

    protected void approve(ProcessInstance instance, String verifyTask) {
        projectOfficeCompletes(taskAt(instance, verifyTask), Map.of("approved", "true"));
    }

    /**
     * Moves the engine clock to the given time, fires every timer of the instance due by then and sweeps the deadlines
     * (as every node does every few seconds); returns how many timers fired and marks the sweep set on the instance.
     */
    protected int fireTimersBy(ProcessInstance instance, LocalDateTime time) {
        clockAt(time);
        List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).timers()
                .duedateLowerThan(Date.from(clock.now())).list();
        for (Job job : due) {
            management.executeJob(job.getId());
        }
        return due.size() + sweepMarks(instance.getId(), null);
    }

    /**
     * Moves the engine clock, fires the instance's own deadline timers of the task at the given activity due by then
     * (drawn in its diagram) and sweeps the deadlines; returns how many timers fired and marks (due soon, overdue) the
     * sweep set on the task's deadlines.
     */
    protected int fireTaskTimersBy(ProcessInstance instance, String activityId, LocalDateTime time) {
        clockAt(time);
        String boundary = "BoundaryEvent_" + activityId.substring("Task_".length());
        List<Job> due = new java.util.ArrayList<>();
        for (String suffix : List.of("DueSoon", "Overdue")) {
            due.addAll(management.createJobQuery().processInstanceId(instance.getId()).timers()
                    .activityId(boundary + suffix).duedateLowerThan(Date.from(clock.now())).list());
        }
        for (Job job : due) {
            management.executeJob(job.getId());
        }
        return due.size() + sweepMarks(instance.getId(), activityId);
    }

    /** Runs the deadline sweep; returns how many marks it set on the instance's deadlines (of the activity, if given). */
    protected int sweepMarks(String processInstanceId, String activityId) {
        String count = "select coalesce(sum(case when due_soon then 1 else 0 end + case when overdue then 1 else 0 end), 0) "
                + "from task_deadline where process_instance_id = ?" + (activityId == null ? "" : " and activity_id = ?");
        Object[] args = activityId == null ? new Object[] {processInstanceId} : new Object[] {processInstanceId, activityId};
        int before = jdbc.queryForObject(count, Integer.class, args);
        sweep.sweep();
        return jdbc.queryForObject(count, Integer.class, args) - before;
    }

    /** Runs the job on the given number of threads at once, as nodes of a cluster would; returns how many succeeded. */
    protected int executeOnNodesAtOnce(String jobId, int nodes) throws Exception {
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(nodes);
        try {
            List<java.util.concurrent.Future<Boolean>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    try {
                        management.executeJob(jobId);
                        return true;
                    } catch (RuntimeException lostTheRace) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (java.util.concurrent.Future<Boolean> run : runs) {
                succeeded += run.get(30, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
            }
            return succeeded;
        } finally {
            pool.shutdown();
        }
    }

    protected int accountabilityRecords(String projectCode, String activityId) {
        return jdbc.queryForObject("select count(*) from accountability_record where project_code = ? and activity_id = ?",
                Integer.class, projectCode, activityId);
    }

    protected Map<String, Object> accountabilityRecord(String projectCode, String activityId) {
        return jdbc.queryForMap("select * from accountability_record where project_code = ? and activity_id = ?", projectCode, activityId);
    }

    /** How many of the project's task deadlines carry the mark (DUE_SOON or OVERDUE). */
    protected int marks(String projectCode, String kind) {
        String column = "DUE_SOON".equals(kind) ? "due_soon" : "overdue";
        return jdbc.queryForObject("select count(*) from task_deadline where project_code = ? and " + column, Integer.class, projectCode);
    }
}
