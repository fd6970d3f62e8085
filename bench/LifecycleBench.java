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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import cn.tuijin.Rows;
import cn.tuijin.TuijinApplication;
import cn.tuijin.deadline.DeadlineWiring;
import cn.tuijin.issue.IssueEscalation;
import cn.tuijin.project.LifecycleService;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
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
 * P1, lifecycle throughput, and the same for an issue's whole path, in Tuijin against bare Camunda 7.24 running the same
 * diagrams with no-op beans, on the same kind of database.
 *
 * <p>The lifecycle step: start a project's lifecycle, claim its signing, verify the claim (the process then records the
 * signing, passes the approvals with none pending and opens the start-of-construction claim), {@code project-lifecycle.bpmn}.
 *
 * <p>The issue's whole path, {@code issue-escalation.bpmn}: an officer of the project's lead unit reports an issue on it
 * (the start form), the project office triages it to 市自然资源和规划局 (zrj) at level 1 with no cooperating units (so
 * no opinion tasks: the simplest path a real issue takes), the unit resolves it (outcome RESOLVED) and the reporter
 * confirms the resolution; the process ends. Each step is taken as the user who takes it in the app, logged in with
 * the user's groups ({@code IdentityService.setAuthentication}, as the tests do), on both sides; so both run the
 * engine's authorization checks, and Tuijin its door rules too. The bare engine gets the grants Tuijin gives units to
 * report (start the issue process); task permissions come from the tasks' candidates and assignee on both sides.
 *
 * <p>Tuijin: the application's own Spring context ({@code TuijinApplication}, profile demo, so the demo organisation
 * exists; web server on a random port; job executor off, no timer is due), on an H2 file database under
 * {@code target/bench-lifecycle/tuijin}. Each iteration calls what the app calls: {@code LifecycleService.start},
 * then {@code FormService.submitTaskForm} for the claim (contract number, date, amount) and the verification
 * (approved); for an issue {@code RuntimeService.startProcessInstanceByKey} with the start form's fields (what the
 * API and Tasklist's start form do) and {@code FormService.submitTaskForm} with each task form's fields. Every task
 * listener, the deadline tracker, the lights, the claim service, the record delegate and the issue's listeners run.
 *
 * <p>Bare: a standalone {@code ProcessEngineConfiguration} with the engine settings of the app's starter
 * configuration (history full, authorization enabled, cmmn and standalone tasks off, history time to live enforced,
 * UUID ids, history removal time strategy start, job executor off) on its own H2 file database with the same URL settings and the same HikariCP pool; the
 * same BPMN and forms deployed, with the {@code DeadlineWiring} plugin; its expressions resolved from a beans map of
 * no-op listeners and delegates and fixed values, so that the engine does the same work (same tasks, timers,
 * variables, history) and only the domain code is missing. The variables the app's listeners set for the gateways
 * (startLevel = 1 at triage, confirmed = true as a boolean; outcome is the form's own field) are submitted with the forms,
 * and the issue gets its business key at the start instead of from the report listener. The lifecycle step sets no
 * authenticated user on either side (so neither runs authorization checks there).
 *
 * <p>Both with {@value #THREADS} threads; {@value #WARMUP} warm-up iterations each, then {@value #ROUNDS} rounds of
 * {@value #PER_ROUND} iterations, bare and Tuijin alternating round by round; ratio = median of the round-by-round
 * Tuijin / bare ratios. Goal ≥ 0.9. {@code -Dpath=lifecycle|issue|both} (default both) runs one or both. When the
 * issue path misses the goal (or with {@code -Dprofile=true}), one more round of each side runs with H2's statement
 * statistics on, to say which tables the statements go to. Writes {@code bench/results/<yyyy-MM-dd>-lifecycle.md}.
 */
public class LifecycleBench {

    static final int THREADS = Integer.getInteger("threads", 2);
    static final int WARMUP = Integer.getInteger("warmup", 600);
    static final int ROUNDS = Integer.getInteger("rounds", 15);
    static final int PER_ROUND = Integer.getInteger("perRound", 200);
    static final String PATH = System.getProperty("path", "both");
    static final String PROFILE = System.getProperty("profile", "auto");
    static final String BARE_REMOVAL_TIME = System.getProperty("bareRemovalTime", "start");
    static final double GOAL = 0.9;
    static final Path DIR = Path.of("target", "bench-lifecycle");

    /** The officer of each bench project's lead unit ({@link Rows#LEAD_UNITS}) who reports its issue (demo city). */
    static final Map<String, String> REPORTER = Map.of("ljq", "sunhb", "bhq", "zhuwd", "gxq", "zhouq", "hxjc", "wuh");
    static final Map<String, String> UNIT_OF = Map.of("sunhb", "ljq", "zhuwd", "bhq", "zhouq", "gxq", "wuh", "hxjc");
    static final String PROJECT_OFFICER = "zhengwt";
    static final List<String> PROJECT_OFFICE_GROUPS = List.of("projectOffice", "xmb");
    /** The level-1 lead unit triage names, and its officer who resolves. */
    static final String LEAD_UNIT = "zrj";
    static final String RESOLVER = "zhaol";
    static final String[] ISSUE_STEPS = {"report", "triage", "resolve", "confirm"};

    public static void main(String[] args) throws Exception {
        if (!List.of("lifecycle", "issue", "both").contains(PATH)) {
            throw new IllegalArgumentException("-Dpath must be lifecycle, issue or both, not " + PATH);
        }
        boolean lifecycleOn = !PATH.equals("issue");
        boolean issueOn = !PATH.equals("lifecycle");
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
        int profiled = PER_ROUND;
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < total && lifecycleOn; i++) {
            rows.add(Rows.negotiatingProject(code(i), i, today.plusDays(200), now));
        }
        // The issue path's projects: the same rows, other codes; their lifecycles are not started (an issue is
        // reported on a project in the ledger, whatever its stage).
        for (int i = 0; i < total + 2 * profiled && issueOn; i++) {
            rows.add(Rows.negotiatingProject(issueProject(i), i, today.plusDays(200), now));
        }
        jdbc.batchUpdate(Rows.PROJECT, rows);
        log("inserted " + rows.size() + " projects (negotiating, no approvals pending)");

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
        // The app's historyRemovalTimeStrategy (start): the removal time is written with each history row. With
        // Camunda's default (end) the bare engine would update every history table of an instance as it ends (the
        // issue path's processes end; the lifecycle's do not); -DbareRemovalTime=end measures that.
        cfg.setHistoryRemovalTimeStrategy(BARE_REMOVAL_TIME);
        cfg.setBeans(noOpBeans(today));
        // The same diagram as the application runs: each deadline task gets its listeners and timers when parsed.
        cfg.getProcessEnginePlugins().add(new DeadlineWiring());
        ProcessEngine bareEngine = cfg.buildProcessEngine();
        var deployment = bareEngine.getRepositoryService().createDeployment().name("bare");
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".form") || f.endsWith("project-lifecycle.bpmn")
                    || f.endsWith("issue-escalation.bpmn")).toList()) {
                deployment.addInputStream(f.getFileName().toString(), Files.newInputStream(f));
            }
        }
        deployment.deploy();
        grantReporting(bareEngine.getAuthorizationService());
        log("bare engine built");

        List<String> md = new ArrayList<>();
        md.add("# Lifecycle throughput benchmark (P1), " + today);
        md.add("");
        md.add("`bash bench/lifecycle.sh` (`bench/LifecycleBench.java`, `-Dpath=" + PATH + "`). " + THREADS + " threads, "
                + WARMUP + " warm-up iterations, " + ROUNDS + " rounds of " + PER_ROUND + " iterations, bare and Tuijin "
                + "alternating; ratio = median of the round-by-round Tuijin / bare ratios (each pair of rounds runs back to "
                + "back, so the load of other work on a shared machine mostly cancels out).");
        md.add("");
        md.add("- **Tuijin**: the application's Spring context (`TuijinApplication`, profile demo, job executor off), "
                + "H2 file database; every listener, `DeadlineTracker`, `LightService`, the domain services and delegates run.");
        md.add("- **Bare Camunda 7.24**: standalone engine with the app's engine settings (history full, authorization on, "
                + "cmmn/standalone tasks off, UUID ids, history removal time strategy `" + BARE_REMOVAL_TIME + "`"
                + (BARE_REMOVAL_TIME.equals("start") ? ", as the app's" : ", Camunda's default; the app's is start") + "), own H2 file database with the same settings and pool, same BPMN "
                + "and forms, `DeadlineWiring`, expressions resolved to no-op listeners/delegates and fixed values.");

        if (lifecycleOn) {
            md.add("");
            md.add("## The lifecycle step");
            md.add("");
            md.add("One iteration: start a project's lifecycle, submit its signing claim, submit the verification (approved); "
                    + "the process records the signing, passes the approvals (none pending) and opens the start-of-construction "
                    + "claim. Tuijin: `LifecycleService.start`, `FormService.submitTaskForm` ×2 — every listener, "
                    + "`DeadlineTracker`, `LightService`, `ClaimService`, `ApplyClaimDelegate` run. No user logged in on either side.");
            Iteration tuijin = lifecycleStep(tuijinEngine, code -> lifecycle.start(code).getId(), today);
            Iteration bare = lifecycleStep(bareEngine, code -> bareEngine.getRuntimeService()
                    .startProcessInstanceByKey("project-lifecycle", code, Map.of("entryStage", "NEGOTIATING")).getId(), today);
            Measured m = measure("lifecycle", bare, tuijin);
            md.add("");
            md.addAll(m.table());
            // Checks that the app did its work: a deadline row and an approved claim per iteration.
            Integer approvedClaims = jdbc.queryForObject("select count(*) from stage_claim where project_code like 'BENCH-%' and decision = 'APPROVED'", Integer.class);
            Integer openDeadlines = jdbc.queryForObject("select count(*) from task_deadline where project_code like 'BENCH-%' and status = 'OPEN'", Integer.class);
            long bareOpen = bareEngine.getTaskService().createTaskQuery().taskDefinitionKey("Task_ClaimStart").count();
            long tuijinOpen = tuijinEngine.getTaskService().createTaskQuery().taskDefinitionKey("Task_ClaimStart").processInstanceBusinessKeyLike("BENCH-%").count();
            md.add("");
            md.add(String.format(Locale.ROOT, "Checks: %,d Tuijin iterations, %,d approved signing claims, %,d open deadlines of bench projects "
                    + "(one per open start claim), %,d / %,d start claims open (Tuijin / bare).", total, approvedClaims, openDeadlines, tuijinOpen, bareOpen));
        }

        if (issueOn) {
            md.add("");
            md.add("## The issue's whole path");
            md.add("");
            md.add("One iteration: report → triage → level 1 → resolved → confirmed, `issue-escalation.bpmn`. An officer of "
                    + "the project's lead unit reports a land-clearance issue (start form: project, category, severity, description, "
                    + "support needed); the project office (zhengwt) triages it to 市自然资源和规划局 at level 1 with **no "
                    + "cooperating units** (so no opinion tasks: the simplest real path); zhaol of that unit resolves it "
                    + "(outcome RESOLVED, a resolution); the reporter confirms (confirmed = true) and the process ends. Each step "
                    + "is taken logged in as its user with the user's groups (`IdentityService.setAuthentication`, as the tests "
                    + "do) on both sides, so both engines check authorizations (the bare engine has the grants Tuijin gives units "
                    + "to report) and Tuijin applies its door rules. Tuijin: `RuntimeService.startProcessInstanceByKey` with the "
                    + "start form's fields, `FormService.submitTaskForm` ×3 with each form's fields — `IssueReportListener`, "
                    + "`IssueLevelListener`, `IssueTaskListener` (via the deadline wiring), `IssueService`, `IssueWork`, "
                    + "`DeadlineTracker`, `LightService` run. Bare: the same calls, the issue's business key given at the start, "
                    + "and the variables Tuijin's listeners set for the gateways (startLevel = 1, outcome, confirmed = true) "
                    + "submitted with the forms.");
            IssuePath tuijin = new IssuePath(tuijinEngine, false);
            IssuePath bare = new IssuePath(bareEngine, true);
            Measured m = measure("issue", bare, tuijin);
            md.add("");
            md.addAll(m.table());
            md.add("");
            md.add("Mean time per step in the measured rounds (ms, wall time of the call as seen by one of the " + THREADS
                    + " threads, the task query before it included):");
            md.add("");
            md.add("| step | bare | Tuijin | Tuijin − bare |");
            md.add("|---|---:|---:|---:|");
            double bareSum = 0;
            double tuijinSum = 0;
            for (int s = 0; s < ISSUE_STEPS.length; s++) {
                double b = bare.meanMillis(s);
                double t = tuijin.meanMillis(s);
                bareSum += b;
                tuijinSum += t;
                md.add(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %+.2f |", ISSUE_STEPS[s], b, t, t - b));
            }
            md.add(String.format(Locale.ROOT, "| **whole path** | **%.2f** | **%.2f** | **%+.2f** |", bareSum, tuijinSum, tuijinSum - bareSum));
            Integer closed = jdbc.queryForObject("select count(*) from issue where project_code like 'BENCHI-%' and status = 'CLOSED'", Integer.class);
            Integer openIssueDeadlines = jdbc.queryForObject("select count(*) from task_deadline where project_code like 'BENCHI-%' and status = 'OPEN'", Integer.class);
            long tuijinEnded = tuijinEngine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(IssueEscalation.KEY)
                    .completed().count();
            long bareEnded = bareEngine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(IssueEscalation.KEY)
                    .completed().count();
            md.add("");
            md.add(String.format(Locale.ROOT, "Checks: %,d Tuijin iterations, %,d issues of bench projects closed, %,d of their deadlines "
                    + "open, %,d / %,d issue processes ended (Tuijin, demo issues included / bare).", total, closed, openIssueDeadlines,
                    tuijinEnded, bareEnded));
            md.add(String.format(Locale.ROOT, "Authorizations at the end: %,d in Tuijin, %,d in the bare engine.",
                    tuijinEngine.getAuthorizationService().createAuthorizationQuery().count(),
                    bareEngine.getAuthorizationService().createAuthorizationQuery().count()));
            md.add(String.format(Locale.ROOT, "Reports refused and reported again in Tuijin: %,d of %,d (%s).", tuijin.retries.get(), total,
                    tuijin.retries.get() == 0 ? "none" : "two reports at once take the same issue number: `IssueRepository.insert` "
                            + "numbers an issue max(issue_seq) + 1, so the second insert waits for the first transaction and fails on "
                            + "the unique key; its whole start rolls back and is done again, which the measured time includes; first "
                            + "failure: " + tuijin.firstFailure));
            double ratio = m.ratio();
            if (PROFILE.equals("true") || (PROFILE.equals("auto") && ratio < GOAL)) {
                md.add("");
                md.addAll(profile(jdbc, bareDs, bare, tuijin, total, profiled));
                md.add("");
                md.addAll(flightRecording(tuijin, total + profiled, profiled));
            }
        }
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

    static String issueProject(int i) {
        return String.format(Locale.ROOT, "BENCHI-%06d", i);
    }

    // ------------------------------------------------------------------ measuring

    /** One iteration number {@code i} of one side. */
    interface Iteration {
        void run(int i) throws Exception;
    }

    /** The rates of the measured rounds of both sides. */
    record Measured(double[] bare, double[] tuijin) {

        double ratio() {
            double[] paired = new double[bare.length];
            for (int r = 0; r < bare.length; r++) {
                paired[r] = tuijin[r] / bare[r];
            }
            return median(paired);
        }

        List<String> table() {
            List<String> md = new ArrayList<>();
            md.add("| round | bare Camunda (iterations/s) | Tuijin (iterations/s) | ratio |");
            md.add("|---:|---:|---:|---:|");
            for (int r = 0; r < bare.length; r++) {
                md.add(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.2f |", r + 1, bare[r], tuijin[r], tuijin[r] / bare[r]));
            }
            double bareMedian = median(bare);
            double tuijinMedian = median(tuijin);
            md.add(String.format(Locale.ROOT, "| **median** | **%.1f** | **%.1f** | **%.2f** |", bareMedian, tuijinMedian, ratio()));
            md.add("");
            md.add(String.format(Locale.ROOT, "Ratio Tuijin / bare = **%.2f** (median of the round-by-round ratios; goal ≥ %.1f): %s. "
                    + "The ratio of the median rates is %.2f; the rates themselves move with the load of other work on the machine.",
                    ratio(), GOAL, ratio() >= GOAL ? "met" : "NOT met", tuijinMedian / bareMedian));
            return md;
        }
    }

    /** Warm-up, then the rounds, bare and Tuijin alternating; both sides take iteration numbers from 0. */
    static Measured measure(String name, Iteration bare, Iteration tuijin) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger nextBare = new AtomicInteger();
        log(name + ": warm-up, " + WARMUP + " iterations each");
        run(bare, nextBare, WARMUP);
        run(tuijin, next, WARMUP);
        if (bare instanceof IssuePath b && tuijin instanceof IssuePath t) {
            b.clearTimes();
            t.clearTimes();
        }
        double[] bareRates = new double[ROUNDS];
        double[] tuijinRates = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            bareRates[r] = run(bare, nextBare, PER_ROUND);
            tuijinRates[r] = run(tuijin, next, PER_ROUND);
            log(String.format(Locale.ROOT, "%s round %d: bare %.1f/s, tuijin %.1f/s", name, r + 1, bareRates[r], tuijinRates[r]));
        }
        return new Measured(bareRates, tuijinRates);
    }

    /** Runs iterations next … next + count - 1 on {@link #THREADS} threads; returns iterations per second. */
    static double run(Iteration iteration, AtomicInteger next, int count) throws Exception {
        int end = next.get() + count;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            fs.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < end; i = next.getAndIncrement()) {
                    iteration.run(i);
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

    // ------------------------------------------------------------------ the lifecycle step

    interface Starter {
        String start(String code);
    }

    /** Start, claim, verify. */
    static Iteration lifecycleStep(ProcessEngine engine, Starter starter, LocalDate today) {
        TaskService tasks = engine.getTaskService();
        FormService forms = engine.getFormService();
        return i -> {
            String code = code(i);
            String pi = starter.start(code);
            Task claim = tasks.createTaskQuery().processInstanceId(pi).singleResult();
            forms.submitTaskForm(claim.getId(), Map.of("contractNo", "HT-" + code, "signDate",
                    today.minusDays(1).toString(), "contractAmount", 48000));
            Task verify = tasks.createTaskQuery().processInstanceId(pi).singleResult();
            forms.submitTaskForm(verify.getId(), Map.of("approved", true));
        };
    }

    // ------------------------------------------------------------------ the issue's whole path

    /** Report, triage, resolve at level 1, confirm; each step as its user, logged in. */
    static final class IssuePath implements Iteration {

        final ProcessEngine engine;
        final boolean bare;
        final LongAdder[] nanos = new LongAdder[ISSUE_STEPS.length];
        final LongAdder iterations = new LongAdder();
        final AtomicLong retries = new AtomicLong();
        volatile String firstFailure;

        IssuePath(ProcessEngine engine, boolean bare) {
            this.engine = engine;
            this.bare = bare;
            clearTimes();
        }

        void clearTimes() {
            for (int s = 0; s < nanos.length; s++) {
                nanos[s] = new LongAdder();
            }
            iterations.reset();
        }

        double meanMillis(int step) {
            return nanos[step].sum() / 1e6 / Math.max(1, iterations.sum());
        }

        @Override
        public void run(int i) throws Exception {
            IdentityService identity = engine.getIdentityService();
            TaskService tasks = engine.getTaskService();
            FormService forms = engine.getFormService();
            String project = issueProject(i);
            String unit = Rows.LEAD_UNITS[i % Rows.LEAD_UNITS.length][0];
            String reporter = REPORTER.get(unit);
            Map<String, Object> report = Map.of("projectCode", project, "category", "LAND_CLEARANCE", "severity", "NORMAL",
                    "description", "地块内尚有3户未完成拆迁，影响场地平整", "supportNeeded", "请市自然资源和规划局牵头协调补偿标准");

            long t0 = System.nanoTime();
            String pi = null;
            for (int attempt = 1; pi == null; attempt++) {
                identity.setAuthentication(reporter, List.of(unit));
                try {
                    pi = bare
                            ? engine.getRuntimeService().startProcessInstanceByKey(IssueEscalation.KEY, String.format(Locale.ROOT, "WT-B-%06d", i), report).getId()
                            : engine.getRuntimeService().startProcessInstanceByKey(IssueEscalation.KEY, report).getId();
                } catch (RuntimeException e) {
                    // Two reports at once may take the same issue number: the user is told to try again, and does.
                    if (attempt >= 20) {
                        throw e;
                    }
                    if (firstFailure == null) {
                        firstFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                    retries.incrementAndGet();
                } finally {
                    identity.clearAuthentication();
                }
            }
            long t1 = System.nanoTime();

            Task triage = tasks.createTaskQuery().processInstanceId(pi).singleResult();
            Map<String, Object> triaged = new HashMap<>(Map.of("leadUnit", "市自然资源和规划局", "majorLevel", "1"));
            if (bare) {
                triaged.put(IssueEscalation.Var.START_LEVEL, 1);   // IssueTaskListener sets it from the triage in Tuijin
            }
            submitAs(identity, forms, PROJECT_OFFICER, PROJECT_OFFICE_GROUPS, triage, triaged);
            long t2 = System.nanoTime();

            Task resolve = tasks.createTaskQuery().processInstanceId(pi).singleResult();
            submitAs(identity, forms, RESOLVER, List.of(LEAD_UNIT), resolve,
                    Map.of("outcome", "RESOLVED", "resolution", "已与3户签订补偿协议，场地已移交施工单位"));
            long t3 = System.nanoTime();

            Task confirm = tasks.createTaskQuery().processInstanceId(pi).singleResult();
            // Tasklist's radio sends the text "true"; Tuijin's listener turns it into the boolean the gateway reads.
            submitAs(identity, forms, confirm.getAssignee(), List.of(UNIT_OF.get(confirm.getAssignee())), confirm,
                    Map.of(IssueEscalation.Var.CONFIRMED, bare ? (Object) Boolean.TRUE : "true"));
            long t4 = System.nanoTime();

            nanos[0].add(t1 - t0);
            nanos[1].add(t2 - t1);
            nanos[2].add(t3 - t2);
            nanos[3].add(t4 - t3);
            iterations.increment();
        }

        private static void submitAs(IdentityService identity, FormService forms, String user, List<String> groups, Task task,
                                     Map<String, Object> values) {
            identity.setAuthentication(user, groups);
            try {
                forms.submitTaskForm(task.getId(), values);
            } finally {
                identity.clearAuthentication();
            }
        }
    }

    /** What Tuijin grants each unit to report an issue ({@code IdentitySync.ensureUnit}), granted in the bare engine. */
    static void grantReporting(AuthorizationService authorizations) {
        for (String[] unit : Rows.LEAD_UNITS) {
            grant(authorizations, unit[0], Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
            grant(authorizations, unit[0], Resources.PROCESS_DEFINITION, IssueEscalation.KEY, ProcessDefinitionPermissions.CREATE_INSTANCE);
            grant(authorizations, unit[0], Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.CREATE);
        }
        for (String group : List.of("projectOffice", LEAD_UNIT)) {
            grant(authorizations, group, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
        }
    }

    static void grant(AuthorizationService authorizations, String group, Resource resource, String id, Permission permission) {
        Authorization a = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        a.setGroupId(group);
        a.setResource(resource);
        a.setResourceId(id);
        a.addPermission(permission);
        authorizations.saveAuthorization(a);
    }

    // ------------------------------------------------------------------ where the time goes

    private static final Pattern TABLE = Pattern.compile("(?is)\\b(?:from|into|update)\\s+([A-Za-z_][A-Za-z0-9_.]*)");

    /**
     * One more round of the issue path on each side with H2's statement statistics on: statements per iteration and
     * H2's execution time by table.
     */
    static List<String> profile(JdbcTemplate jdbc, DataSource bareDs, IssuePath bare, IssuePath tuijin, int from, int count)
            throws Exception {
        log("profile: " + count + " issue iterations each with H2's statement statistics");
        JdbcTemplate bareJdbc = new JdbcTemplate(bareDs);
        Map<String, double[]> tuijinStatements = new java.util.HashMap<>();
        Map<String, double[]> tuijinStats = statementStats(jdbc, tuijin, from, count, tuijinStatements);
        Map<String, double[]> bareStatements = new java.util.HashMap<>();
        Map<String, double[]> bareStats = statementStats(bareJdbc, bare, from, count, bareStatements);
        List<String> md = new ArrayList<>();
        md.add("### Where Tuijin's time goes on the issue path");
        md.add("");
        md.add("The step times above say which steps cost most. Then one more round of " + count + " iterations of each side, "
                + "with H2's statement statistics on (`SET QUERY_STATISTICS TRUE`), counted by the table each statement reads "
                + "or writes (first table after from / into / update); time is H2's own execution time of the statements, "
                + "without JDBC, MyBatis or the engine around them. Per iteration (one whole path):");
        md.add("");
        md.add("| table | bare: statements | bare: ms | Tuijin: statements | Tuijin: ms |");
        md.add("|---|---:|---:|---:|---:|");
        java.util.TreeSet<String> tables = new java.util.TreeSet<>(tuijinStats.keySet());
        tables.addAll(bareStats.keySet());
        List<String> ordered = new ArrayList<>(tables);
        // Tuijin's costliest tables first.
        ordered.sort((a, b) -> Double.compare(tuijinStats.getOrDefault(b, new double[2])[1], tuijinStats.getOrDefault(a, new double[2])[1]));
        double[] sumBare = new double[2];
        double[] sumTuijin = new double[2];
        double[] appTuijin = new double[2];
        for (String t : ordered) {
            double[] b = bareStats.getOrDefault(t, new double[2]);
            double[] u = tuijinStats.getOrDefault(t, new double[2]);
            sumBare[0] += b[0];
            sumBare[1] += b[1];
            sumTuijin[0] += u[0];
            sumTuijin[1] += u[1];
            if (!t.startsWith("ACT_")) {
                appTuijin[0] += u[0];
                appTuijin[1] += u[1];
            }
            md.add(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.1f | %.2f |", t, b[0] / count, b[1] / count, u[0] / count, u[1] / count));
        }
        md.add(String.format(Locale.ROOT, "| **all** | **%.1f** | **%.2f** | **%.1f** | **%.2f** |", sumBare[0] / count, sumBare[1] / count,
                sumTuijin[0] / count, sumTuijin[1] / count));
        md.add(String.format(Locale.ROOT, "| of which Tuijin's own tables | | | %.1f | %.2f |", appTuijin[0] / count, appTuijin[1] / count));
        md.add("");
        md.add(String.format(Locale.ROOT, "Statements setting the history's removal time, per iteration: bare %.1f (%.2f ms), Tuijin %.1f (%.2f ms). "
                + "With Camunda's default strategy (end, `-DbareRemovalTime=end`) an engine sets it on the instance's history "
                + "rows of every table when the issue process ends; with the app's (start, `historyRemovalTimeStrategy: start`), "
                + "which the bare engine has too unless told otherwise, it is written with each history row.",
                removalTime(bareStatements)[0] / count, removalTime(bareStatements)[1] / count,
                removalTime(tuijinStatements)[0] / count, removalTime(tuijinStatements)[1] / count));
        md.add("");
        md.add("Tuijin's " + TOP + " costliest statements (H2 time per iteration):");
        md.add("");
        md.add("| statement | per iteration | ms per iteration |");
        md.add("|---|---:|---:|");
        tuijinStatements.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1]))
                .limit(TOP)
                .forEach(e -> md.add(String.format(Locale.ROOT, "| `%s` | %.1f | %.2f |", shorten(e.getKey()), e.getValue()[0] / count,
                        e.getValue()[1] / count)));
        return md;
    }

    static final int TOP = 12;

    /**
     * One more round of Tuijin's issue path under a flight recording (Java samples every 10 ms): each sample counted
     * for the innermost frame of Tuijin's own code on its stack (what of Tuijin's ran, or called the library or the
     * engine that ran), and the share of samples with any of Tuijin's code on the stack.
     */
    static List<String> flightRecording(IssuePath tuijin, int from, int count) throws Exception {
        log("profile: " + count + " Tuijin issue iterations under a flight recording");
        Path file = DIR.resolve("tuijin-issue.jfr");
        Map<String, Integer> innermost = new java.util.HashMap<>();
        Map<String, Integer> outermost = new java.util.HashMap<>();
        int samples = 0;
        int withApp = 0;
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10)).withStackTrace();
            recording.start();
            run(tuijin, new AtomicInteger(from), count);
            recording.stop();
            recording.dump(file);
        }
        for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName();
            if (thread == null || !thread.startsWith("pool-")) {
                continue;   // only the bench's worker threads
            }
            samples++;
            String inner = null;
            String outer = null;
            for (jdk.jfr.consumer.RecordedFrame f : e.getStackTrace().getFrames()) {
                String type = f.getMethod().getType().getName();
                if (type.startsWith("cn.tuijin.") && !passThrough(type, f.getMethod().getName())) {
                    outer = type.substring("cn.tuijin.".length()) + "." + f.getMethod().getName();
                    if (inner == null) {
                        inner = outer;
                    }
                }
            }
            String none = "(none: the engine, Spring, JDBC, H2)";
            if (inner != null) {
                withApp++;
            }
            innermost.merge(inner == null ? none : inner, 1, Integer::sum);
            outermost.merge(outer == null ? none : outer, 1, Integer::sum);
        }
        List<String> md = new ArrayList<>();
        md.add("Flight recording of one more round of " + count + " Tuijin iterations (Java execution samples every 10 ms of the "
                + THREADS + " bench threads, " + samples + " samples; " + String.format(Locale.ROOT, "%.0f %%", 100.0 * withApp / Math.max(1, samples))
                + " with Tuijin's code on the stack, besides the command interceptors that only pass the engine's commands on: "
                + "`EngineDoors$Calls`, `DoorGuard`, `JobCounts$Counting`). Each sample counted once, by the outermost "
                + "method of Tuijin's on its stack (which listener, delegate or service the engine called) and by the "
                + "innermost (what of Tuijin's ran, or called the library that ran):");
        md.add("");
        md.add("| outermost Tuijin method | samples | share | | innermost Tuijin method | samples | share |");
        md.add("|---|---:|---:|---|---|---:|---:|");
        final int all = Math.max(1, samples);
        List<Map.Entry<String, Integer>> outs = outermost.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15).toList();
        List<Map.Entry<String, Integer>> ins = innermost.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15).toList();
        for (int r = 0; r < Math.max(outs.size(), ins.size()); r++) {
            String left = r < outs.size() ? String.format(Locale.ROOT, "`%s` | %d | %.1f %%", outs.get(r).getKey(), outs.get(r).getValue(),
                    100.0 * outs.get(r).getValue() / all) : " | | ";
            String right = r < ins.size() ? String.format(Locale.ROOT, "`%s` | %d | %.1f %%", ins.get(r).getKey(), ins.get(r).getValue(),
                    100.0 * ins.get(r).getValue() / all) : " | | ";
            md.add("| " + left + " | | " + right + " |");
        }
        return md;
    }

    private static final Map<String, Boolean> INTERCEPTORS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A command interceptor's execute: it passes the engine's command on (its own checks are other methods). */
    static boolean passThrough(String type, String method) {
        return method.equals("execute") && INTERCEPTORS.computeIfAbsent(type, t -> {
            try {
                return org.camunda.bpm.engine.impl.interceptor.CommandInterceptor.class.isAssignableFrom(Class.forName(t));
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
    }

    /** {statements, ms} of the updates that set the removal time of history rows. */
    static double[] removalTime(Map<String, double[]> byStatement) {
        double[] sum = new double[2];
        byStatement.forEach((sql, v) -> {
            if (sql.trim().toLowerCase(Locale.ROOT).startsWith("update") && sql.matches("(?is).*\\bset\\s+REMOVAL_TIME_\\s*=.*")) {
                sum[0] += v[0];
                sum[1] += v[1];
            }
        });
        return sum;
    }

    /** A statement on one line, at most 160 characters, for a table cell. */
    static String shorten(String sql) {
        String one = sql.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'").trim();
        return one.length() <= 160 ? one : one.substring(0, 157) + "...";
    }

    /** Runs the iterations with the statistics on; {table: {statements, ms}}, and {statement: {count, ms}}. */
    static Map<String, double[]> statementStats(JdbcTemplate jdbc, Iteration side, int from, int count,
                                                Map<String, double[]> byStatement) throws Exception {
        jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 5000");
        jdbc.execute("SET QUERY_STATISTICS TRUE");
        run(side, new AtomicInteger(from), count);
        Map<String, double[]> byTable = new java.util.TreeMap<>();
        jdbc.query("select SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME from INFORMATION_SCHEMA.QUERY_STATISTICS", rs -> {
            String sql = rs.getString(1);
            if (sql.contains("QUERY_STATISTICS")) {
                return;
            }
            Matcher m = TABLE.matcher(sql);
            String table = m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "(other)";
            double[] v = byTable.computeIfAbsent(table, k -> new double[2]);
            v[0] += rs.getLong(2);
            v[1] += rs.getDouble(3);
            double[] w = byStatement.computeIfAbsent(sql, k -> new double[2]);
            w[0] += rs.getLong(2);
            w[1] += rs.getDouble(3);
        });
        jdbc.execute("SET QUERY_STATISTICS FALSE");
        return byTable;
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
        beans.put("issues", new NoOpIssues(due, warn));
        beans.put("issueReportListener", (ExecutionListener) execution -> { });
        beans.put("issueLevelListener", (ExecutionListener) execution -> { });
        beans.put("escalateIssueDelegate", (JavaDelegate) execution -> { });
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

    /** What the issue process asks of {@code issues}: fixed answers. */
    public static class NoOpIssues {
        private final Date due;
        private final Date warn;

        NoOpIssues(Date due, Date warn) {
            this.due = due;
            this.warn = warn;
        }

        public Date levelDue(String code, int level) {
            return due;
        }

        public Date levelWarn(String code, int level) {
            return warn;
        }

        public String leadUnitGroup(String code) {
            return LEAD_UNIT;
        }

        public String leaderOf(String code) {
            return "mazy";
        }

        public String reporter(String code) {
            return "sunhb";
        }

        public int level(String code) {
            return 1;
        }

        public List<String> cooperatingUnits(String code) {
            return List.of();
        }

        public List<Long> openAssignments(String code) {
            return List.of();
        }

        public String assignmentUnit(Long id) {
            return "zjj";
        }

        public Date assignmentDue(Long id) {
            return due;
        }

        public Date assignmentWarn(Long id) {
            return warn;
        }
    }
}
