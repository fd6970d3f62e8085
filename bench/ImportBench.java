import static cn.tuijin.BenchSupport.loadAverage;
import static cn.tuijin.BenchSupport.log;
import static cn.tuijin.BenchSupport.machineSection;
import static cn.tuijin.BenchSupport.percentile;
import static cn.tuijin.BenchSupport.today;
import static cn.tuijin.BenchSupport.writeResults;
import static cn.tuijin.PostgresBenchSupport.count;
import static cn.tuijin.PostgresBenchSupport.jvmCpuNanos;
import static cn.tuijin.PostgresBenchSupport.pgCpuTicks;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import cn.tuijin.ApiCalls;
import cn.tuijin.BenchSupport;
import cn.tuijin.TuijinApplication;
import cn.tuijin.ledger.LedgerSheets;
import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Go-live import (issue 17, item 5): a ledger of N (default 10,000) new projects uploaded to {@code /api/ledger/import}
 * as the project office (郑文涛) does it, on one node on PostgreSQL (zonky embedded, fsync on) with the postgres and demo
 * profiles and the job executor running: the dry run (upload, read, check, plan, answer), then the import (the same and
 * the writing), then the time until every imported project's lifecycle runs with its first task open. Goals: dry run
 * ≤ 5 s, import with every lifecycle started ≤ 30 s. Two such ledgers are imported one after the other: the first right
 * after the application's start (its code not yet compiled by the JIT), the second on the same node.
 *
 * <p>While the import runs, a second user (the supervisor, 黄振华) asks for the dashboard summary every 250 ms: its
 * latency shows whether the import holds up other users.
 *
 * <p>The rows: four stages (在谈 20 %, 签约 20 %, 在建 50 %, 竣工 10 %), six lead units, three districts, two leaders;
 * planned dates around today, some already past (the default 导入前已逾期).
 *
 * <p>{@code -Drows=N} changes N; {@code -Drounds=N} the number of imports (2); {@code -Dstatements=true} prints the statements
 * of the last import (pg_stat_statements).
 */
public class ImportBench {

    static final int N = Integer.getInteger("rows", 10_000);
    static final Path DIR = Path.of("target", "bench-import");
    static final double DRY_RUN_GOAL = 5;
    /** -Dstatements=true prints the 40 statements of most total time during the import (pg_stat_statements). */
    static final boolean STATEMENTS = Boolean.getBoolean("statements");
    /** -Drounds=N: imports this many ledgers one after the other (default 2: the first after the start, and one more). */
    static final int ROUNDS = Integer.getInteger("rounds", 2);
    static final double IMPORT_GOAL = 30;
    static final String[] UNITS = {"市住房城乡建设局", "市自然资源和规划局", "市发展改革委", "临江区人民政府", "市工业和信息化局", "市生态环境局"};
    static final String[] DISTRICTS = {"临江区", "北湖区", "高新区"};
    static final String[] LEADERS = {"林晓红", "马志远"};

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres pg = null;
        ConfigurableApplicationContext app = null;
        int exit = 0;
        try {
            String loadBefore = loadAverage();
            BenchSupport.quietLogging();
            pg = BenchSupport.postgres(DIR.resolve("pg"), Map.of("shared_preload_libraries", "pg_stat_statements"));
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database tuijin");
            }
            try (Connection c = pg.getDatabase("postgres", "tuijin").getConnection(); Statement s = c.createStatement()) {
                s.execute("create extension pg_stat_statements");
            }
            String version;
            try (Connection c = pg.getDatabase("postgres", "tuijin").getConnection()) {
                version = BenchSupport.postgresVersion(c);
            }
            log(version);
            long t0 = System.nanoTime();
            app = app(pg);
            log(String.format(Locale.ROOT, "app started in %.1f s", (System.nanoTime() - t0) / 1e9));
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            DataSource ds = app.getBean(DataSource.class);
            ApiCalls api = new ApiCalls(port);
            api.ok(api.call("GET", "/api/dashboard/summary", "huangzh", null));

