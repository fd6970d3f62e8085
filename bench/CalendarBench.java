import static cn.tuijin.BenchSupport.list;
import static cn.tuijin.BenchSupport.machineSection;
import static cn.tuijin.BenchSupport.median;
import static cn.tuijin.BenchSupport.min;
import static cn.tuijin.BenchSupport.quietLogging;
import static cn.tuijin.BenchSupport.today;
import static cn.tuijin.BenchSupport.writeResults;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
        double min = min(rates);
        double naiveMedian = median(naiveRates);
        double naiveMin = min(naiveRates);
        LocalDate today = today();

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
        md.add("Rounds, WorkingDayCalendar (/s): " + list(rates, "%,.0f"));
        md.add("");
        md.add("Rounds, naive (/s): " + list(naiveRates, "%,.0f"));
        md.addAll(machineSection(null));
        md.add("");
        md.add("checksum " + sink);

        writeResults("calendar", md);
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
}
