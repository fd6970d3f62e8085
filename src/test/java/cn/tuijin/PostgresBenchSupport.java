package cn.tuijin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;

/**
 * What the PostgreSQL benchmarks that race Tuijin against bare Camunda share (bench/StormBench.java,
 * bench/MonthOpeningBench.java): the bare engine, pools, counts, the statistics collector's figures per table and per
 * database, and the CPU of the JVM and of the PostgreSQL server.
 */
public final class PostgresBenchSupport {

    private PostgresBenchSupport() {
    }

    public static HikariDataSource pool(EmbeddedPostgres pg, String database, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(pg.getJdbcUrl("postgres", database));
        hc.setUsername("postgres");
        hc.setMaximumPoolSize(size);
        return new HikariDataSource(hc);
    }

    public static ProcessEngine bareEngine(DataSource ds, Map<String, String> s, boolean jobExecutor) {
        ProcessEngineConfigurationImpl cfg = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneProcessEngineConfiguration();
        cfg.setProcessEngineName("bare");
        cfg.setDataSource(ds);
        cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        cfg.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        cfg.setCmmnEnabled(false);
        cfg.setStandaloneTasksEnabled(false);
        cfg.setIdGenerator(new StrongUuidGenerator());
        cfg.setJobExecutorActivate(jobExecutor);
        DefaultJobExecutor je = new DefaultJobExecutor();
        je.setCorePoolSize(Integer.parseInt(s.getOrDefault("core-pool-size", "3")));
        je.setMaxPoolSize(Integer.parseInt(s.getOrDefault("max-pool-size", "10")));
        je.setQueueSize(Integer.parseInt(s.getOrDefault("queue-capacity", "3")));
        je.setMaxJobsPerAcquisition(Integer.parseInt(s.getOrDefault("max-jobs-per-acquisition", "3")));
        je.setWaitTimeInMillis(Integer.parseInt(s.getOrDefault("wait-time-in-millis", "5000")));
        je.setMaxWait(Long.parseLong(s.getOrDefault("max-wait", "60000")));
        cfg.setJobExecutor(je);
        if (s.containsKey("historyRemovalTimeStrategy")) {
            cfg.setHistoryRemovalTimeStrategy(s.get("historyRemovalTimeStrategy"));
        }
        if (s.containsKey("jobExecutorAcquireByDueDate")) {
            cfg.setJobExecutorAcquireByDueDate(true);
        }
        if ("false".equals(s.get("jdbcBatchProcessing"))) {
            cfg.setJdbcBatchProcessing(false);
        }
        return cfg.buildProcessEngine();
    }

    public static int count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A count with one argument. */
    public static int count(DataSource ds, String sql, String arg) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Per table: scans (sequential + index: about one per statement that reads or changes it) and rows written. */
    public static Map<String, long[]> tableStats(DataSource ds) throws Exception {
        Map<String, long[]> m = new java.util.TreeMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("""
                    select relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0), n_tup_ins, n_tup_upd, n_tup_del
                    from pg_stat_user_tables""")) {
                while (rs.next()) {
                    m.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }
            }
        }
        return m;
    }

    public static String tableDelta(Map<String, long[]> a, Map<String, long[]> b, int count, String per) {
        StringBuilder sb = new StringBuilder("\n\n| table | scans | inserted | updated | deleted |\n|---|---:|---:|---:|---:|\n");
        double[] total = new double[4];
        for (var e : b.entrySet()) {
            long[] x = a.getOrDefault(e.getKey(), new long[4]);
            long[] y = e.getValue();
            double[] d = new double[4];
            boolean any = false;
            for (int i = 0; i < 4; i++) {
                d[i] = (y[i] - x[i]) / (double) count;
                total[i] += d[i];
                any |= d[i] >= 0.05;
            }
            if (any) {
                sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", e.getKey(), d[0], d[1], d[2], d[3]));
            }
        }
        sb.append(String.format(Locale.ROOT, "| **all, per " + per + "** | **%.1f** | **%.1f** | **%.1f** | **%.1f** |", total[0], total[1], total[2], total[3]));
        return sb.toString();
    }

    /** Commits and rows written in the current database, from the statistics collector. */
    public static long[] dbStats(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("select xact_commit, tup_inserted + tup_updated + tup_deleted from pg_stat_database where datname = current_database()")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    public static long jvmCpuNanos() {
        return ((OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU ticks (utime + stime, 1/100 s) of this benchmark's PostgreSQL: its postmaster and the processes it started (not
     * another benchmark's PostgreSQL on the same machine).
     */
    public static long pgCpuTicks(Path dataDir) throws IOException {
        long ticks = 0;
        String postmaster = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(stat.indexOf('(') + 1, close);
                    if (!comm.startsWith("postgres")) {
                        continue;
                    }
                    String[] f = stat.substring(close + 2).split(" ");
                    if (!p.getFileName().toString().equals(postmaster) && !f[1].equals(postmaster)) {
                        continue;
                    }
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                } catch (IOException | RuntimeException e) {
                    // the process ended
                }
            }
        }
        return ticks;
    }
}
