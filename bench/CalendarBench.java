import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import cn.tuijin.calendar.CalendarData;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.calendar.YearCalendar;

/**
 * How many due dates per second the working-day calendar computes, against the target of 1,000,000 per second and
 * against a naive calendar that steps day by day over the same holiday data (the yardstick).
 *
 * <p>100,000 deadlines: a start day drawn from 2024–2026 and 1–20 working days, with a fixed seed. One computation
 * is one deadline: {@code addWorkingDays(start, n)} and {@code isWorkingDay(due)}. After a warm-up, several rounds
 * each compute all deadlines; the rate of each round is deadlines / elapsed time. Run by {@code bench/calendar.sh}
 * from the project directory; writes {@code bench/results/<yyyy-MM-dd>-calendar.md}.
 */
public class CalendarBench {

    static final int DEADLINES = 100_000;
    static final long SEED = 20261124L;
    static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    static final LocalDate LAST = LocalDate.of(2026, 12, 31);
    static final int MAX_DAYS = 20;
    static final int WARMUP_ROUNDS = 50;
    static final int ROUNDS = 21;
    static final double TARGET = 1_000_000;

    /** Keeps the JIT from dropping the work. */
    static long sink;

    public static void main(String[] args) throws Exception {
        quietLogging();
        WorkingDayCalendar calendar = WorkingDayCalendar.fromClasspath();
        Naive naive = new Naive(CalendarData.fromClasspath());

        Random random = new Random(SEED);
        int span = (int) ChronoUnit.DAYS.between(FIRST, LAST) + 1;
        LocalDate[] starts = new LocalDate[DEADLINES];
        int[] days = new int[DEADLINES];
        for (int i = 0; i < DEADLINES; i++) {
            starts[i] = FIRST.plusDays(random.nextInt(span));
            days[i] = 1 + random.nextInt(MAX_DAYS);
        }

        int disagreements = 0;
        for (int i = 0; i < DEADLINES; i++) {
            if (!calendar.addWorkingDays(starts[i], days[i]).equals(naive.addWorkingDays(starts[i], days[i]))) {
                disagreements++;
            }
        }

        for (int r = 0; r < WARMUP_ROUNDS; r++) {
            sink += round(calendar, starts, days);
            sink += roundNaive(naive, starts, days);
        }
        // Timed rounds alternate between the two, so that both see the same machine (a shared VM drifts).
        double[] rates = new double[ROUNDS];
        double[] naiveRates = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            sink += round(calendar, starts, days);
            rates[r] = DEADLINES / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            sink += roundNaive(naive, starts, days);
            naiveRates[r] = DEADLINES / ((System.nanoTime() - t0) / 1e9);
        }

        double median = median(rates);
        double min = Arrays.stream(rates).min().orElseThrow();
        double naiveMedian = median(naiveRates);
        double naiveMin = Arrays.stream(naiveRates).min().orElseThrow();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        List<String> md = new ArrayList<>();
        md.add("# Working-day calendar benchmark, " + today);
        md.add("");
        md.add("`bash bench/calendar.sh` (`bench/CalendarBench.java`). " + String.format(Locale.ROOT, "%,d", DEADLINES)
                + " deadlines: start day drawn from " + FIRST + " to " + LAST + ", 1–" + MAX_DAYS
                + " working days, seed " + SEED + ". One computation = `addWorkingDays(start, n)` + `isWorkingDay(due)`. "
                + WARMUP_ROUNDS + " warm-up rounds of each, then " + ROUNDS + " timed rounds of each, alternating, every round over all "
                + "deadlines, single thread. Deadlines ending in 2027 (no holiday data yet) count Monday–Friday in both.");
        md.add("");
        md.add("| calendar | median / s | min / s | target / s | median ÷ target | min ÷ target |");
        md.add("|---|---:|---:|---:|---:|---:|");
        md.add(row("WorkingDayCalendar (year tables)", median, min));
        md.add(row("naive (day-by-day stepping, hash sets)", naiveMedian, naiveMin));
        md.add("");
        md.add(String.format(Locale.ROOT, "WorkingDayCalendar vs naive: **%.1f×** (median), %.1f× (min). "
                + "Both agree on all deadlines: %s (disagreements: %d).", median / naiveMedian, min / naiveMin,
                disagreements == 0 ? "yes" : "NO", disagreements));
        md.add("");
        md.add("Rounds, WorkingDayCalendar (/s): " + list(rates));
        md.add("");
        md.add("Rounds, naive (/s): " + list(naiveRates));
        md.add("");
        md.add("## Machine");
        md.add("");
        md.addAll(machine());
        md.add("");
        md.add("checksum " + sink);

