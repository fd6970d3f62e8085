package cn.tuijin.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import cn.tuijin.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Working days (工作日) in Chinese government practice: Monday–Friday, minus statutory holidays, plus make-up working
 * days (调休), from the State Council's yearly notices. Years without data fall back to Monday–Friday and are
 * provisional.
 *
 * <p>Each year is precomputed into an immutable table (working-day flags, prefix counts, the list of working days),
 * so lookups within a year are O(1) and cross a year boundary in O(1) per year crossed. Years are swapped in
 * atomically by {@link #replaceYear}: at start-up by CalendarCorrections (deadline) with the years an administrator
 * corrected (kept in the database), later by each correction.
 */
@Component
public class WorkingDayCalendar {

    /** The time zone of every date and deadline in the application. */
    public static final ZoneId ZONE = EngineClock.ZONE;
    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

    /** Years 0..MAX_CACHED_YEAR are cached in {@link #tables}; others are computed on demand (provisional). */
    private static final int MAX_CACHED_YEAR = 9999;

    /** Per-year tables indexed by year; a slot holds either a year with data or a provisional fallback. */
    private final AtomicReferenceArray<YearTable> tables = new AtomicReferenceArray<>(MAX_CACHED_YEAR + 1);

    /** Years outside the cache that already had their warning logged. */
    private final Set<Integer> warnedUncachedYears = ConcurrentHashMap.newKeySet();

    /** Builds the calendar from loaded holiday data. */
    public WorkingDayCalendar(CalendarData data) {
        data.years().values().forEach(this::install);
        log.info("Working-day calendar loaded for years {}", years());
    }

    /** Builds the calendar from the calendar files on the classpath (for plain unit tests). */
    public static WorkingDayCalendar fromClasspath() {
        return new WorkingDayCalendar(CalendarData.fromClasspath());
    }

    /** Whether the day is a working day (Monday–Friday unless a holiday, or a make-up working day). */
    public boolean isWorkingDay(LocalDate day) {
        return table(day.getYear()).working[day.getDayOfYear() - 1];
    }

    /** Whether the day lies in a year without holiday data, so that results involving it are provisional. */
    public boolean isProvisional(LocalDate day) {
        return table(day.getYear()).provisional;
    }

    /** The n-th working day strictly after start; n = 0 gives start if it is a working day, else the next one. */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            return subtractWorkingDays(start, negate(n));
        }
        int year = start.getYear();
        YearTable t = table(year);
        int index = start.getDayOfYear() - 1;
        if (n == 0) {
            if (t.working[index]) {
                return start;
            }
            n = 1;
        }
        int done = t.prefix[index + 1];
        int after = t.total() - done;
        if (n <= after) {
            return t.dates[t.nth[done + n - 1]];
        }
        int remaining = n - after;
        while (true) {
            t = table(++year);
            if (remaining <= t.total()) {
                return t.dates[t.nth[remaining - 1]];
            }
            remaining -= t.total();
        }
    }

    /** The n-th working day strictly before start; n = 0 gives start if it is a working day, else the previous one. */
    public LocalDate subtractWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            return addWorkingDays(start, negate(n));
        }
        int year = start.getYear();
        YearTable t = table(year);
        int index = start.getDayOfYear() - 1;
        if (n == 0) {
            if (t.working[index]) {
                return start;
            }
            n = 1;
        }
        int before = t.prefix[index];
        if (n <= before) {
            return t.dates[t.nth[before - n]];
        }
        int remaining = n - before;
        while (true) {
            t = table(--year);
            if (remaining <= t.total()) {
                return t.dates[t.nth[t.total() - remaining]];
            }
            remaining -= t.total();
        }
    }

    /** The n-th working day (n ≥ 1) of the month; throws IllegalArgumentException if the month has fewer. */
    public LocalDate nthWorkingDayOfMonth(YearMonth month, int n) {
        YearTable t = table(month.getYear());
        int first = month.getMonth().firstDayOfYear(t.dates.length == 366) - 1;
        int before = t.prefix[first];
        int inMonth = t.prefix[first + month.lengthOfMonth()] - before;
        if (n < 1 || n > inMonth) {
            throw new IllegalArgumentException(month.getYear() + "年" + month.getMonthValue() + "月只有 " + inMonth
                    + " 个工作日，没有第 " + n + " 个");
        }
        return t.dates[t.nth[before + n - 1]];
    }

    /** Working days in (fromExclusive, toInclusive]; negative (the count in (to, from], negated) if to is before from. */
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        int c = fromExclusive.compareTo(toInclusive);
        if (c == 0) {
            return 0;
        }
        return c < 0 ? countAfterUpTo(fromExclusive, toInclusive) : -countAfterUpTo(toInclusive, fromExclusive);
    }

    /** Whether the year has holiday data (from the calendar files or {@link #replaceYear}). */
    public boolean hasDataFor(int year) {
        if (year < 0 || year > MAX_CACHED_YEAR) {
            return false;
        }
        YearTable t = tables.get(year);
        return t != null && !t.provisional;
    }

    /** The years that have holiday data, ascending. */
    public Set<Integer> years() {
        Set<Integer> years = new TreeSet<>();
        for (int y = 0; y <= MAX_CACHED_YEAR; y++) {
            YearTable t = tables.get(y);
            if (t != null && !t.provisional) {
                years.add(y);
            }
        }
        return Collections.unmodifiableSet(years);
    }

    /** The holiday data of the year, if it has any. */
    public Optional<YearCalendar> calendarFor(int year) {
        if (year < 0 || year > MAX_CACHED_YEAR) {
            return Optional.empty();
        }
        YearTable t = tables.get(year);
        return t == null ? Optional.empty() : Optional.ofNullable(t.source);
    }

    /**
     * A separate calendar with this one's years and the given year (new or corrected), to count with both before the
     * year is swapped in; this calendar is unchanged.
     */
    public WorkingDayCalendar withYear(YearCalendar year) {
        Map<Integer, YearCalendar> data = new TreeMap<>();
        for (int y : years()) {
            calendarFor(y).ifPresent(c -> data.put(y, c));
        }
        data.put(year.year(), year);
        return new WorkingDayCalendar(new CalendarData(data));
    }

    /** Atomically swaps in new or corrected data for one year; readers see the old or the new year, never a mix. */
    public void replaceYear(YearCalendar year) {
        install(year);
        log.info("Working-day calendar for {} replaced ({})", year.year(), year.notice());
    }

    /**
     * Drops the holiday data of one year: it counts Monday–Friday again and is provisional. The opposite of
     * {@link #replaceYear} for a year that had no data before (used by tests that must leave the calendar as found).
     */
    public void removeYear(int year) {
        if (year >= 0 && year <= MAX_CACHED_YEAR) {
            YearTable removed = tables.getAndSet(year, null);
            if (removed != null && !removed.provisional) {
                log.info("Working-day calendar for {} removed: Monday–Friday from now on", year);
            }
        }
    }

    private void install(YearCalendar year) {
        Objects.requireNonNull(year, "year");
        tables.set(year.year(), YearTable.of(year.year(), year));
    }

    private int countAfterUpTo(LocalDate from, LocalDate to) {
        int fromYear = from.getYear();
        int toYear = to.getYear();
        YearTable first = table(fromYear);
        if (fromYear == toYear) {
            return first.prefix[to.getDayOfYear()] - first.prefix[from.getDayOfYear()];
        }
        long count = first.total() - first.prefix[from.getDayOfYear()];
        for (int y = fromYear + 1; y < toYear; y++) {
            count += table(y).total();
        }
        count += table(toYear).prefix[to.getDayOfYear()];
        return Math.toIntExact(count);
    }

    private YearTable table(int year) {
        if (year >= 0 && year <= MAX_CACHED_YEAR) {
            YearTable t = tables.get(year);
            if (t != null) {
                return t;
            }
            YearTable fallback = YearTable.of(year, null);
            if (tables.compareAndSet(year, null, fallback)) {
                warnProvisional(year);
                return fallback;
            }
            return tables.get(year);
        }
        if (warnedUncachedYears.add(year)) {
            warnProvisional(year);
        }
        return YearTable.of(year, null);
    }

    private static void warnProvisional(int year) {
        log.warn("No holiday data for year {}: counting Monday–Friday as working days, deadlines in {} are provisional",
                year, year);
    }

    private static int negate(int n) {
        if (n == Integer.MIN_VALUE) {
            throw new IllegalArgumentException("工作日数超出范围：" + n);
        }
        return -n;
    }

    /** One year precomputed; immutable once built, so it can be published through the atomic array. */
    private static final class YearTable {

        /** Holiday data, or null for a provisional Monday–Friday year. */
        final YearCalendar source;
        final boolean provisional;
        /** Every day of the year, index = day-of-year − 1, shared so that lookups return without allocating. */
        final LocalDate[] dates;
        final boolean[] working;
        /** prefix[i] = number of working days among indices 0..i−1; length = days + 1. */
        final int[] prefix;
        /** nth[k] = index of the (k+1)-th working day of the year. */
        final int[] nth;

        private YearTable(YearCalendar source, LocalDate[] dates, boolean[] working) {
            this.source = source;
            this.provisional = source == null;
            this.dates = dates;
            this.working = working;
            this.prefix = new int[dates.length + 1];
            for (int i = 0; i < dates.length; i++) {
                prefix[i + 1] = prefix[i] + (working[i] ? 1 : 0);
            }
            this.nth = new int[prefix[dates.length]];
            for (int i = 0, k = 0; i < dates.length; i++) {
                if (working[i]) {
                    nth[k++] = i;
                }
            }
        }

        static YearTable of(int year, YearCalendar source) {
            int length = Year.isLeap(year) ? 366 : 365;
            LocalDate[] dates = new LocalDate[length];
            boolean[] working = new boolean[length];
            LocalDate first = LocalDate.ofYearDay(year, 1);
            for (int i = 0; i < length; i++) {
                LocalDate d = first.plusDays(i);
                dates[i] = d;
                DayOfWeek dow = d.getDayOfWeek();
                working[i] = dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
            }
            if (source != null) {
                for (YearCalendar.Holiday h : source.holidays()) {
                    for (int i = h.from().getDayOfYear() - 1; i <= h.to().getDayOfYear() - 1; i++) {
                        working[i] = false;
                    }
                }
                for (YearCalendar.MakeUpWorkday w : source.workdays()) {
                    working[w.date().getDayOfYear() - 1] = true;
                }
            }
            return new YearTable(source, dates, working);
        }

        int total() {
            return nth.length;
        }
    }

    /** The end of a deadline's day (23:59:59, Beijing time). */
    public static Date endOf(LocalDate day) {
        return Date.from(day.atTime(END_OF_DAY).atZone(ZONE).toInstant());
    }

    /** The start of a day, when a warning window opens. */
    public static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(ZONE).toInstant());
    }
}
