import static cn.tuijin.BenchSupport.ZONE;
import static cn.tuijin.BenchSupport.deleteDir;
import static cn.tuijin.BenchSupport.loadAverage;
import static cn.tuijin.BenchSupport.log;
import static cn.tuijin.BenchSupport.machineSection;
import static cn.tuijin.BenchSupport.median;
import static cn.tuijin.BenchSupport.today;
import static cn.tuijin.BenchSupport.writeResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import cn.tuijin.Rows;
import cn.tuijin.TuijinApplication;
import cn.tuijin.deadline.DeadlineWiring;
import cn.tuijin.project.LifecycleService;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * P1, lifecycle throughput: start a project's lifecycle, claim its signing, verify the claim (the process then records
 * the signing, passes the approvals with none pending and opens the start-of-construction claim), in Tuijin against
 * bare Camunda 7.24 running the same {@code project-lifecycle.bpmn} with no-op beans, on the same kind of database.
 *
 * <p>Tuijin: the application's own Spring context ({@code TuijinApplication}, profile demo, so the demo organisation
 * exists; web server on a random port; job executor off, no timer is due), on an H2 file database under
 * {@code target/bench-lifecycle/tuijin}. Each iteration calls what the app calls: {@code LifecycleService.start},
 * then {@code FormService.submitTaskForm} for the claim (contract number, date, amount) and the verification
 * (approved). Every task listener, the deadline tracker, the lights, the claim service and the record delegate run.
 *
 * <p>Bare: a standalone {@code ProcessEngineConfiguration} with the engine settings of the app's starter
 * configuration (history full, authorization enabled, cmmn and standalone tasks off, history time to live enforced,
 * UUID ids, job executor off) on its own H2 file database with the same URL settings and the same HikariCP pool; the
 * same BPMN and forms deployed; its expressions resolved from a beans map of no-op listeners and delegates and fixed
 * dates, so that the engine does the same work (same tasks, timers, variables, history) and only the domain code is
 * missing. Neither side sets an authenticated user (so neither runs authorization checks).
 *
 * <p>Both with {@value #THREADS} threads; {@value #WARMUP} warm-up iterations each, then {@value #ROUNDS} rounds of
 * {@value #PER_ROUND} iterations, bare and Tuijin alternating round by round; ratio = median of the round-by-round Tuijin / bare ratios.
 * Goal ≥ 0.9. Writes {@code bench/results/<yyyy-MM-dd>-lifecycle.md}.
 */
public class LifecycleBench {

    static final int THREADS = Integer.getInteger("threads", 2);
    static final int WARMUP = Integer.getInteger("warmup", 600);
    static final int ROUNDS = Integer.getInteger("rounds", 15);
    static final int PER_ROUND = Integer.getInteger("perRound", 200);
    static final double GOAL = 0.9;
    static final Path DIR = Path.of("target", "bench-lifecycle");

    public static void main(String[] args) throws Exception {
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        LocalDate today = today();
        deleteDir(DIR);
        Files.createDirectories(DIR);
        String h2Settings = ";DB_CLOSE_ON_EXIT=FALSE";

        // ---- Tuijin: the app's Spring context
        log("starting the application context (profile demo) on an H2 file database");
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", "jdbc:h2:file:" + DIR.toAbsolutePath().resolve("tuijin/tuijin") + h2Settings);
        props.put("server.port", "0");
        props.put("camunda.bpm.job-execution.enabled", "false");
        props.put("camunda.bpm.generic-properties.properties.jobExecutorActivate", "false");
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.root", "warn");
        props.put("logging.level.cn.tuijin", "warn");
        // Command-line arguments: above application.yaml (builder properties would only be defaults under it).
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TuijinApplication.class).profiles("demo")
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        LifecycleService lifecycle = app.getBean(LifecycleService.class);
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        ProcessEngine tuijinEngine = app.getBean(ProcessEngine.class);
        int total = WARMUP + ROUNDS * PER_ROUND;
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            rows.add(Rows.negotiatingProject(code(i), i, today.plusDays(200), now));
        }
        jdbc.batchUpdate(Rows.PROJECT, rows);
        log("inserted " + total + " projects (negotiating, no approvals pending)");
        Step tuijin = new Step(tuijinEngine, code -> lifecycle.start(code).getId());

        // ---- Bare: a standalone engine, same BPMN, no-op beans
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:h2:file:" + DIR.toAbsolutePath().resolve("bare/bare") + h2Settings);
        hc.setUsername("sa");
        hc.setPassword("");
        hc.setMaximumPoolSize(10);   // Spring Boot's HikariCP default
        HikariDataSource bareDs = new HikariDataSource(hc);
        ProcessEngineConfigurationImpl cfg = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneProcessEngineConfiguration();
        cfg.setProcessEngineName("bare");
        cfg.setDataSource(bareDs);
        cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        cfg.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        cfg.setJobExecutorActivate(false);
        cfg.setAuthorizationEnabled(true);
        cfg.setCmmnEnabled(false);
        cfg.setStandaloneTasksEnabled(false);
        cfg.setEnforceHistoryTimeToLive(true);
        cfg.setIdGenerator(new StrongUuidGenerator());
        cfg.setBeans(noOpBeans(today));
        // The same diagram as the application runs: each deadline task gets its listeners and timers when parsed.
        cfg.getProcessEnginePlugins().add(new DeadlineWiring());
        ProcessEngine bareEngine = cfg.buildProcessEngine();
        var deployment = bareEngine.getRepositoryService().createDeployment().name("bare");
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".form") || f.endsWith("project-lifecycle.bpmn")).toList()) {
                deployment.addInputStream(f.getFileName().toString(), Files.newInputStream(f));
            }
        }
        deployment.deploy();
        Step bare = new Step(bareEngine, code -> bareEngine.getRuntimeService()
                .startProcessInstanceByKey("project-lifecycle", code, Map.of("entryStage", "NEGOTIATING")).getId());
        log("bare engine built");

        // ---- measure
        AtomicInteger next = new AtomicInteger();
        AtomicInteger nextBare = new AtomicInteger();
        log("warm-up: " + WARMUP + " iterations each");
        bare.run(nextBare, WARMUP, today);
        tuijin.run(next, WARMUP, today);
        double[] bareRates = new double[ROUNDS];
        double[] tuijinRates = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            bareRates[r] = bare.run(nextBare, PER_ROUND, today);
            tuijinRates[r] = tuijin.run(next, PER_ROUND, today);
            log(String.format(Locale.ROOT, "round %d: bare %.1f/s, tuijin %.1f/s", r + 1, bareRates[r], tuijinRates[r]));
        }
        // Checks that the app did its work: a deadline row and an approved claim per iteration.
        int done = next.get();
        Integer approvedClaims = jdbc.queryForObject("select count(*) from stage_claim where project_code like 'BENCH-%' and decision = 'APPROVED'", Integer.class);
        Integer openDeadlines = jdbc.queryForObject("select count(*) from task_deadline where project_code like 'BENCH-%' and status = 'OPEN'", Integer.class);
        long bareOpen = bareEngine.getTaskService().createTaskQuery().taskDefinitionKey("Task_ClaimStart").count();
        long tuijinOpen = tuijinEngine.getTaskService().createTaskQuery().taskDefinitionKey("Task_ClaimStart").processInstanceBusinessKeyLike("BENCH-%").count();

        double bareMedian = median(bareRates);
        double tuijinMedian = median(tuijinRates);
        double[] paired = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            paired[r] = tuijinRates[r] / bareRates[r];
        }
        // The headline: the median of the round-by-round ratios. Each pair of rounds runs back to back, so the load of
        // other work on a shared machine (which moves the rates by 2-5x within minutes) mostly cancels out.
        double ratio = median(paired);
        double ratioOfMedians = tuijinMedian / bareMedian;

        List<String> md = new ArrayList<>();
        md.add("# Lifecycle throughput benchmark (P1), " + today);
        md.add("");
        md.add("`bash bench/lifecycle.sh` (`bench/LifecycleBench.java`). One iteration: start a project's lifecycle, "
                + "submit its signing claim, submit the verification (approved); the process records the signing, passes "
                + "the approvals (none pending) and opens the start-of-construction claim. " + THREADS + " threads, "
                + WARMUP + " warm-up iterations, " + ROUNDS + " rounds of " + PER_ROUND + " iterations, bare and Tuijin alternating.");
        md.add("");
        md.add("- **Tuijin**: the application's Spring context (`TuijinApplication`, profile demo, job executor off), "
                + "H2 file database; `LifecycleService.start`, `FormService.submitTaskForm` ×2 — every listener, "
                + "`DeadlineTracker`, `LightService`, `ClaimService`, `ApplyClaimDelegate` run.");
        md.add("- **Bare Camunda 7.24**: standalone engine with the app's engine settings (history full, authorization on, "
                + "cmmn/standalone tasks off, UUID ids), own H2 file database with the same settings and pool, same BPMN "
                + "and forms, expressions resolved to no-op listeners/delegates and fixed dates.");
        md.add("");
        md.add("| round | bare Camunda (iterations/s) | Tuijin (iterations/s) | ratio |");
        md.add("|---:|---:|---:|---:|");
        for (int r = 0; r < ROUNDS; r++) {
            md.add(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.2f |", r + 1, bareRates[r], tuijinRates[r], tuijinRates[r] / bareRates[r]));
        }
        md.add(String.format(Locale.ROOT, "| **median** | **%.1f** | **%.1f** | **%.2f** |", bareMedian, tuijinMedian, ratio));
        md.add("");
        md.add(String.format(Locale.ROOT, "Ratio Tuijin / bare = **%.2f** (median of the round-by-round ratios; goal ≥ %.1f): %s. "
                + "The ratio of the median rates is %.2f; the rates themselves move with the load of other work on the machine.",
                ratio, GOAL, ratio >= GOAL ? "met" : "NOT met", ratioOfMedians));
        md.add("");
        md.add(String.format(Locale.ROOT, "Checks: %,d Tuijin iterations, %,d approved signing claims, %,d open deadlines of bench projects "
                + "(one per open start claim), %,d / %,d start claims open (Tuijin / bare).", done, approvedClaims, openDeadlines, tuijinOpen, bareOpen));
        md.addAll(machineSection(loadBefore));
        md.add("");
        md.add("Whole run " + Duration.between(started, Instant.now()).toSeconds() + " s.");
        writeResults("lifecycle", md);
        bareEngine.close();
        bareDs.close();
        app.close();
        System.exit(0);
    }

    static String code(int i) {
        return String.format(Locale.ROOT, "BENCH-%06d", i);
    }

    interface Starter {
        String start(String code);
    }

    /** One side: start, claim, verify. */
    record Step(ProcessEngine engine, Starter starter) {

        double run(AtomicInteger next, int count, LocalDate today) throws Exception {
            TaskService tasks = engine.getTaskService();
            FormService forms = engine.getFormService();
            int end = next.get() + count;
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < end; i = next.getAndIncrement()) {
                        String code = code(i);
                        String pi = starter.start(code);
                        Task claim = tasks.createTaskQuery().processInstanceId(pi).singleResult();
                        forms.submitTaskForm(claim.getId(), Map.of("contractNo", "HT-" + code, "signDate",
                                today.minusDays(1).toString(), "contractAmount", 48000));
                        Task verify = tasks.createTaskQuery().processInstanceId(pi).singleResult();
                        forms.submitTaskForm(verify.getId(), Map.of("approved", true));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            long nanos = System.nanoTime() - t0;
            pool.shutdown();
            next.set(end);
            return count / (nanos / 1e9);
        }
    }

    // ------------------------------------------------------------------ the bare engine's no-op beans

    static Map<Object, Object> noOpBeans(LocalDate today) {
        Date due = Date.from(today.plusDays(200).atTime(23, 59, 59).atZone(ZONE).toInstant());
        Date warn = Date.from(today.plusDays(193).atStartOfDay(ZONE).toInstant());
        Map<Object, Object> beans = new HashMap<>();
        beans.put("projects", new NoOpProjects());
        beans.put("approvals", new NoOpApprovals());
        beans.put("deadlines", new NoOpDeadlines(due, warn));
        beans.put("deadlineTaskEvents", (TaskListener) task -> { });
        beans.put("dueSoonListener", (ExecutionListener) execution -> { });
        beans.put("overdueListener", (ExecutionListener) execution -> { });
        beans.put("applyClaimDelegate", (JavaDelegate) execution -> { });
        return beans;
    }

    public static class NoOpProjects {
        public String leadUnitGroup(String projectCode) {
            return "ljq";
        }

        /** The gateway 从哪个阶段开始? of every bench project: in negotiation, as the ledger says in Tuijin. */
        public String entryStage(String projectCode) {
            return "NEGOTIATING";
        }
    }

    public static class NoOpApprovals {
        public List<Long> pendingIds(String projectCode) {
            return List.of();
        }

        public String unitGroup(Long approvalId) {
            return "fgw";
        }
    }

    public static class NoOpDeadlines {
        private final Date due;
        private final Date warn;

        NoOpDeadlines(Date due, Date warn) {
            this.due = due;
            this.warn = warn;
        }

        public Date milestoneDue(String projectCode, String milestone) {
            return due;
        }

        public Date milestoneWarn(String projectCode, String milestone) {
            return warn;
        }

        public String workingDays(String kind) {
            return "P3D";
        }

        public Date warnFromNow(String kind) {
            return warn;
        }

        public String approvalDue(Long approvalId) {
            return "P15D";
        }

        public Date approvalWarn(Long approvalId) {
            return warn;
        }

        public Date monthlyReportDue() {
            return due;
        }

        public Date monthlyReportWarn() {
            return warn;
        }

        public String reportPeriod() {
            return "2026-10";
        }
    }
}
