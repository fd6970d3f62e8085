package cn.tuijin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What the benchmarks in {@code bench/} share: the machine they ran on, medians and percentiles, the results file, a
 * log line, and the files they leave under {@code target/}. The benchmarks are single-file programs that find this
 * class on their class path ({@code target/test-classes}, see {@code bench/build.sh}).
 */
public final class BenchSupport {

    /** The zone of the results' dates (the application's). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

    private BenchSupport() {
    }

    /** The day of the run, which names the results file. */
    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** The p-th percentile (0–100) by the nearest rank. */
    public static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    public static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    /** The values in one line, each with this format ({@code "%.3f"}), separated by commas. */
    public static String list(double[] values, String format) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, format, v));
        }
        return s.toString();
    }

    /** Prints the report and writes it to {@code bench/results/<today>-<name>.md}. */
    public static Path writeResults(String name, List<String> lines) throws IOException {
        String text = String.join("\n", lines) + "\n";
        System.out.print(text);
        Path out = Path.of("bench", "results", today() + "-" + name + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("written to " + out);
        return out;
    }

    /**
     * The section "Machine" of a report: cores, CPU, memory, OS, the JVM and its maximum heap, and the niceness of this
     * process, as a Markdown list; with the load average before the run, if given, and now.
     */
    public static List<String> machineSection(String loadBefore) {
        List<String> lines = new ArrayList<>(List.of("", "## Machine", ""));
        lines.add("- nproc: " + command("nproc") + " (JVM sees " + Runtime.getRuntime().availableProcessors() + ")");
        lines.add("- CPU: " + firstLine("/proc/cpuinfo", "model name"));
        String kb = firstLine("/proc/meminfo", "MemTotal").replaceAll("\\D", "");
        lines.add("- memory: " + (kb.isEmpty() ? "unknown"
                : String.format(Locale.ROOT, "%.1f GiB (MemTotal %,d kB)", Long.parseLong(kb) / 1024.0 / 1024.0, Long.parseLong(kb))));
        lines.add("- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + firstLine("/etc/os-release", "PRETTY_NAME").replace("=", "").replace("\"", "") + ")");
        lines.add("- java " + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + "), heap max "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        lines.add("- nice: " + command("ps", "-o", "ni=", "-p", String.valueOf(ProcessHandle.current().pid())));
        if (loadBefore != null) {
            lines.add("- load average before: " + loadBefore + "; after: " + loadAverage());
        }
        return lines;
    }

    /** The load average over 1, 5 and 15 minutes. */
    public static String loadAverage() {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.exists(loadavg)) {
            return "unknown";
        }
        try {
            String[] parts = Files.readString(loadavg).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line on standard error, after the time of day. */
    public static void log(String message) {
        System.err.println("[" + LocalTime.now(ZONE).format(TIME_OF_DAY) + "] " + message);
    }

    public static void deleteDir(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Bytes of the files under the directory. */
    public static long dirSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Work on one of {@code count} items, by its number. */
    public interface Item {
        void run(int i) throws Exception;
    }

    /** Runs the item of each number below {@code count} on that many threads, logging the rate every 10,000. */
    public static void parallel(int count, int threads, Item item) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        item.run(i);
                        if (i > 0 && i % 10_000 == 0) {
                            log(String.format(Locale.ROOT, "  %,d (%.0f /s)", i, i / ((System.nanoTime() - t0) / 1e9)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Logback at INFO (its default is DEBUG), and these loggers at WARN. */
    public static void quietLogging(String... atWarn) {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.INFO);
            for (String name : atWarn) {
                ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name)).setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    /** What the command prints, stripped ("unknown" if it cannot run). */
    public static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    /** The value of the first line of the file that starts with the key ({@code key: value} or {@code key=value}). */
    static String firstLine(String file, String key) {
        Path p = Path.of(file);
        try {
            if (!Files.exists(p)) {
                return "unknown";
            }
            return Files.readAllLines(p).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(key.length()).replaceFirst("^\\s*:\\s*", "").strip()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * A fresh embedded PostgreSQL (zonky, a real PostgreSQL 14 binary) on this data directory, emptied first, set up as
     * bench/StormBench.java sets its own: fsync, synchronous_commit and full_page_writes on, shared_buffers 512MB,
     * max_wal_size 4GB (loading), time zone Asia/Shanghai.
     */
    public static EmbeddedPostgres postgres(Path dataDir) throws IOException {
        return postgres(dataDir, java.util.Map.of());
    }

    /** The same with more server settings (name → value, e.g. random_page_cost → 1.1). */
    public static EmbeddedPostgres postgres(Path dataDir, java.util.Map<String, String> settings) throws IOException {
        deleteDir(dataDir);
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on").setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "4GB").setServerConfig("timezone", "Asia/Shanghai")
                .setPGStartupWait(Duration.ofMinutes(2));
        settings.forEach(builder::setServerConfig);
        return builder.start();
    }

    /** The server's version() line with its fsync, synchronous_commit and shared_buffers settings and the database's collation. */
    public static String postgresVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select version() || ', fsync ' || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit')"
                        + " || ', shared_buffers ' || current_setting('shared_buffers')"
                        + " || ', collation ' || (select datcollate from pg_database where datname = current_database())")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