            LocalDate today = LocalDate.now(BenchSupport.ZONE);
            List<Round> rounds = new ArrayList<>();
            String[] names = {"first import after the start", "second import, the same node"};
            for (int r = 0; r < ROUNDS; r++) {
                rounds.add(round(r < names.length ? names[r] : "import " + (r + 1), "GL-" + today.getYear() + "-" + (char) ('A' + r), today,
                        api, ds, STATEMENTS && r == ROUNDS - 1));
            }

            List<String> md = new ArrayList<>();
            md.add("# Go-live import benchmark, " + today());
            md.add("");
            md.add("`bash bench/import.sh` (`bench/ImportBench.java`). A ledger of " + String.format(Locale.ROOT, "%,d", N)
                    + " new projects (" + String.format(Locale.ROOT, "%,d", rounds.get(0).bytes) + " bytes; 在谈 20 %, 签约 20 %, 在建 50 %, 竣工 10 %; "
                    + "six lead units, planned dates around today, some past) uploaded over HTTP to `/api/ledger/import` as the project "
                    + "office, on one node: the postgres and demo profiles, job executor on, " + version + " (embedded) on the same 2 cores. "
                    + "The application is started, then imports " + ROUNDS + " such ledgers one after the other (different codes), each "
                    + "previewed (dry run) first; the time of an import runs from the upload until every lifecycle runs with its first "
                    + "task open (the import answers once its ledger is written; the lifecycles start in chunks after it).");
            md.add("");
            md.add("| import | dry run (goal ≤ 5 s) | import answered | every lifecycle started (goal ≤ 30 s) | rows/s | JVM CPU | PostgreSQL CPU | CPU ms per row | of the JVM's CPU, JIT compiling | dashboard p95 meanwhile |");
            md.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (Round r : rounds) {
                md.add(String.format(Locale.ROOT, "| %s | %.2f s %s | %.2f s | **%.2f s** %s | %,.0f | %.1f s | %.1f s | %.2f | %.1f s | %.0f ms (max %.0f) |",
                        r.name, r.drySeconds, r.drySeconds <= DRY_RUN_GOAL ? "met" : "not met", r.answerSeconds, r.startedSeconds,
                        r.startedSeconds <= IMPORT_GOAL ? "met" : "not met", N / r.startedSeconds, r.cpuJvm, r.cpuPg,
                        (r.cpuJvm + r.cpuPg) * 1000 / N, r.jitSeconds, r.probeP95, r.probeMax));
            }
            md.add("");
            Round first = rounds.get(0);
            md.add(String.format(Locale.ROOT, "Each import: %,d lifecycles (%,d not yet started when it answered), %,d milestones already past "
                    + "(导入前已逾期); its units told once each (台账导入：新增 N 项待办), notices about single imported projects queued meanwhile "
                    + "(the sweep's warnings and marks of the past milestones): %,d. JIT compiling: the CPU of the JVM's compiler "
                    + "threads over the import (from /proc), the code's first heavy use being compiled. The dashboard: the "
                    + "supervisor's summary asked every 250 ms during each import (%s).", first.lifecycles, first.pending, first.past,
                    first.notices, rounds.stream().map(r -> r.probe).collect(java.util.stream.Collectors.joining("; "))));
            md.addAll(machineSection(loadBefore));
            Path out = writeResults("import", md);
            md.forEach(System.out::println);
            log("written to " + out);
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 2;
        } finally {
            if (app != null) {
                app.close();
            }
            if (pg != null) {
                pg.close();
            }
        }
        System.exit(exit);
    }

    /** One import's figures. */
    static final class Round {
        String name;
        int bytes;
        double drySeconds;
        double answerSeconds;
        double startedSeconds;
        double cpuJvm;
        double cpuPg;
        double jitSeconds;
        int lifecycles;
        int pending;
        int past;
        int notices;
        double probeP95;
        double probeMax;
        String probe;
    }

    /** Previews and imports a ledger of N new projects coded {@code prefix}00001…, until every lifecycle runs. */
    static Round round(String name, String prefix, LocalDate today, ApiCalls api, DataSource ds, boolean statements) throws Exception {
        Round r = new Round();
        r.name = name;
        byte[] xlsx = sheet(prefix, today);
        r.bytes = xlsx.length;
        log(String.format(Locale.ROOT, "%s: ledger of %,d rows, %,d bytes", name, N, xlsx.length));

        long d0 = System.nanoTime();
        JsonNode dry = api.ok(upload(api, "?dryRun=true", xlsx));
        r.drySeconds = (System.nanoTime() - d0) / 1e9;
        check(dry.get("valid").asBoolean() && dry.get("created").size() == N, "dry run: " + abbreviate(dry));
        r.past = dry.get("pastDeadlines").asInt();
        log(String.format(Locale.ROOT, "dry run: %.2f s, %d to create, %d past deadlines", r.drySeconds, dry.get("created").size(), r.past));

        // The import, with the supervisor's dashboard asked every 250 ms.
        Probe probe = new Probe(api);
        Thread probing = new Thread(probe, "probe");
        if (statements) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("select pg_stat_statements_reset()");
            }
        }
        long cpu0 = jvmCpuNanos();
        long pgCpu0 = pgCpuTicks(DIR.resolve("pg"));
        double jit0 = compilerCpuSeconds();
        long i0 = System.nanoTime();
        probing.start();
        HttpResponse<String> answer = upload(api, "?dryRun=false", xlsx);
        r.answerSeconds = (System.nanoTime() - i0) / 1e9;
        JsonNode committed = api.ok(answer);
        r.lifecycles = committed.get("lifecycles").asInt();
        r.pending = committed.get("lifecyclesPending").asInt();
        log(String.format(Locale.ROOT, "import answered in %.2f s: %,d lifecycles, %,d to start", r.answerSeconds, r.lifecycles, r.pending));
        // The progress the import page shows (lifecycles not yet started), then the lifecycles and their tasks counted.
        while (count(ds, "select count(*) from ledger_import_start where started_at is null") > 0 && (System.nanoTime() - i0) / 1e9 < 600) {
            Thread.sleep(200);
        }
        r.startedSeconds = (System.nanoTime() - i0) / 1e9;
        r.cpuJvm = (jvmCpuNanos() - cpu0) / 1e9;
        r.cpuPg = (pgCpuTicks(DIR.resolve("pg")) - pgCpu0) / 100.0;
        r.jitSeconds = compilerCpuSeconds() - jit0;
        probe.stop.set(true);
        probing.join();
        int started = count(ds, "select count(*) from act_ru_execution where parent_id_ is null and business_key_ like '" + prefix + "%'");
        int withTask = count(ds, "select count(distinct p.business_key_) from act_ru_task t join act_ru_execution p on p.id_ = t.proc_inst_id_ "
                + "where p.business_key_ like '" + prefix + "%'");
        check(started == N && withTask == N, "lifecycles " + started + ", with a task " + withTask + " of " + N);
        r.notices = count(ds, "select count(*) from notification_outbox where project_code like '" + prefix + "%'");
        double[] v = probe.millis.stream().mapToDouble(Double::doubleValue).toArray();
        r.probeP95 = percentile(v, 95);
        r.probeMax = BenchSupport.max(v);
        r.probe = probe.describe();
        log(String.format(Locale.ROOT, "every lifecycle started (%,d) after %.2f s; JVM CPU %.1f s (JIT %.1f s), PostgreSQL %.1f s",
                started, r.startedSeconds, r.cpuJvm, r.jitSeconds, r.cpuPg));
        if (statements) {
            printStatements(ds);
        }
        return r;
    }

    /**
     * CPU seconds of the JVM's JIT compiler threads so far (C1 and C2, from /proc/self/task; a compiler thread the JVM
     * has ended takes its time with it, so this may count short).
     */
    static double compilerCpuSeconds() throws java.io.IOException {
        long ticks = 0;
        try (java.util.stream.Stream<Path> threads = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
            for (Path t : threads.toList()) {
                try {
                    String comm = java.nio.file.Files.readString(t.resolve("comm")).trim();
                    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                        String stat = java.nio.file.Files.readString(t.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return ticks / 100.0;
    }

    static void printStatements(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select calls, rows, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) "
                     + "from pg_stat_statements order by total_exec_time desc limit 40")) {
            while (rs.next()) {
                System.out.printf(Locale.ROOT, "%8d calls %6.2f/row %8d rows %9.0f ms  %s%n", rs.getLong(1), rs.getLong(1) / (double) N,
                        rs.getLong(2), rs.getDouble(3), rs.getString(4));
            }
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select sum(calls), sum(total_exec_time) from pg_stat_statements")) {
            rs.next();
            System.out.printf(Locale.ROOT, "all: %d calls (%.1f per row), %.0f ms%n", rs.getLong(1), rs.getLong(1) / (double) N, rs.getDouble(2));
        }
    }

    static HttpResponse<String> upload(ApiCalls api, String query, byte[] xlsx) throws Exception {
        return api.request("POST", "/api/ledger/import" + query).as("zhengwt")
                .timeout(java.time.Duration.ofMinutes(10))
                .file("file", "全省重点项目台账.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx).send();
    }

    static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    /** The supervisor's dashboard summary, asked every 250 ms until stopped; its latencies. */
    static final class Probe implements Runnable {
        final ApiCalls api;
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Double> millis = new ArrayList<>();
        int failures;

        Probe(ApiCalls api) {
            this.api = api;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                long s = System.nanoTime();
                try {
                    HttpResponse<String> r = api.call("GET", "/api/dashboard/summary", "huangzh", null);
                    if (r.statusCode() != 200) {
                        failures++;
                    }
                } catch (Exception e) {
                    failures++;
                }
                millis.add((System.nanoTime() - s) / 1e6);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        String describe() {
            double[] v = millis.stream().mapToDouble(Double::doubleValue).toArray();
            return String.format(Locale.ROOT, "%d answers, median %.0f ms, p95 %.0f ms, max %.0f ms, %d failed", v.length, percentile(v, 50), percentile(v, 95),
                    BenchSupport.max(v), failures);
        }
    }

    static ConfigurableApplicationContext app(EmbeddedPostgres pg) {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", pg.getJdbcUrl("postgres", "tuijin"));
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "");
        props.put("server.port", "0");
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.root", "warn");
        props.put("spring.servlet.multipart.max-file-size", "20MB");
        props.put("spring.servlet.multipart.max-request-size", "20MB");
        return new SpringApplicationBuilder(TuijinApplication.class).profiles("demo", "postgres")
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    /** The ledger: N rows under the template's headers (written as the ledger tests write theirs). */
    static byte[] sheet(String prefix, LocalDate today) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>(N);
        for (int i = 1; i <= N; i++) {
            Map<String, Object> v = new LinkedHashMap<>();
            int stagePick = i % 10;
            String stage = stagePick < 2 ? "在谈" : stagePick < 4 ? "签约" : stagePick < 9 ? "在建" : "竣工";
            v.put("序号", i);
            v.put("项目编号", prefix + String.format(Locale.ROOT, "%05d", i));
            v.put("项目名称", "全省重点项目" + i);
            v.put("建设内容", "道路及配套管网");
            v.put("项目类别", "基础设施");
            v.put("项目级别", "市重点");
            v.put("所在区县", DISTRICTS[i % DISTRICTS.length]);
            v.put("总投资(万元)", 1000 + i % 5000);
            v.put("年度计划投资(万元)", 300 + i % 700);
            v.put("牵头责任单位", UNITS[i % UNITS.length]);
            v.put("配合单位", UNITS[(i + 1) % UNITS.length]);
            v.put("分包领导", LEADERS[i % LEADERS.length]);
            int shift = i % 120;
            v.put("计划签约日期", today.minusMonths(6).plusDays(shift));
            v.put("计划开工日期", today.minusMonths(1).plusDays(shift));
            v.put("计划竣工日期", today.plusYears(2).plusDays(shift));
            v.put("计划投产（投用）日期", today.plusYears(2).plusMonths(3).plusDays(shift));
            v.put("当前阶段", stage);
            rows.add(v);
        }
        return LedgerSheets.bytes(LedgerSheets.workbook("项目台账", 0, LedgerSheets.HEADERS, rows));
    }
}
