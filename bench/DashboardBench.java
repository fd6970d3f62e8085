import static cn.tuijin.BenchSupport.ZONE;
import static cn.tuijin.BenchSupport.deleteDir;
import static cn.tuijin.BenchSupport.dirSize;
import static cn.tuijin.BenchSupport.loadAverage;
import static cn.tuijin.BenchSupport.log;
import static cn.tuijin.BenchSupport.machineSection;
import static cn.tuijin.BenchSupport.max;
import static cn.tuijin.BenchSupport.percentile;
import static cn.tuijin.BenchSupport.quietLogging;
import static cn.tuijin.BenchSupport.today;
import static cn.tuijin.BenchSupport.writeResults;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import cn.tuijin.BenchSupport;
import cn.tuijin.Rows;
import cn.tuijin.deadline.DeadlineKind;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.dashboard.DashboardService;
import cn.tuijin.dashboard.DashboardSummary;
import cn.tuijin.dashboard.OverdueFilter;
import cn.tuijin.dashboard.OverdueItem;
import cn.tuijin.system.EngineClock;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * The supervisor dashboard's queries on a city-sized database, against the target p95 ≤ 100 ms: the summary
 * ({@code DashboardService.summary(null)}, the whole city, all its queries together) and the overdue list as {@code GET /api/dashboard/overdue}
 * reads it (the count, then the first page of 50), unfiltered and filtered by district, unit and kind.
 *
 * <p>Calls the real code: {@code DashboardService} and {@code OverdueRepository} are built by reflection (their
 * constructors are package-private) over a {@code JdbcTemplate} on a HikariCP pool of the embedded H2 file database
 * {@code target/bench-dashboard}, with {@code WorkingDayCalendar.fromClasspath()} and the engine clock
 * ({@code ClockUtil}, moved before every call). The JdbcTemplate is a subclass that times each statement and keeps
 * its SQL and arguments, so the per-statement figures and the EXPLAIN ANALYZE plans are of the SQL the real code sends.
 *
 * <p>The database is made afresh on every run: the app's Flyway migrations, all of them, then the indexes of the
 * compared migration dropped (the newest whose description ends in "dashboard indexes", or the one named by
 * {@code --indexes=V9}; it must only create indexes), Camunda's schema (a standalone process engine with
 * databaseSchemaUpdate=true), then the data with a fixed seed: 10 districts, 60 units, 100,000 projects with their
 * lights, 1,000,000 task_deadline rows (30,000 OPEN, 8,000 of them overdue) and the same 1,000,000 tasks in
 * ACT_HI_TASKINST. Measured once ("before"), then the compared migration's statements are run on the loaded data and
 * measured again ("after"). Run by {@code bench/dashboard.sh} from the project directory; writes
 * {@code bench/results/<yyyy-MM-dd>-dashboard.md}.
 *
 * <p>Arguments: {@code --postgres} (or {@code -Ddb=postgres}) runs the same on an embedded PostgreSQL (zonky, the
 * settings of {@code BenchSupport.postgres}: fsync and synchronous_commit on, shared_buffers 512MB; data directory
 * {@code target/bench-dashboard-pg/pg}, deleted after the run unless {@code --keep}), loaded with multi-row batch
 * inserts, then {@code VACUUM ANALYZE}; its plans are {@code EXPLAIN (ANALYZE, BUFFERS)}; writes
 * {@code …-dashboard-postgres.md}. {@code --projects=N} scales the data (tasks 10 N; for a quick trial; the file name
 * gets {@code -N}), {@code --calls=N} the timed calls (200), {@code --load-only} stops after loading,
 * {@code --pg=random_page_cost=1.1} sets a PostgreSQL server setting (repeatable; the file name gets {@code -name-value}).
 */
public class DashboardBench {

    static final long SEED = 20261124L;
    /** The engine clock's "now" of the data; each timed call moves the clock 0–240 minutes past it. */
    static final Instant NOW = LocalDateTime.of(2026, 11, 24, 10, 0).atZone(ZONE).toInstant();
    /** The city's size; {@code --projects=N} scales every count with it (for a quick trial on small data). */
    static int PROJECTS = 100_000;
    static int TASKS = 1_000_000;
    static int OPEN = 30_000;
    static int OVERDUE = 8_000;
    static int PAUSED = 450;
    static final int WARMUP = 30;
    /** Timed calls of each operation; {@code --calls=N}. */
    static int CALLS = 200;
    /** {@code --postgres}: on an embedded PostgreSQL instead of H2. */
    static boolean postgres;
    /** {@code --pg=name=value} (repeatable): PostgreSQL server settings beyond BenchSupport.postgres's. */
    static final Map<String, String> pgSettings = new LinkedHashMap<>();
    static final int PAGE = 50;
    static final double TARGET_MS = 100;
    static final String DASHBOARD_INDEXES = "dashboard indexes";
    static Path DIR = Path.of("target", "bench-dashboard");

    static final String[][] DISTRICTS = {
            {"ljq", "临江区"}, {"bhq", "北湖区"}, {"gxq", "高新区"}, {"dcq", "东城区"}, {"xcq", "西城区"},
            {"nhq", "南湖区"}, {"jbq", "江北新区"}, {"jkq", "经开区"}, {"bhx", "滨海新区"}, {"sqx", "山前县"}};
    /** Weights of the districts (big ones hold more projects). */
    static final int[] DISTRICT_WEIGHT = {18, 15, 13, 11, 10, 9, 8, 7, 5, 4};
    static final String[][] DEPARTMENTS = {
            {"xmb", "重点项目办"}, {"dcs", "督查室"}, {"fgw", "市发展改革委"}, {"zjj", "市住房城乡建设局"},
            {"zrj", "市自然资源和规划局"}, {"sthj", "市生态环境局"}, {"gxj", "市工业和信息化局"}, {"jtj", "市交通运输局"},
            {"slj", "市水利局"}, {"swj", "市商务局"}, {"kjj", "市科技局"}, {"czj", "市财政局"}, {"jyj", "市教育局"},
            {"wjw", "市卫生健康委"}, {"wlj", "市文化和旅游局"}, {"scj", "市市场监管局"}, {"yjj", "市应急管理局"},
            {"cgj", "市城市管理局"}};
    /** The approving departments (办理审批), indexes into DEPARTMENTS: 立项, 规划, 用地, 环评, 能评, 施工许可. */
    static final int[] APPROVERS = {2, 4, 4, 5, 6, 3};
    static final String[] APPROVAL_ITEMS = {"立项", "规划许可", "用地", "环评", "能评", "施工许可"};
    static final int ENTERPRISES = 32;
    static final String[] CATEGORIES = {"INDUSTRIAL", "INFRASTRUCTURE", "URBAN", "SOCIAL", "RENOVATION"};
    static final String[] CATEGORY_WORDS = {"智能制造产业园", "快速路改造", "城市更新片区", "公共服务中心", "老旧小区改造"};
    static final String[] LEVELS = {"PROVINCE", "CITY", "DISTRICT"};
    static final String[] STAGES = {"RESERVE", "NEGOTIATING", "SIGNED", "UNDER_CONSTRUCTION", "COMPLETED", "OPERATING"};
    static final int[] STAGE_WEIGHT = {5, 10, 15, 45, 10, 15};
    /** Kinds of all task rows and their weights. */
    static final DeadlineKind[] KINDS = DeadlineKind.values();
    static final int[] KIND_WEIGHT = Arrays.stream(KINDS).mapToInt(k -> switch (k.name()) {
        case "MILESTONE" -> 12;
        case "VERIFICATION" -> 16;
        case "APPROVAL" -> 14;
        case "SUPPLEMENT" -> 3;
        case "MONTHLY_REPORT" -> 40;
        case "ISSUE_TRIAGE" -> 3;
        case "ISSUE_LEVEL" -> 5;
        case "ISSUE_OPINION" -> 4;
        case "MEETING_ASSIGNMENT", "NOTICE" -> 2;
        default -> 1;   // ISSUE_CONFIRMATION, and kinds added later
    }).toArray();
    static final String[] MILESTONES = {"签约", "开工", "竣工", "投产（投用）"};
    static final String[] MILESTONE_IDS = {"Signing", "Start", "Completion", "Operation"};