        String text = String.join("\n", md) + "\n";
        System.out.print(text);
        Path out = Path.of("bench", "results", today + "-calendar.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("written to " + out);
        if (disagreements > 0) {
            System.exit(1);
        }
    }

    static long round(WorkingDayCalendar calendar, LocalDate[] starts, int[] days) {
        long sum = 0;
        for (int i = 0; i < starts.length; i++) {
            LocalDate due = calendar.addWorkingDays(starts[i], days[i]);
            sum += calendar.isWorkingDay(due) ? due.toEpochDay() : -1;
        }
        return sum;
    }

    static long roundNaive(Naive naive, LocalDate[] starts, int[] days) {
        long sum = 0;
        for (int i = 0; i < starts.length; i++) {
            LocalDate due = naive.addWorkingDays(starts[i], days[i]);
            sum += naive.isWorkingDay(due) ? due.toEpochDay() : -1;
        }
        return sum;
    }

    /** The obvious implementation: two hash sets of dates and a loop that steps one day at a time. */
    static final class Naive {

        private final Set<LocalDate> holidays = new HashSet<>();
        private final Set<LocalDate> makeUpDays = new HashSet<>();

        Naive(CalendarData data) {
            for (YearCalendar year : data.years().values()) {
                for (YearCalendar.Holiday h : year.holidays()) {
                    for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) {
                        holidays.add(d);
                    }
                }
                year.workdays().forEach(w -> makeUpDays.add(w.date()));
            }
        }

        boolean isWorkingDay(LocalDate day) {
            if (makeUpDays.contains(day)) {
                return true;
            }
            DayOfWeek dow = day.getDayOfWeek();
            return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(day);
        }

        LocalDate addWorkingDays(LocalDate start, int n) {
            LocalDate day = start;
            for (int found = 0; found < n; ) {
                day = day.plusDays(1);
                if (isWorkingDay(day)) {
                    found++;
                }
            }
            return day;
        }
    }

    static String row(String name, double median, double min) {
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.2f | %.2f |", name, median, min, TARGET,
                median / TARGET, min / TARGET);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    static String list(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", v));
        }
        return s.toString();
    }

    static List<String> machine() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        lines.add("- nproc: " + command("nproc").strip() + " (JVM sees " + Runtime.getRuntime().availableProcessors() + ")");
        lines.add("- CPU: " + cpuModel());
        lines.add("- memory: " + totalMemory());
        lines.add("- JVM heap max: " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        lines.add("- java -version:");
        lines.add("");
        lines.add("```");
        lines.add(command(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").strip());
        lines.add("```");
        return lines;
    }

    static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.exists(cpuinfo)) {
            return "unknown";
        }
        return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
    }

    static String totalMemory() throws IOException {
        Path meminfo = Path.of("/proc/meminfo");
        if (!Files.exists(meminfo)) {
            return "unknown";
        }
        return Files.readAllLines(meminfo).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> {
                    long kb = Long.parseLong(l.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.1f GiB (MemTotal %,d kB)", kb / 1024.0 / 1024.0, kb);
                }).orElse("unknown");
    }

    static String command(String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Spring's and the calendar's start-up messages at INFO, not logback's default DEBUG. */
    static void quietLogging() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }
}