    /** Keeps the JIT from dropping the work. */
    static long sink;

    public static void main(String[] args) throws Exception {
        quietLogging("org.camunda", "org.flywaydb", "com.zaxxer", "org.apache.ibatis", "io.zonky");
        List<String> argList = Arrays.asList(args);
        postgres = argList.contains("--postgres") || "postgres".equals(System.getProperty("db"));
        String indexesArg = null;
        for (String a : args) {
            if (a.startsWith("--projects=")) {
                PROJECTS = Integer.parseInt(a.substring("--projects=".length()));
                TASKS = PROJECTS * 10;
                OPEN = PROJECTS * 3 / 10;
                OVERDUE = PROJECTS * 8 / 100;
                PAUSED = PROJECTS * 45 / 10_000;
            } else if (a.startsWith("--calls=")) {
                CALLS = Integer.parseInt(a.substring("--calls=".length()));
            } else if (a.startsWith("--pg=")) {
                String[] kv = a.substring("--pg=".length()).split("=", 2);
                pgSettings.put(kv[0], kv[1]);
            } else if (a.startsWith("--indexes=")) {
                indexesArg = a.substring("--indexes=".length());
            }
        }
        if (postgres) {
            DIR = Path.of("target", "bench-dashboard-pg");
        }
        String loadBefore = loadAverage();
        LocalDate today = today();
        List<String> md = new ArrayList<>();
        Instant started = Instant.now();

        deleteDir(DIR);
        Files.createDirectories(DIR);
        EmbeddedPostgres pg = null;
        String url;
        String user;
        String loadUrl;
        String database;
        if (postgres) {
            log("starting PostgreSQL in " + DIR.resolve("pg"));
            pg = BenchSupport.postgres(DIR.resolve("pg"), pgSettings);
            postmasterPid = Long.parseLong(Files.readAllLines(DIR.resolve("pg").resolve("postmaster.pid")).get(0).strip());
            url = pg.getJdbcUrl("postgres", "postgres");
            loadUrl = url + "&reWriteBatchedInserts=true";
            user = "postgres";
            try (Connection c = java.sql.DriverManager.getConnection(url, user, "")) {
                database = BenchSupport.postgresVersion(c);
            }
            if (!pgSettings.isEmpty()) {
                database += "; set for this run: " + pgSettings.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", "));
            }
            log(database);
        } else {
            url = "jdbc:h2:file:" + DIR.toAbsolutePath().resolve("tuijin") + ";DB_CLOSE_ON_EXIT=FALSE";
            loadUrl = url;
            user = "sa";
            database = null;
        }
        boolean met;
        try {
            met = run(md, argList, indexesArg, url, loadUrl, user, database, today, started, loadBefore);
        } finally {
            if (pg != null) {
                pg.close();
                if (!argList.contains("--load-only") && !argList.contains("--keep")) {
                    deleteDir(DIR);
                }
            }
        }
        if (!met) {
            System.exit(1);
        }
    }

    /** Loads and measures; answers whether every p95 met the target (true with --load-only). */
    static boolean run(List<String> md, List<String> argList, String indexesArg, String url, String loadUrl, String user,
                    String database, LocalDate today, Instant started, String loadBefore) throws Exception {
        // Setting up: schema and data through one pool, then (H2) closed and the file compacted.
        MigrationInfo indexes;
        String appliedBefore;
        String logMode;
        Duration load;
        Duration analyze;
        Duration compact = Duration.ZERO;
        List<String> indexStatements = List.of();
        WorkingDayCalendar calendar = WorkingDayCalendar.fromClasspath();
        Data data = new Data(calendar);
        try (HikariDataSource setup = pool(loadUrl, user)) {
            // Schema: all the app's migrations, then the compared one's indexes dropped (they are made again after the
            // first measurement); then Camunda's.
            Flyway flyway = flyway(setup, null);
            indexes = compared(flyway.info().all(), indexesArg);
            flyway.migrate();
            appliedBefore = applied(flyway);
            if (indexes != null) {
                indexStatements = statements(indexes);
                List<String> names = new ArrayList<>();
                for (String st : indexStatements) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)^create\\s+(?:unique\\s+)?index\\s+(\\w+)").matcher(st);
                    if (!m.find()) {
                        throw new IllegalStateException("V" + indexes.getVersion() + " does more than create indexes: " + st);
                    }
                    names.add(m.group(1));
                }
                try (Connection c = setup.getConnection(); Statement s = c.createStatement()) {
                    for (String name : names) {
                        s.execute("drop index " + name);
                    }
                }
                appliedBefore += " without the " + names.size() + " indexes of V" + indexes.getVersion();
            }
            log("migrations applied: " + appliedBefore);
            ProcessEngine engine = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                    .setDataSource(setup).setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                    .setHistory(ProcessEngineConfiguration.HISTORY_FULL).setJobExecutorActivate(false)
                    .setProcessEngineName("bench").buildProcessEngine();
            engine.close();
            log("Camunda schema created");

            Instant t0 = Instant.now();
            logMode = data.load(setup);
            load = Duration.between(t0, Instant.now());
            log("data loaded in " + load.toSeconds() + " s");
            t0 = Instant.now();
            try (Connection c = setup.getConnection(); Statement s = c.createStatement()) {
                s.execute(postgres ? "vacuum analyze" : "analyze");
            }
            analyze = Duration.between(t0, Instant.now());
        }
        if (!postgres) {
            // Loading leaves the MVStore file mostly free space (copy-on-write pages); compact it, as a database that has
            // been running for a while is (H2 compacts in the background), so that the reads are of a realistic file.
            long bloated = dirSize(DIR);
            Instant t1 = Instant.now();
            try (Connection c = java.sql.DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.execute("shutdown compact");
            }
            compact = Duration.between(t1, Instant.now());
            log(String.format(Locale.ROOT, "compacted %,d MiB to %,d MiB in %d s", bloated >> 20, dirSize(DIR) >> 20, compact.toSeconds()));
        }
        if (argList.contains("--load-only")) {
            log("--load-only: database left in " + DIR);
            if (postgres) {
                log("(PostgreSQL stops with this program; the data directory is kept: start it with pg_ctl to look at plans)");
            }
            return true;
        }

        try (HikariDataSource ds = pool(url, user)) {
            RecordingJdbc jdbc = new RecordingJdbc(ds);
            DashboardService dashboard = dashboard(jdbc, calendar);
            Map<String, Integer> counts = counts(ds);
            String size = String.format(Locale.ROOT, "%,d MiB", databaseSize(ds) >> 20);

            md.add("# Supervisor dashboard benchmark" + (postgres ? " on PostgreSQL" : "") + ", " + today);
            md.add("");
            md.add("`bash bench/dashboard.sh" + (postgres ? " --postgres" : "") + pgSettings.entrySet().stream()
                    .map(e -> " --pg=" + e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining())
                    + "` (`bench/DashboardBench.java`). Target: **p95 ≤ "
                    + (int) TARGET_MS + " ms** for the dashboard's summary and the overdue list with "
                    + String.format(Locale.ROOT, "%,d projects and %,d", PROJECTS, TASKS) + " historic "
                    + "task rows. Calls the real `DashboardService` / `OverdueRepository` (built by reflection over a "
                    + "`JdbcTemplate` on a HikariCP pool) on "
                    + (postgres ? "an embedded PostgreSQL (zonky; " + database + "; data directory `target/bench-dashboard-pg/pg`, "
                            + "made afresh and deleted after the run), over TCP on localhost, one thread."
                            : "an embedded H2 " + productVersion(ds) + " file database (`target/bench-dashboard`, the app's default URL settings), one thread."));
            md.add("");
            md.add("## Data");
            md.add("");
            md.add("Made afresh on each run with seed " + SEED + ": the app's Flyway migrations (" + appliedBefore
                    + "), Camunda's schema (standalone engine, `databaseSchemaUpdate=true`), then batch inserts (" + logMode
                    + "), then " + (postgres ? "`VACUUM ANALYZE`. Loading took " + load.toSeconds() + " s, `VACUUM ANALYZE` " + analyze.toSeconds() + " s"
                    : "`ANALYZE`, then `SHUTDOWN COMPACT` (loading leaves H2's file mostly free space; a database "
                    + "in use is compacted in the background). Loading took " + load.toSeconds() + " s, `ANALYZE` "
                    + analyze.toSeconds() + " s, compacting " + compact.toSeconds() + " s")
                    + "; the database is then " + size + ". The engine clock stands at " + NOW.atZone(ZONE).toLocalDateTime() + " (Asia/Shanghai) "
                    + "plus 0–240 minutes, drawn for each call.");
            md.add("");
            md.add("| rows | count |");
            md.add("|---|---:|");
            counts.forEach((k, v) -> md.add(String.format(Locale.ROOT, "| %s | %,d |", k, v)));
            md.add("");
            md.add("Districts weighted 18–4 % of the projects; lead units: district governments 40 %, departments 30 %, "
                    + "enterprises 30 %, skewed within each; task kinds: monthly reports 40 %, verifications 16 %, approvals 14 %, "
                    + "milestone claims 12 %, issue tasks 15 %, supplements 3 %, supervision notices 2 %; holders: the project office for verifications "
                    + "and triage, the approving department for approvals, the lead unit or a cooperating unit otherwise. "
                    + "Lights follow the open deadlines as `LightService` words them (red: an overdue one; yellow: one in its "
                    + "warning window), plus investment lag for 2 % red and 6 % yellow; reserve projects have no light row.");
            md.add("");
            md.add("Each call is preceded (untimed) by one light update and one deadline update, as the running app makes "
                    + "them, so that " + (postgres ? "no result can be reused" : "H2 cannot hand back a cached result of an identical query")
                    + "; filters rotate through all "
                    + "districts, all units and all kinds. " + WARMUP + " warm-up calls of each operation, then " + CALLS
                    + " timed calls of each, interleaved (one of each in turn). Per-statement times are measured inside the "
                    + "`JdbcTemplate` (execute and read the rows, including the code's row handling)."
                    + (postgres ? " The PostgreSQL driver prepares a statement on the server from its fifth use on a connection "
                    + "(`prepareThreshold`), and the server may then keep a generic plan: the timed calls are past that, as in the running app." : ""));

            Map<String, String> plansBefore = new LinkedHashMap<>();
            Map<String, String> plansAfter = new LinkedHashMap<>();
            Bench b = new Bench(ds, jdbc, dashboard, data);
            String title = indexes == null ? "Results" : "Before V" + indexes.getVersion() + " " + indexes.getDescription()
                    + " (" + appliedBefore + ")";
            Results resBefore = b.run(title, plansBefore);
            md.addAll(resBefore.markdown);
            Results resAfter = null;
            if (indexes != null) {
                Instant t0 = Instant.now();
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    for (String st : indexStatements) {
                        s.execute(st);
                    }
                }
                Duration migrate = Duration.between(t0, Instant.now());
                String index = "V" + indexes.getVersion() + " " + indexes.getDescription();
                log(index + " applied in " + migrate.toMillis() + " ms");
                resAfter = b.run("After " + index + " (its statements run on the loaded data in "
                        + String.format(Locale.ROOT, "%.1f", migrate.toMillis() / 1000.0) + " s, no `ANALYZE` after)", plansAfter);
                md.addAll(resAfter.markdown);
            }
            md.add("");
            md.add("## Plans (EXPLAIN ANALYZE)");
            md.add("");
            md.add(postgres ? "PostgreSQL's `EXPLAIN (ANALYZE, BUFFERS)` of each statement as the code sent it (arguments bound: "
                    + "the plan for these values), for one call after the warm-up. `shared hit`: pages found in shared_buffers; "
                    + "`read`: pages read from the operating system."
                    : "H2's `EXPLAIN ANALYZE` of each statement as the code sent it (arguments bound), for one call. "
                    + "`scanCount`: rows read from each index or table; `reads`: pages read from the file (not in H2's cache).");
            List<String> changed = plansBefore.keySet().stream()
                    .filter(l -> plansAfter.containsKey(l) && !withoutReads(plansBefore.get(l)).equals(withoutReads(plansAfter.get(l))))
                    .toList();
            if (!plansAfter.isEmpty()) {
                md.add("");
                md.add("### Statements whose plan the compared indexes changed");
                for (String label : changed) {
                    md.add("");
                    md.add("#### " + label);
                    md.add("");
                    md.add("Before:");
                    md.add("");
                    md.add("```sql");
                    md.add(plansBefore.get(label));
                    md.add("```");
                    md.add("");
                    md.add("After:");
                    md.add("");
                    md.add("```sql");
                    md.add(plansAfter.get(label));
                    md.add("```");
                }
                md.add("");
                md.add("### The other statements (same plan before and after; shown after)");
            }
            for (String label : plansBefore.keySet()) {
                if (changed.contains(label)) {
                    continue;
                }
                md.add("");
                md.add("#### " + label);
                md.add("");
                md.add("```sql");
                md.add(plansAfter.getOrDefault(label, plansBefore.get(label)));
                md.add("```");
            }
            md.addAll(machineSection(loadBefore));
            md.add("");
            md.add(String.format(Locale.ROOT, "Whole run %d s; database %,d MiB. checksum %d",
                    Duration.between(started, Instant.now()).toSeconds(), databaseSize(ds) >> 20, sink));

            String name = (postgres ? "dashboard-postgres" : "dashboard") + (PROJECTS == 100_000 ? "" : "-" + PROJECTS)
                    + pgSettings.entrySet().stream().map(e -> "-" + e.getKey() + "-" + e.getValue()).collect(java.util.stream.Collectors.joining());
            writeResults(name, md);
            Results last = resAfter != null ? resAfter : resBefore;
            if (!last.allMet) {
                System.out.println("target NOT met (p95 > " + (int) TARGET_MS + " ms) — see above");
            }
            return last.allMet;
        }
    }

    // ------------------------------------------------------------------------------------------------ measuring

    record Results(List<String> markdown, boolean allMet) {
    }

    /** An operation the dashboard performs: a name and what one call does (with the draw number i). */
    record Op(String name, java.util.function.IntConsumer call) {
    }

    static final class Bench {

        final DataSource ds;
        final RecordingJdbc jdbc;
        final DashboardService dashboard;
        final Data data;
        final Random random = new Random(SEED + 1);
        final List<Op> ops = new ArrayList<>();
        final List<String> unitCodes;
        final List<String> districtCodes;
        final List<String> kindCodes;

        Bench(DataSource ds, RecordingJdbc jdbc, DashboardService dashboard, Data data) {
            this.ds = ds;
            this.jdbc = jdbc;
            this.dashboard = dashboard;
            this.data = data;
            districtCodes = Arrays.stream(DISTRICTS).map(d -> d[0]).toList();
            unitCodes = data.unitCodes;
            kindCodes = Arrays.stream(KINDS).map(Enum::name).toList();
            ops.add(new Op("summary", i -> {
                DashboardSummary s = dashboard.summary(null);
                sink += s.overdue() + s.projects() + s.districts().size() + s.units().size();
            }));
            ops.add(new Op("overdue, no filter", i -> overdue(new OverdueFilter(null, null, null, null, null, null, null))));
            ops.add(new Op("overdue, district", i -> overdue(new OverdueFilter(pick(districtCodes, i), null, null, null, null, null, null))));
            ops.add(new Op("overdue, unit", i -> overdue(new OverdueFilter(null, pick(unitCodes, i), null, null, null, null, null))));
            ops.add(new Op("overdue, kind", i -> overdue(new OverdueFilter(null, null, null, null, null, pick(kindCodes, i), null))));
        }

        /** What GET /api/dashboard/overdue does: the total, then the first page. */
        void overdue(OverdueFilter f) {
            int total = dashboard.overdueCount(f);
            List<OverdueItem> page = dashboard.overdue(f, 0, PAGE);
            sink += total + page.size() + (page.isEmpty() ? 0 : page.get(0).workingDaysLate());
        }

        static String pick(List<String> values, int i) {
            return values.get(Math.floorMod(i, values.size()));
        }

        /** Untimed: one light and one deadline change, as the app makes them, and a new engine time. */
        void tick() {
            try (Connection c = ds.getConnection();
                 PreparedStatement light = c.prepareStatement("update project_light set updated_at = ? where project_code = ?");
                 PreparedStatement deadline = c.prepareStatement("update task_deadline set due_soon = due_soon where task_id = ?")) {
                Instant at = NOW.plusSeconds(random.nextInt(240 * 60));
                light.setTimestamp(1, Timestamp.from(at));
                light.setString(2, data.projectCode[random.nextInt(PROJECTS)]);
                light.executeUpdate();
                deadline.setString(1, data.openTaskIds.get(random.nextInt(data.openTaskIds.size())));
                deadline.executeUpdate();
                ClockUtil.setCurrentTime(Date.from(at));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        Results run(String title, Map<String, String> plans) throws SQLException, IOException {
            log("== " + title + ": warm-up");
            int draw = 0;
            for (int w = 0; w < WARMUP; w++) {
                for (Op op : ops) {
                    tick();
                    op.call.accept(draw++);
                }
            }
            // The plans: one call of each operation, each statement explained once.
            java.util.Set<String> explained = new java.util.HashSet<>();
            for (Op op : ops) {
                tick();
                jdbc.recording = new ArrayList<>();
                op.call.accept(draw++);
                for (RecordingJdbc.Sent sent : jdbc.recording) {
                    if (explained.add(sent.sql)) {
                        String label = op.name.equals("summary") || op.name.endsWith("no filter") ? sent.label
                                : sent.label + " (" + op.name.substring(op.name.indexOf(", ") + 2) + ")";
                        plans.put(label, explain(sent));
                    }
                }
                jdbc.recording = null;
            }
            log("== " + title + ": " + CALLS + " timed calls of each of " + ops.size() + " operations");
            String loadBefore = loadAverage();
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<String, double[]> times = new LinkedHashMap<>();
            Map<String, double[]> cpu = new LinkedHashMap<>();
            Map<String, double[]> serverCpu = new LinkedHashMap<>();
            Map<String, Map<String, List<Double>>> statements = new LinkedHashMap<>();
            for (Op op : ops) {
                times.put(op.name, new double[CALLS]);
                cpu.put(op.name, new double[CALLS]);
                serverCpu.put(op.name, new double[CALLS]);
                statements.put(op.name, new LinkedHashMap<>());
            }
            for (int r = 0; r < CALLS; r++) {
                for (Op op : ops) {
                    tick();
                    jdbc.timings = new ArrayList<>();
                    double s0 = postgres ? pgCpuMs() : 0;
                    long c0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    op.call.accept(draw++);
                    times.get(op.name)[r] = (System.nanoTime() - t0) / 1e6;
                    cpu.get(op.name)[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                    if (postgres) {
                        serverCpu.get(op.name)[r] = pgCpuMs() - s0;
                    }
                    for (RecordingJdbc.Timing t : jdbc.timings) {
                        statements.get(op.name).computeIfAbsent(t.label, k -> new ArrayList<>()).add(t.ms);
                    }
                    jdbc.timings = null;
                }
            }
            List<String> md = new ArrayList<>();
            md.add("");
            md.add("## " + title);
            md.add("");
            md.add("Load average (1, 5, 15 min) before the timed calls: " + loadBefore + "; after: " + loadAverage()
                    + " (" + Runtime.getRuntime().availableProcessors() + " cores: a load above that means other work competed for the CPU). "
                    + (postgres ? "CPU ms is the calling thread's CPU time: the driver and the code's row handling only "
                    + "(PostgreSQL works in its own process). PG CPU ms is PostgreSQL's: the CPU time its processes used during the "
                    + "call (`/proc/<pid>/schedstat` of the postmaster's children, plus the parallel workers that ended, from the "
                    + "postmaster's reaped-children time in 10 ms ticks; autovacuum, if it ran, is counted too). Neither counts the "
                    + "time spent waiting for a core (other work sharing the caches still slows them), so JVM CPU + PG CPU is "
                    + "roughly what a call takes on an otherwise idle server."
                    : "CPU ms is the calling thread's CPU time "
                    + "(H2 runs embedded, in that thread), which other work on the machine does not inflate."));
            md.add("");
            md.add("| operation | p50 ms | p95 ms | max ms | target p95 ms | p95 ÷ target | met | CPU p50 ms | CPU p95 ms |"
                    + (postgres ? " PG CPU p50 ms | PG CPU p95 ms | PG CPU mean ms |" : ""));
            md.add("|---|---:|---:|---:|---:|---:|:-:|---:|---:|" + (postgres ? "---:|---:|---:|" : ""));
            boolean allMet = true;
            for (Op op : ops) {
                double[] t = times.get(op.name);
                double p95 = percentile(t, 95);
                allMet &= p95 <= TARGET_MS;
                double[] c = cpu.get(op.name);
                md.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.0f | %.2f | %s | %.1f | %.1f |", op.name,
                        percentile(t, 50), p95, max(t), TARGET_MS, p95 / TARGET_MS, p95 <= TARGET_MS ? "yes" : "**no**",
                        percentile(c, 50), percentile(c, 95))
                        + (postgres ? String.format(Locale.ROOT, " %.1f | %.1f | %.1f |", percentile(serverCpu.get(op.name), 50),
                        percentile(serverCpu.get(op.name), 95), Arrays.stream(serverCpu.get(op.name)).average().orElse(0)) : ""));
            }
            md.add("");
            md.add("Per statement (the same calls):");
            md.add("");
            md.add("| operation | statement | per call | p50 ms | p95 ms | max ms |");
            md.add("|---|---|---:|---:|---:|---:|");
            for (Op op : ops) {
                statements.get(op.name).forEach((label, list) -> {
                    double[] t = list.stream().mapToDouble(Double::doubleValue).toArray();
                    md.add(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f |", op.name, label.replace("|", "\\|"),
                            t.length / CALLS, percentile(t, 50), percentile(t, 95), max(t)));
                });
            }
            md.forEach(System.err::println);
            return new Results(md, allMet);
        }

        String explain(RecordingJdbc.Sent sent) throws SQLException {
            String explain = postgres ? "explain (analyze, buffers) " : "explain analyze ";
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(explain + sent.sql)) {
                for (int i = 0; i < sent.args.length; i++) {
                    ps.setObject(i + 1, sent.args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    StringBuilder s = new StringBuilder();
                    while (rs.next()) {
                        s.append(rs.getString(1)).append(postgres ? "\n" : "");
                    }
                    String args = sent.args.length == 0 ? "" : "\n-- arguments: " + Arrays.toString(sent.args);
                    return s.toString().strip() + args;
                }
            }
        }
    }

    /** The postmaster's process id (PostgreSQL mode). */
    static long postmasterPid;

    /**
     * PostgreSQL's CPU time so far, in ms: that of the postmaster's live children (schedstat, ns) plus what the postmaster
     * has reaped of its ended children (parallel workers; cutime + cstime, clock ticks of 10 ms).
     */
    static double pgCpuMs() {
        double ms = 0;
        for (ProcessHandle child : ProcessHandle.of(postmasterPid).map(h -> h.children().toList()).orElse(List.of())) {
            try {
                ms += Long.parseLong(Files.readString(Path.of("/proc/" + child.pid() + "/schedstat")).split(" ")[0]) / 1e6;
            } catch (IOException | RuntimeException gone) {
                // ended in between: its time is in the postmaster's reaped-children time
            }
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + postmasterPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ms += (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10.0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ms;
    }

    /** A plan without H2's count of pages read (it differs with what the cache holds) and without the arguments. */
    static String withoutReads(String plan) {
        if (postgres) {
            // PostgreSQL: the plan's nodes without their costs, times, row counts and buffers
            return plan.replaceAll("\\([^()]*\\)", "").replaceAll("(?m)^\\s*(Buffers|Planning|Execution|Heap Blocks|Rows Removed|Sort Method|Memory Usage|Worker|I/O Timings|Batches|Buckets).*$", "")
                    .replaceAll("-- arguments: .*", "").replaceAll("\\s+", " ").strip();
        }
        return plan.replaceAll("(?s)/\\*\\s*reads: \\d+\\s*\\*/", "").replaceAll("-- arguments: .*", "")
                .replaceAll("\\s+", " ").strip();
    }

    /**
     * The app's JdbcTemplate, plus: times every query and names it, and (while recording) keeps its SQL and arguments.
     * Every query method of JdbcTemplate ends in one of the two overridden methods.
     */
    static final class RecordingJdbc extends JdbcTemplate {

        record Sent(String label, String sql, Object[] args) {
        }

        record Timing(String label, double ms) {
        }

        List<Sent> recording;
        List<Timing> timings;
        private Object[] pendingArgs;

        RecordingJdbc(DataSource ds) {
            super(ds);
        }

        @Override
        protected PreparedStatementSetter newArgPreparedStatementSetter(Object[] args) {
            pendingArgs = args == null ? new Object[0] : args.clone();
            return super.newArgPreparedStatementSetter(args);
        }

        @Override
        public <T> T query(String sql, PreparedStatementSetter pss, ResultSetExtractor<T> rse) {
            Object[] args = pendingArgs == null ? new Object[0] : pendingArgs;
            pendingArgs = null;
            return timed(sql, args, () -> super.query(sql, pss, rse));
        }

        @Override
        public <T> T query(String sql, ResultSetExtractor<T> rse) {
            return timed(sql, new Object[0], () -> super.query(sql, rse));
        }

        private <T> T timed(String sql, Object[] args, Supplier<T> query) {
            String label = label(sql);
            if (recording != null) {
                recording.add(new Sent(label, sql, args));
            }
            long t0 = System.nanoTime();
            T result = query.get();
            if (timings != null) {
                timings.add(new Timing(label, (System.nanoTime() - t0) / 1e6));
            }
            return result;
        }

        /** A short name for the dashboard's statements; any other statement is named by its SQL. */
        static String label(String sql) {
            String s = sql.replaceAll("\\s+", " ").strip();
            if (s.contains("group by d.kind, p.district_code, d.holder_unit_code")) {
                return "overdue by kind, district and unit";
            } else if (s.startsWith("select district_code, lead_unit_code, count(*) from project")) {
                return "projects by district and unit";
            } else if (s.contains("where l.light in ('YELLOW', 'RED')")) {
                return "yellow and red lights";
            } else if (s.startsWith("select code, name from district")) {
                return "districts";
            } else if (s.startsWith("select code, name from unit")) {
                return "units";
            } else if (s.contains("group by coalesce(l.light")) {
                return "lights";
            } else if (s.contains("from desk_urge")) {
                return "urges by district and unit";
            } else if (s.startsWith("select count(*) from task_deadline where status = 'OPEN' and provisional")) {
                return "provisional deadlines";
            } else if (s.contains("from notification_delivery")) {
                return "notification backlog";
            } else if (s.contains("group by d.kind")) {
                return "overdue by kind";
            } else if (s.contains("group by p.district_code")) {
                return "overdue by district";
            } else if (s.contains("group by d.holder_unit_code")) {
                return "overdue by unit";
            } else if (s.contains("from district d left join project")) {
                return "district rows";
            } else if (s.contains("from unit u left join project")) {
                return "unit rows";
            } else if (s.contains("role = 'LEADER'")) {
                return "leaders";
            } else if (s.contains("count(*) > 0") && s.contains("provisional")) {
                return "provisional";
            } else if (s.startsWith("select count(*) from task_deadline d join project")) {
                return "overdue count";
            } else if (s.contains("offset ? rows fetch next ? rows only")) {
                return "overdue page";
            }
            return s;
        }
    }

    static DashboardService dashboard(JdbcTemplate jdbc, WorkingDayCalendar calendar) throws ReflectiveOperationException {
        EngineClock clock = EngineClock.realTime();
        Object overdue = construct("cn.tuijin.dashboard.OverdueRepository", new Class<?>[] {JdbcTemplate.class, WorkingDayCalendar.class},
                jdbc, calendar);
        Object deliveries = construct("cn.tuijin.notification.DeliveryRepository", new Class<?>[] {JdbcTemplate.class}, jdbc);
        Object notifications = construct("cn.tuijin.notification.NotificationStatus",
                new Class<?>[] {deliveries.getClass(), EngineClock.class}, deliveries, clock);
        Object warning = construct("cn.tuijin.calendar.CalendarWarning",
                new Class<?>[] {WorkingDayCalendar.class, JdbcTemplate.class, EngineClock.class}, calendar, jdbc, clock);
        return (DashboardService) construct(DashboardService.class.getName(), new Class<?>[] {JdbcTemplate.class, overdue.getClass(),
                EngineClock.class, notifications.getClass(), warning.getClass()}, jdbc, overdue, clock, notifications, warning);
    }

    /** An instance of the application's class through its package-private constructor (as Spring makes it). */
    static Object construct(String className, Class<?>[] types, Object... args) throws ReflectiveOperationException {
        Constructor<?> constructor = Class.forName(className).getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(args);
    }

    // ------------------------------------------------------------------------------------------------ the data

    /** The city: made with a fixed seed, kept in memory only as far as the measuring needs it. */
    static final class Data {

        final WorkingDayCalendar calendar;
        final Random random = new Random(SEED);
        final List<String> unitCodes = new ArrayList<>();
        final List<String> unitNames = new ArrayList<>();
        final List<String> unitKinds = new ArrayList<>();
        final List<List<String>> officers = new ArrayList<>();
        final List<String> leaders = new ArrayList<>();
        final String[] projectCode = new String[PROJECTS];
        final String[] projectName = new String[PROJECTS];
        final String[] projectPi = new String[PROJECTS];
        final int[] projectLead = new int[PROJECTS];
        final int[] projectStage = new int[PROJECTS];
        final List<String> openTaskIds = new ArrayList<>();
        /** Red and yellow reasons of the open deadlines, per project. */
        final Map<Integer, List<String>> red = new LinkedHashMap<>();
        final Map<Integer, List<String>> yellow = new LinkedHashMap<>();
        final int[] leadWeights;
        int[] active;

        Data(WorkingDayCalendar calendar) {
            this.calendar = calendar;
            for (String[] d : DEPARTMENTS) {
                addUnit(d[0], d[1], "DEPARTMENT");
            }
            for (String[] d : DISTRICTS) {
                addUnit(d[0], d[1] + "人民政府", "DISTRICT");
            }
            String[] words = {"华芯集成电路", "江城新能源", "北湖智造", "临江港务", "高新生物医药", "东城建设", "南湖文旅",
                    "经开汽车零部件", "滨海化工", "山前矿业", "西城数据", "江北物流"};
            for (int i = 0; i < ENTERPRISES; i++) {
                addUnit(String.format(Locale.ROOT, "qy%02d", i + 1), words[i % words.length] + (i < words.length ? "" : (i / words.length + 1) + "期")
                        + "有限公司", "ENTERPRISE");
            }
            for (int i = 0; i < 12; i++) {
                leaders.add(String.format(Locale.ROOT, "leader%02d", i + 1));
            }
            // Lead units: district governments 40 %, departments (not the project office or supervision) 30 %,
            // enterprises 30 %, each skewed (weight 1..n in random order).
            leadWeights = new int[unitCodes.size()];
            double[] raw = new double[unitCodes.size()];
            double[] groupSum = new double[3];
            for (int u = 0; u < unitCodes.size(); u++) {
                raw[u] = u < 2 ? 0 : 1 + random.nextInt(10);
                groupSum[group(u)] += raw[u];
            }
            double[] share = {0.30, 0.40, 0.30};
            for (int u = 0; u < unitCodes.size(); u++) {
                leadWeights[u] = (int) Math.round(1_000_000 * share[group(u)] * raw[u] / groupSum[group(u)]);
            }
        }

        /** 0 department, 1 district government, 2 enterprise. */
        int group(int unit) {
            return switch (unitKinds.get(unit)) {
                case "DEPARTMENT" -> 0;
                case "DISTRICT" -> 1;
                default -> 2;
            };
        }

        void addUnit(String code, String name, String kind) {
            unitCodes.add(code);
            unitNames.add(name);
            unitKinds.add(kind);
            List<String> people = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                people.add(code + "_" + (i + 1));
            }
            officers.add(people);
        }

        String uuid() {
            return new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L, random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L)
                    .toString();
        }

        static int weighted(Random random, int[] weights) {
            int total = Arrays.stream(weights).sum();
            int r = random.nextInt(total);
            for (int i = 0; i < weights.length; i++) {
                r -= weights[i];
                if (r < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }

        /**
         * Loads everything in one connection, in transactions of 5,000 rows; answers how. H2 2.x has no switch for the
         * transaction log (SET LOG / UNDO_LOG are gone), so loading is sped up the usual way: a large cache, and the
         * secondary indexes of the two big tables dropped while loading and made again afterwards (H2 then builds each
         * index from sorted runs instead of inserting a million random keys), with the same names and columns.
         */
        String load(DataSource ds) throws SQLException {
            if (postgres) {
                return loadPostgres(ds);
            }
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                String cache = null;
                try (ResultSet rs = s.executeQuery("select setting_value from information_schema.settings where setting_name = 'CACHE_SIZE'")) {
                    if (rs.next()) {
                        cache = rs.getString(1);
                    }
                }
                if (cache != null) {
                    s.execute("set cache_size 1048576");
                }
                String retention = null;
                try (ResultSet rs = s.executeQuery("select setting_value from information_schema.settings where setting_name = 'RETENTION_TIME'")) {
                    if (rs.next()) {
                        retention = rs.getString(1);
                        s.execute("set retention_time 0");   // reuse the file's free space at once: a smaller file while loading
                    }
                }
                List<String> indexes = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("""
                        select i.table_name, i.index_name, listagg('"' || c.column_name || '"', ', ') within group (order by c.ordinal_position)
                        from information_schema.indexes i
                        join information_schema.index_columns c on c.index_schema = i.index_schema and c.index_name = i.index_name
                        where i.table_schema = 'PUBLIC' and i.table_name in ('TASK_DEADLINE', 'ACT_HI_TASKINST')
                          and i.index_type_name = 'INDEX' and not i.is_generated
                        group by i.table_name, i.index_name order by i.table_name, i.index_name""")) {
                    while (rs.next()) {
                        indexes.add("create index \"" + rs.getString(2) + "\" on \"" + rs.getString(1) + "\" (" + rs.getString(3) + ")");
                        s.addBatch("drop index \"" + rs.getString(2) + "\"");
                    }
                }
                s.executeBatch();
                c.setAutoCommit(false);
                loadOrganisation(c);
                loadProjects(c);
                loadTasks(c);
                loadLights(c);
                c.commit();
                c.setAutoCommit(true);
                long t0 = System.nanoTime();
                for (String index : indexes) {
                    s.execute(index);
                }
                log("secondary indexes of task_deadline and ACT_HI_TASKINST made again in " + (System.nanoTime() - t0) / 1_000_000_000 + " s");
                if (cache != null) {
                    s.execute("set cache_size " + cache);
                }
                if (retention != null) {
                    s.execute("set retention_time " + retention);
                }
                return "one connection, 5,000 rows a transaction, `RETENTION_TIME 0` while loading, H2 cache " + (cache == null ? "unchanged" : "1 GiB while loading (then back to " + cache + " KiB)")
                        + ", the " + indexes.size() + " secondary indexes of task_deadline and ACT_HI_TASKINST dropped while loading and made again after";
            }
        }

        /**
         * PostgreSQL: one connection, batches of 5,000 rows sent as multi-row inserts (the driver's
         * {@code reWriteBatchedInserts}), a transaction per batch; the secondary indexes of task_deadline and
         * ACT_HI_TASKINST (not those of their keys) dropped while loading and made again afterwards from their definitions.
         */
        String loadPostgres(DataSource ds) throws SQLException {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                List<String> indexes = new ArrayList<>();
                List<String> drops = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("""
                        select i.indexname, i.indexdef from pg_indexes i
                        where i.schemaname = current_schema() and i.tablename in ('task_deadline', 'act_hi_taskinst')
                          and not exists (select 1 from pg_constraint k where k.conname = i.indexname)
                        order by i.tablename, i.indexname""")) {
                    while (rs.next()) {
                        drops.add("drop index " + rs.getString(1));
                        indexes.add(rs.getString(2));
                    }
                }
                for (String drop : drops) {
                    s.execute(drop);
                }
                c.setAutoCommit(false);
                loadOrganisation(c);
                loadProjects(c);
                loadTasks(c);
                loadLights(c);
                c.commit();
                c.setAutoCommit(true);
                long t0 = System.nanoTime();
                s.execute("set maintenance_work_mem = '256MB'");
                for (String index : indexes) {
                    s.execute(index);
                }
                log("secondary indexes of task_deadline and ACT_HI_TASKINST made again in " + (System.nanoTime() - t0) / 1_000_000_000 + " s");
                return "one connection, batches of 5,000 rows as multi-row inserts (`reWriteBatchedInserts`), a transaction per batch, the "
                        + indexes.size() + " secondary indexes of task_deadline and ACT_HI_TASKINST dropped while loading and made "
                        + "again after (`maintenance_work_mem` 256MB)";
            }
        }

        void loadOrganisation(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("insert into district (code, name) values (?, ?)")) {
                for (String[] d : DISTRICTS) {
                    ps.setString(1, d[0]);
                    ps.setString(2, d[1]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into unit (code, name, kind, district_code) values (?, ?, ?, ?)")) {
                for (int u = 0; u < unitCodes.size(); u++) {
                    ps.setString(1, unitCodes.get(u));
                    ps.setString(2, unitNames.get(u));
                    ps.setString(3, unitKinds.get(u));
                    String kind = unitKinds.get(u);
                    ps.setString(4, kind.equals("DISTRICT") ? unitCodes.get(u)
                            : kind.equals("ENTERPRISE") ? DISTRICTS[weighted(random, DISTRICT_WEIGHT)][0] : null);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into person (id, name, role, unit_code) values (?, ?, ?, ?)")) {
                String[] surnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
                String[] given = {"建国", "娜", "伟", "磊", "静", "洋", "海波", "敏", "倩", "浩", "志远", "晓红", "振华", "丽娟"};
                for (int u = 0; u < unitCodes.size(); u++) {
                    for (String id : officers.get(u)) {
                        ps.setString(1, id);
                        ps.setString(2, surnames[random.nextInt(surnames.length)] + given[random.nextInt(given.length)]);
                        ps.setString(3, u == 0 ? "PROJECT_OFFICE" : u == 1 ? "SUPERVISOR" : "OFFICER");
                        ps.setString(4, unitCodes.get(u));
                        ps.addBatch();
                    }
                }
                for (String id : leaders) {
                    ps.setString(1, id);
                    ps.setString(2, surnames[random.nextInt(surnames.length)] + given[random.nextInt(given.length)]);
                    ps.setString(3, "LEADER");
                    ps.setString(4, null);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        void loadProjects(Connection c) throws SQLException {
            List<Integer> activeList = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(Rows.PROJECT)) {
                int[] seq = new int[4];
                for (int p = 0; p < PROJECTS; p++) {
                    int district = weighted(random, DISTRICT_WEIGHT);
                    int lead = weighted(random, leadWeights);
                    int category = unitKinds.get(lead).equals("ENTERPRISE") ? 0 : random.nextInt(CATEGORIES.length);
                    int stage = weighted(random, STAGE_WEIGHT);
                    int year = 2023 + random.nextInt(4);
                    String code = String.format(Locale.ROOT, "XM-%d-%05d", year, ++seq[year - 2023]);
                    String name = DISTRICTS[district][1] + CATEGORY_WORDS[category] + "（" + code.substring(3) + "）";
                    projectCode[p] = code;
                    projectName[p] = name;
                    projectPi[p] = uuid();
                    projectLead[p] = lead;
                    projectStage[p] = stage;
                    if (stage > 0) {
                        activeList.add(p);
                    }
                    LocalDate created = LocalDate.of(year, 1, 1).plusDays(random.nextInt(300));
                    ps.setString(1, code);
                    ps.setString(2, name);
                    ps.setString(3, "建设内容：" + name + "，总建筑面积约 " + (1 + random.nextInt(50)) + " 万平方米。");
                    ps.setString(4, CATEGORIES[category]);
                    ps.setString(5, LEVELS[random.nextInt(LEVELS.length)]);
                    ps.setString(6, DISTRICTS[district][0]);
                    ps.setString(7, unitCodes.get(lead));
                    ps.setString(8, leaders.get(random.nextInt(leaders.size())));
                    double total = 1000 + random.nextInt(500_000);
                    ps.setBigDecimal(9, java.math.BigDecimal.valueOf(total));
                    ps.setBigDecimal(10, java.math.BigDecimal.valueOf(Math.round(total / (2 + random.nextInt(4)))));
                    ps.setObject(11, created.plusDays(60));
                    ps.setObject(12, created.plusDays(180));
                    ps.setObject(13, created.plusDays(900));
                    ps.setObject(14, created.plusDays(1000));
                    ps.setObject(15, stage >= 2 ? created.plusDays(50 + random.nextInt(30)) : null);
                    ps.setObject(16, stage >= 3 ? created.plusDays(170 + random.nextInt(60)) : null);
                    ps.setObject(17, null);
                    ps.setObject(18, null);
                    ps.setString(19, STAGES[stage]);
                    Timestamp ts = Timestamp.valueOf(created.atTime(9, 0));
                    ps.setTimestamp(20, ts);
                    ps.setTimestamp(21, ts);
                    ps.addBatch();
                    if (p % 5000 == 4999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            active = activeList.stream().mapToInt(Integer::intValue).toArray();
            c.commit();
            log("projects: " + PROJECTS);
        }

        void loadTasks(Connection c) throws SQLException {
            // OPEN rows first: 8,000 overdue (due up to 60 days ago), 450 paused, the rest due in the next 60 days.
            try (PreparedStatement td = c.prepareStatement(Rows.TASK_DEADLINE);
                 PreparedStatement hi = c.prepareStatement("""
                    insert into ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_,
                        EXECUTION_ID_, ACT_INST_ID_, NAME_, ASSIGNEE_, START_TIME_, END_TIME_, DURATION_, DELETE_REASON_,
                        PRIORITY_, DUE_DATE_, FOLLOW_UP_DATE_, TASK_STATE_)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                String lifecycleDef = "project-lifecycle:7:" + uuid();
                String issueDef = "issue-escalation:4:" + uuid();
                String noticeDef = "supervision-notice:2:" + uuid();
                long first = LocalDate.of(2024, 1, 1).atStartOfDay(ZONE).toEpochSecond();
                long span = NOW.getEpochSecond() - 40L * 86400 - first;
                for (int i = 0; i < TASKS; i++) {
                    boolean open = i < OPEN;
                    boolean overdue = i < OVERDUE;
                    boolean paused = !overdue && i < OVERDUE + PAUSED;
                    int p = active[random.nextInt(active.length)];
                    DeadlineKind kind = KINDS[weighted(random, KIND_WEIGHT)];
                    String[] task = task(kind, p);   // activity id, name, holder unit index
                    int holder = Integer.parseInt(task[2]);
                    String user = open && random.nextInt(10) < 3 ? "" : officers.get(holder).get(random.nextInt(4));
                    Instant created;
                    Instant due;
                    if (overdue) {
                        // the end of a working day before today, most of them recent
                        LocalDate day = LocalDate.ofInstant(NOW, ZONE).minusDays(1 + (long) (Math.pow(random.nextDouble(), 2) * 60));
                        while (!calendar.isWorkingDay(day)) {
                            day = day.minusDays(1);
                        }
                        due = day.atTime(17, 30).atZone(ZONE).toInstant();
                        created = due.minus(Duration.ofDays(3 + random.nextInt(25)));
                    } else if (open) {
                        due = NOW.plusSeconds(3 * 3600 + (long) (random.nextDouble() * 60 * 86400));
                        created = NOW.minusSeconds((long) (random.nextDouble() * 20 * 86400));
                    } else {
                        created = Instant.ofEpochSecond(first + (long) (random.nextDouble() * span));
                        due = created.plus(Duration.ofDays(3 + random.nextInt(25)));
                    }
                    if (!overdue) {
                        due = endOfWorkingDay(due);
                    }
                    Instant warn = due.minus(Duration.ofDays(1 + random.nextInt(5)));
                    Instant completed = open ? null : random.nextInt(10) == 0
                            ? due.plusSeconds((long) (random.nextDouble() * 10 * 86400))
                            : created.plusSeconds((long) (random.nextDouble() * Duration.between(created, due).toSeconds()));
                    boolean provisional = !calendar.hasDataFor(LocalDate.ofInstant(due, ZONE).getYear());
                    String id = uuid();
                    boolean issue = kind.name().startsWith("ISSUE") || kind == DeadlineKind.MEETING_ASSIGNMENT || kind.name().equals("NOTICE");
                    String pi = issue ? uuid() : projectPi[p];
                    if (open) {
                        openTaskIds.add(id);
                        String who = unitNames.get(holder);
                        if (overdue) {
                            int late = Math.max(1, calendar.workingDaysBetween(LocalDate.ofInstant(due, ZONE), LocalDate.ofInstant(NOW, ZONE)));
                            red.computeIfAbsent(p, k -> new ArrayList<>()).add("「" + task[1] + "」已逾期 " + late + " 个工作日（" + who + "）");
                        } else if (!paused && !warn.isAfter(NOW)) {
                            yellow.computeIfAbsent(p, k -> new ArrayList<>()).add("「" + task[1] + "」将于"
                                    + DateTimeFormatter.ofPattern("M月d日").format(LocalDate.ofInstant(due, ZONE)) + "到期（" + who + "）");
                        }
                    }
                    td.setString(1, id);
                    td.setString(2, projectCode[p]);
                    td.setString(3, pi);
                    td.setString(4, task[0]);
                    td.setString(5, task[1]);
                    td.setString(6, kind.name());
                    td.setString(7, unitCodes.get(holder));
                    td.setString(8, user);
                    td.setTimestamp(9, Timestamp.from(created));
                    td.setTimestamp(10, Timestamp.from(warn));
                    td.setTimestamp(11, Timestamp.from(due));
                    td.setBoolean(12, provisional);
                    td.setString(13, open ? "OPEN" : "DONE");
                    td.setBoolean(14, open ? !warn.isAfter(NOW) : true);
                    td.setBoolean(15, open ? overdue : completed.isAfter(due));
                    td.setTimestamp(16, paused ? Timestamp.from(NOW.minusSeconds(random.nextInt(10 * 86400))) : null);
                    td.setTimestamp(17, completed == null ? null : Timestamp.from(completed));
                    td.addBatch();

                    hi.setString(1, id);
                    hi.setString(2, task[0]);
                    String definition = kind.name().equals("NOTICE") ? noticeDef : issue ? issueDef : lifecycleDef;
                    hi.setString(3, definition.substring(0, definition.indexOf(':')));
                    hi.setString(4, definition);
                    hi.setString(5, pi);
                    hi.setString(6, pi);
                    hi.setString(7, pi);
                    hi.setString(8, task[0] + ":" + id);
                    hi.setString(9, task[1]);
                    hi.setString(10, user.isEmpty() ? null : user);
                    hi.setTimestamp(11, Timestamp.from(created));
                    hi.setTimestamp(12, completed == null ? null : Timestamp.from(completed));
                    if (completed == null) {
                        hi.setObject(13, null);
                    } else {
                        hi.setLong(13, Duration.between(created, completed).toMillis());
                    }
                    hi.setString(14, completed == null ? null : "completed");
                    hi.setInt(15, 50);
                    hi.setTimestamp(16, Timestamp.from(due));
                    hi.setTimestamp(17, Timestamp.from(warn));
                    hi.setString(18, completed == null ? "Created" : "Completed");
                    hi.addBatch();
                    if (i % 5000 == 4999) {
                        td.executeBatch();
                        hi.executeBatch();
                        c.commit();
                        if (i % 100_000 == 99_999) {
                            log("tasks: " + (i + 1));
                        }
                    }
                }
                td.executeBatch();
                hi.executeBatch();
                c.commit();
            }
        }

        /** 17:30 of the working day on or after the instant, as the app's deadlines end. */
        Instant endOfWorkingDay(Instant at) {
            LocalDate day = LocalDate.ofInstant(at, ZONE);
            while (!calendar.isWorkingDay(day)) {
                day = day.plusDays(1);
            }
            return day.atTime(17, 30).atZone(ZONE).toInstant();
        }

        /** Activity id, task name and holder (unit index) of a task of this kind on project p. */
        String[] task(DeadlineKind kind, int p) {
            int lead = projectLead[p];
            String name = projectName[p];
            int m = random.nextInt(4);
            return switch (kind) {
                case MILESTONE -> new String[]{"Task_Claim" + MILESTONE_IDS[m], "申报" + MILESTONES[m] + "｜" + name, "" + lead};
                case VERIFICATION -> new String[]{"Task_Verify" + MILESTONE_IDS[m], "核验" + MILESTONES[m] + "｜" + name, "0"};
                case APPROVAL -> {
                    int a = random.nextInt(APPROVERS.length);
                    yield new String[]{"Task_HandleApproval", "办理审批（" + APPROVAL_ITEMS[a] + "）｜" + name, "" + APPROVERS[a]};
                }
                case SUPPLEMENT -> new String[]{"Task_SupplementDocuments", "补正容缺材料｜" + name, "" + lead};
                case MONTHLY_REPORT -> new String[]{"Task_MonthlyReport", "填报月度调度（" + (2024 + random.nextInt(3)) + "-"
                        + String.format(Locale.ROOT, "%02d", 1 + random.nextInt(12)) + "）｜" + name, "" + lead};
                case ISSUE_TRIAGE -> new String[]{"Task_TriageIssue", "分派问题｜" + name, "0"};
                case ISSUE_LEVEL -> new String[]{"Task_ResolveLevel1", "办理问题｜" + name, "" + lead};
                case ISSUE_OPINION -> new String[]{"Task_GiveOpinion", "出具配合意见｜" + name, "" + (2 + random.nextInt(DEPARTMENTS.length - 2))};
                case MEETING_ASSIGNMENT -> new String[]{"Task_CompleteAssignment", "落实会议交办事项｜" + name,
                        "" + random.nextInt(unitCodes.size())};
                case ISSUE_CONFIRMATION -> new String[]{"Task_ConfirmResolution", "确认解决情况｜" + name, "" + lead};
                default -> kind.name().equals("NOTICE") ? new String[]{"Task_AnswerNotice", "报送整改情况｜" + name, "" + lead}
                        : new String[]{"Task_" + kind.name(), kind.label() + "｜" + name, "" + lead};
            };
        }

        void loadLights(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into project_light (project_code, light, reason, provisional, updated_at) values (?, ?, ?, ?, ?)")) {
                int n = 0;
                for (int p = 0; p < PROJECTS; p++) {
                    if (projectStage[p] == 0) {
                        continue;   // a reserve project has no process yet, hence no light
                    }
                    List<String> r = new ArrayList<>(red.getOrDefault(p, List.of()));
                    List<String> y = new ArrayList<>(yellow.getOrDefault(p, List.of()));
                    int lag = random.nextInt(100);
                    if (projectStage[p] == 3 && lag < 8) {
                        int ratio = lag < 2 ? 40 + random.nextInt(29) : 71 + random.nextInt(18);
                        String text = "本年完成投资 " + (1000 + random.nextInt(9000)) + " 万元，为序时进度 " + (5000 + random.nextInt(9000))
                                + " 万元的 " + ratio + "%";
                        (lag < 2 ? r : y).add(text);
                    }
                    String light = !r.isEmpty() ? "RED" : !y.isEmpty() ? "YELLOW" : "GREEN";
                    r.addAll(y);
                    String reason = r.isEmpty() ? "按计划推进" : String.join("；", r);
                    if (reason.length() > 2000) {
                        reason = reason.substring(0, 1990) + "……";
                    }
                    ps.setString(1, projectCode[p]);
                    ps.setString(2, light);
                    ps.setString(3, reason);
                    ps.setBoolean(4, false);
                    ps.setTimestamp(5, Timestamp.from(NOW.minusSeconds(random.nextInt(86400))));
                    ps.addBatch();
                    if (++n % 5000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            log("lights written");
        }
    }

    static Map<String, Integer> counts(DataSource ds) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Timestamp now = Timestamp.from(NOW);
        try (Connection c = ds.getConnection()) {
            count(c, counts, "district", "select count(*) from district");
            count(c, counts, "unit", "select count(*) from unit");
            count(c, counts, "person", "select count(*) from person");
            count(c, counts, "project", "select count(*) from project");
            count(c, counts, "project_light GREEN / YELLOW / RED", "select light, count(*) from project_light group by light order by case light when 'GREEN' then 1 when 'YELLOW' then 2 else 3 end");
            count(c, counts, "task_deadline", "select count(*) from task_deadline");
            count(c, counts, "task_deadline DONE", "select count(*) from task_deadline where status = 'DONE'");
            count(c, counts, "task_deadline OPEN", "select count(*) from task_deadline where status = 'OPEN'");
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*) from task_deadline where status = 'OPEN' and paused_at is null and due_at < ?")) {
                ps.setTimestamp(1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    counts.put("task_deadline OPEN, overdue at " + NOW.atZone(ZONE).toLocalDateTime() + " (not paused)", rs.getInt(1));
                }
            }
            count(c, counts, "task_deadline OPEN, paused", "select count(*) from task_deadline where status = 'OPEN' and paused_at is not null");
            count(c, counts, "task_deadline OPEN, provisional (due in 2027)", "select count(*) from task_deadline where status = 'OPEN' and provisional");
            count(c, counts, "ACT_HI_TASKINST", "select count(*) from ACT_HI_TASKINST");
        }
        return counts;
    }

    static void count(Connection c, Map<String, Integer> counts, String name, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (rs.getMetaData().getColumnCount() == 1) {
                rs.next();
                counts.put(name, rs.getInt(1));
            } else {
                // several lines: one count per group, in the order of the name
                List<Integer> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getInt(2));
                }
                StringBuilder joined = new StringBuilder();
                values.forEach(v -> joined.append(joined.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%,d", v)));
                counts.put(name + " = " + joined, values.stream().mapToInt(Integer::intValue).sum());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    /**
     * A pool as Spring Boot makes it for the app (HikariCP, the app's H2 URL settings: none beyond the file; on
     * PostgreSQL the driver's defaults).
     */
    static HikariDataSource pool(String url, String user) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword("");
        hc.setMaximumPoolSize(4);
        return new HikariDataSource(hc);
    }

    static Flyway flyway(DataSource ds, MigrationVersion target) {
        var config = Flyway.configure(DashboardBench.class.getClassLoader()).dataSource(ds).locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    static String applied(Flyway flyway) {
        List<String> applied = new ArrayList<>();
        for (MigrationInfo m : flyway.info().applied()) {
            applied.add("V" + m.getVersion());
        }
        return applied.isEmpty() ? "none" : applied.get(0) + (applied.size() > 1 ? "–" + applied.get(applied.size() - 1) : "");
    }

    static String productVersion(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductVersion().replaceAll(" .*", "");
        }
    }

    /** Bytes of the database: H2's files, or PostgreSQL's pg_database_size. */
    static long databaseSize(DataSource ds) throws SQLException, IOException {
        if (!postgres) {
            return dirSize(DIR);
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The migration compared before and after: the one named by {@code --indexes=} (a version such as V24, or a
     * description), else the newest whose description ends in "dashboard indexes"; null if none.
     */
    static MigrationInfo compared(MigrationInfo[] all, String arg) {
        MigrationInfo found = null;
        for (MigrationInfo m : all) {
            if (m.getVersion() == null) {
                continue;
            }
            boolean match = arg == null ? m.getDescription().toLowerCase(Locale.ROOT).endsWith(DASHBOARD_INDEXES)
                    : arg.equalsIgnoreCase("V" + m.getVersion()) || arg.equalsIgnoreCase(m.getDescription());
            if (match && (found == null || m.getVersion().compareTo(found.getVersion()) > 0)) {
                found = m;
            }
        }
        if (arg != null && found == null) {
            throw new IllegalArgumentException("no migration " + arg);
        }
        return found;
    }

    /** The statements of a migration's script (db/migration/…), without comments. */
    static List<String> statements(MigrationInfo m) throws IOException {
        String path = "db/migration/" + m.getScript();
        try (var in = DashboardBench.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("not on the class path: " + path);
            }
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            return Arrays.stream(text.split(";")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        }
    }
}
