package cn.tuijin.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class WorkingDayCalendarTest {

    /** The independent oracle (holiday-cn data set), relative to the project directory Maven runs tests in. */
    private static final Path ORACLE_DIR = Path.of("..", "shared", "data", "holiday-cn");

    private static final int[] STEPS = {1, 3, 5, 10, 20};

    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2026, 12, 31);

    /** Date → isOffDay from the oracle files; a date not listed is a normal day. */
    private static Map<LocalDate, Boolean> oracle;

    private static WorkingDayCalendar calendar;

    @BeforeAll
    static void load() throws IOException {
        oracle = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ORACLE_DIR, "*.json")) {
            for (Path file : files) {
                for (JsonNode day : json.readTree(file.toFile()).get("days")) {
                    oracle.put(LocalDate.parse(day.get("date").asText()), day.get("isOffDay").asBoolean());
                }
            }
        }
        assertThat(oracle).as("oracle entries in %s", ORACLE_DIR.toAbsolutePath()).isNotEmpty();
        calendar = WorkingDayCalendar.fromClasspath();
    }

    /**
     * The oracle's answer. Outside 2024–2026 (in practice: results that land in 2027, or start in 2023 when counting
     * back) neither side has holiday data, so the oracle is the weekend-only fallback: Monday–Friday are working days.
     */
    private static boolean oracleWorking(LocalDate day) {
        Boolean off = day.getYear() >= 2024 && day.getYear() <= 2026 ? oracle.get(day) : null;
        if (off != null) {
            return !off;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The n-th working day after start, by stepping one day at a time. */
    private static LocalDate oracleAdd(LocalDate start, int n) {
        LocalDate d = start;
        for (int found = 0; found < n; ) {
            d = d.plusDays(1);
            if (oracleWorking(d)) {
                found++;
            }
        }
        return d;
    }

    private static LocalDate oracleSubtract(LocalDate start, int n) {
        LocalDate d = start;
        for (int found = 0; found < n; ) {
            d = d.minusDays(1);
            if (oracleWorking(d)) {
                found++;
            }
        }
        return d;
    }

    @Test
    void agreesWithTheOracleOnEveryDayOf2024To2026() {
        // Results landing in 2027 (no data) are compared with the weekend-only fallback, see oracleWorking.
        List<String> mismatches = new ArrayList<>();
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            if (calendar.isWorkingDay(day) != oracleWorking(day)) {
                mismatches.add(day + " isWorkingDay: ours " + calendar.isWorkingDay(day) + ", oracle " + oracleWorking(day));
            }
            for (int n : STEPS) {
                LocalDate ours = calendar.addWorkingDays(day, n);
                LocalDate expected = oracleAdd(day, n);
                if (!ours.equals(expected)) {
                    mismatches.add(day + " + " + n + ": ours " + ours + ", oracle " + expected);
                }
                LocalDate oursBack = calendar.subtractWorkingDays(day, n);
                LocalDate expectedBack = oracleSubtract(day, n);
                if (!oursBack.equals(expectedBack)) {
                    mismatches.add(day + " - " + n + ": ours " + oursBack + ", oracle " + expectedBack);
                }
                if (calendar.workingDaysBetween(day, expected) != n) {
                    mismatches.add("workingDaysBetween(" + day + ", " + expected + ") != " + n);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void calendarFilesCoverTheThreeNoticeYears() {
        assertThat(calendar.years()).containsExactly(2024, 2025, 2026);
        for (int year = 2024; year <= 2026; year++) {
            assertThat(calendar.hasDataFor(year)).isTrue();
            assertThat(calendar.calendarFor(year)).get().extracting(YearCalendar::notice).asString()
                    .contains("国务院办公厅关于" + year + "年部分节假日安排的通知");
        }
    }

    @Test
    void deadlineCrossingNationalDay2026SkipsTheHolidayAndCountsTheMakeUpSaturday() {
        // 9-30 (1), 10-1..10-7 off, 10-8 (2), 10-9 (3), 10-10 Sat 调休 (4), 10-11 Sun off, 10-12 (5)
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 29), 5)).isEqualTo(LocalDate.of(2026, 10, 12));
        assertThat(calendar.subtractWorkingDays(LocalDate.of(2026, 10, 12), 5)).isEqualTo(LocalDate.of(2026, 9, 29));
    }

    @Test
    void makeUpSaturdayCountsAsAWorkingDay() {
        LocalDate saturday = LocalDate.of(2026, 2, 28); // 春节 调休上班
        assertThat(saturday.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(calendar.isWorkingDay(saturday)).isTrue();
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 27), 1)).isEqualTo(saturday);
        LocalDate sunday = LocalDate.of(2026, 1, 4); // 元旦 调休上班
        assertThat(calendar.isWorkingDay(sunday)).isTrue();
        assertThat(calendar.addWorkingDays(LocalDate.of(2025, 12, 31), 1)).isEqualTo(sunday);
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 21))).as("ordinary Saturday in 春节").isFalse();
    }

    @Test
    void taskCreatedOnAHolidayStartsCountingAfterTheHoliday() {
        LocalDate holiday = LocalDate.of(2026, 10, 3);
        assertThat(calendar.isWorkingDay(holiday)).isFalse();
        assertThat(calendar.addWorkingDays(holiday, 0)).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(calendar.addWorkingDays(holiday, 1)).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(calendar.addWorkingDays(holiday, 3)).isEqualTo(LocalDate.of(2026, 10, 10));
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 10, 8), 0)).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(calendar.subtractWorkingDays(holiday, 0)).isEqualTo(LocalDate.of(2026, 9, 30));
    }

    @Test
    void nthWorkingDayOfAMonthThatStartsWithAHoliday() {
        assertThat(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 10), 1)).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 10), 3)).isEqualTo(LocalDate.of(2026, 10, 10));
        assertThat(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 10), 5)).isEqualTo(LocalDate.of(2026, 10, 13));
        // January 2026 opens with 元旦 1–3, and Sunday the 4th is worked
        assertThat(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 1), 1)).isEqualTo(LocalDate.of(2026, 1, 4));
        // February 2026 opens on a Sunday; 14th (Sat) and 28th (Sat) are worked, 15–23 are 春节
        assertThat(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 2), 1)).isEqualTo(LocalDate.of(2026, 2, 2));
        assertThat(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 2), 5)).isEqualTo(LocalDate.of(2026, 2, 6));
        assertThat(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 2), 11)).isEqualTo(LocalDate.of(2026, 2, 14));
        assertThat(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 2), 12)).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 2), 16)).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 5), 5)).isEqualTo(LocalDate.of(2026, 5, 11));
        assertThat(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 12), 5)).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThatThrownBy(() -> calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 2), 17))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026年2月只有 16 个工作日");
        assertThatThrownBy(() -> calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 2), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workingDaysBetweenIsAntisymmetric() {
        LocalDate a = LocalDate.of(2026, 9, 30);
        LocalDate b = LocalDate.of(2026, 10, 12);
        assertThat(calendar.workingDaysBetween(a, b)).isEqualTo(4); // 10-8, 10-9, 10-10, 10-12
        assertThat(calendar.workingDaysBetween(b, a)).isEqualTo(-4);
        assertThat(calendar.workingDaysBetween(a, a)).isZero();
        LocalDate newYearsEve = LocalDate.of(2025, 12, 31);
        LocalDate monday = LocalDate.of(2026, 1, 5);
        assertThat(calendar.workingDaysBetween(newYearsEve, monday)).isEqualTo(2); // 1-4 (Sun, 调休), 1-5
        assertThat(calendar.workingDaysBetween(monday, newYearsEve)).isEqualTo(-2);
        LocalDate holiday1 = LocalDate.of(2026, 10, 1);
        LocalDate holiday2 = LocalDate.of(2026, 10, 7);
        assertThat(calendar.workingDaysBetween(holiday1, holiday2)).isZero();
        assertThat(calendar.workingDaysBetween(holiday2, holiday1)).isZero();
        for (LocalDate from = LocalDate.of(2024, 1, 1); from.getYear() < 2027; from = from.plusDays(17)) {
            for (LocalDate to = LocalDate.of(2024, 1, 3); to.getYear() < 2027; to = to.plusDays(29)) {
                assertThat(calendar.workingDaysBetween(to, from)).isEqualTo(-calendar.workingDaysBetween(from, to));
            }
        }
        // the whole of 2025, against the oracle's count
        int oracleCount = 0;
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.getYear() == 2025; d = d.plusDays(1)) {
            oracleCount += oracleWorking(d) ? 1 : 0;
        }
        assertThat(calendar.workingDaysBetween(LocalDate.of(2024, 12, 31), LocalDate.of(2025, 12, 31)))
                .isEqualTo(oracleCount);
    }

    @Test
    void yearWithoutDataIsProvisionalAndFallsBackToMondayToFriday() {
        WorkingDayCalendar fresh = WorkingDayCalendar.fromClasspath();
        Logger logger = (Logger) LoggerFactory.getLogger(WorkingDayCalendar.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            LocalDate newYear2030 = LocalDate.of(2030, 1, 1); // a Tuesday, 元旦 in reality, but no data yet
            assertThat(fresh.hasDataFor(2030)).isFalse();
            assertThat(fresh.isProvisional(newYear2030)).isTrue();
            assertThat(fresh.isWorkingDay(newYear2030)).isTrue();
            assertThat(fresh.isWorkingDay(LocalDate.of(2030, 1, 5))).as("Saturday").isFalse();
            assertThat(fresh.addWorkingDays(LocalDate.of(2030, 1, 4), 1)).isEqualTo(LocalDate.of(2030, 1, 7));
            assertThat(fresh.nthWorkingDayOfMonth(YearMonth.of(2030, 1), 1)).isEqualTo(newYear2030);
            assertThat(fresh.isProvisional(LocalDate.of(2026, 12, 31))).isFalse();
            assertThat(fresh.years()).doesNotContain(2030);
            // crossing from a year with data into one without
            assertThat(fresh.addWorkingDays(LocalDate.of(2026, 12, 31), 1)).isEqualTo(LocalDate.of(2027, 1, 1));
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactlyInAnyOrder(
                        "No holiday data for year 2030: counting Monday–Friday as working days, deadlines in 2030 are provisional",
                        "No holiday data for year 2027: counting Monday–Friday as working days, deadlines in 2027 are provisional");
    }

    @Test
    void yearCalendarRejectsInvalidDataWithChineseMessages() {
        var ok = new YearCalendar.Holiday("国庆节", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7));
        assertThatThrownBy(() -> new YearCalendar(2026, "测试", List.of(
                new YearCalendar.Holiday("元旦", LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 1))), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("节假日“元旦”的起始日期 2025-12-31 不在 2026 年内");
        assertThatThrownBy(() -> new YearCalendar(2026, "测试", List.of(ok),
                List.of(new YearCalendar.MakeUpWorkday("国庆节", LocalDate.of(2027, 1, 2)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("调休上班日 2027-01-02 不在 2026 年内");
        assertThatThrownBy(() -> new YearCalendar(2026, "测试", List.of(ok),
                List.of(new YearCalendar.MakeUpWorkday("国庆节", LocalDate.of(2026, 10, 12)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("调休上班日 2026-10-12（星期一）不是周六或周日");
        assertThatThrownBy(() -> new YearCalendar(2026, "测试", List.of(
                new YearCalendar.Holiday("国庆节", LocalDate.of(2026, 10, 7), LocalDate.of(2026, 10, 1))), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("节假日“国庆节”的起始日期 2026-10-07 晚于结束日期 2026-10-01");
        assertThatThrownBy(() -> new YearCalendar(2026, "测试", List.of(ok),
                List.of(new YearCalendar.MakeUpWorkday("国庆节", LocalDate.of(2026, 10, 3)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("调休上班日 2026-10-03 与节假日“国庆节”（2026-10-01 至 2026-10-07）重叠");
        assertThatThrownBy(() -> new YearCalendar(2026, " ", List.of(ok), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2026 年日历缺少通知文号");
        assertThatThrownBy(() -> YearCalendar.fromJson("{\"year\": 2026, \"notice\": \"测试\", "
                + "\"holidays\": [{\"name\": \"元旦\", \"from\": \"2026-1-1\", \"to\": \"2026-01-03\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("日期格式错误");
        assertThatThrownBy(() -> YearCalendar.fromJson("{\"notice\": \"测试\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("日历 JSON 缺少整数字段 year");
        assertThatThrownBy(() -> YearCalendar.fromJson("{\"year\": 2026,"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("日历 JSON 格式错误");
    }

    @Test
    void yearCalendarReadsTheFileFormat() {
        YearCalendar year = YearCalendar.fromJson("""
                {"year": 2026, "notice": "测试通知",
                 "holidays": [{"name": "国庆节", "from": "2026-10-01", "to": "2026-10-07"}],
                 "workdays": [{"name": "国庆节", "date": "2026-10-10"}]}
                """);
        assertThat(year.year()).isEqualTo(2026);
        assertThat(year.notice()).isEqualTo("测试通知");
        assertThat(year.holidays()).containsExactly(
                new YearCalendar.Holiday("国庆节", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7)));
        assertThat(year.workdays()).containsExactly(new YearCalendar.MakeUpWorkday("国庆节", LocalDate.of(2026, 10, 10)));
        assertThat(year.isHoliday(LocalDate.of(2026, 10, 7))).isTrue();
        assertThat(year.isMakeUpWorkday(LocalDate.of(2026, 10, 10))).isTrue();
    }

    @Test
    void replaceYearTakesEffectImmediately() {
        WorkingDayCalendar fresh = WorkingDayCalendar.fromClasspath();
        LocalDate octoberEighth = LocalDate.of(2026, 10, 8);
        assertThat(fresh.isWorkingDay(octoberEighth)).isTrue();
        YearCalendar original = fresh.calendarFor(2026).orElseThrow();
        List<YearCalendar.Holiday> longer = new ArrayList<>(original.holidays());
        longer.replaceAll(h -> h.name().equals("国庆节")
                ? new YearCalendar.Holiday("国庆节", h.from(), LocalDate.of(2026, 10, 8)) : h);
        fresh.replaceYear(new YearCalendar(2026, "更正", longer, original.workdays()));
        assertThat(fresh.isWorkingDay(octoberEighth)).isFalse();
        assertThat(fresh.addWorkingDays(LocalDate.of(2026, 9, 30), 1)).isEqualTo(LocalDate.of(2026, 10, 9));
        assertThat(fresh.calendarFor(2026)).get().extracting(YearCalendar::notice).isEqualTo("更正");
        assertThat(calendar.isWorkingDay(octoberEighth)).as("other instances unaffected").isTrue();

        // a provisional year becomes a real one
        assertThat(fresh.isWorkingDay(LocalDate.of(2027, 1, 1))).isTrue();
        fresh.replaceYear(new YearCalendar(2027, "测试", List.of(
                new YearCalendar.Holiday("元旦", LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 3))), List.of()));
        assertThat(fresh.hasDataFor(2027)).isTrue();
        assertThat(fresh.isProvisional(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(fresh.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(fresh.addWorkingDays(LocalDate.of(2026, 12, 31), 1)).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(fresh.years()).containsExactly(2024, 2025, 2026, 2027);
    }

    @Test
    void readersSeeEitherTheOldOrTheNewYearWhileItIsReplaced() throws Exception {
        WorkingDayCalendar fresh = WorkingDayCalendar.fromClasspath();
        YearCalendar original = fresh.calendarFor(2026).orElseThrow();
        YearCalendar noHolidays = new YearCalendar(2026, "无节假日", List.of(), List.of());
        LocalDate from = LocalDate.of(2025, 12, 31);
        LocalDate to = LocalDate.of(2026, 12, 31);
        int before = fresh.workingDaysBetween(from, to);
        int after = 261; // 2026 has 261 weekdays
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Logger logger = (Logger) LoggerFactory.getLogger(WorkingDayCalendar.class);
        Level level = logger.getLevel();
        logger.setLevel(Level.WARN); // one INFO line per replacement otherwise
        try {
            Future<Boolean> reader = pool.submit(() -> {
                boolean consistent = true;
                while (!stop.get()) {
                    int count = fresh.workingDaysBetween(from, to);
                    consistent &= count == before || count == after;
                }
                return consistent;
            });
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    fresh.replaceYear(i % 2 == 0 ? noHolidays : original);
                }
            });
            writer.get(30, TimeUnit.SECONDS);
            stop.set(true);
            assertThat(reader.get(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
            logger.setLevel(level);
        }
        assertThat(fresh.workingDaysBetween(from, to)).isEqualTo(before);
    }

    @Test
    void springWiresTheCalendarFromTheClasspathFiles() {
        try (var context = new AnnotationConfigApplicationContext(CalendarData.class, WorkingDayCalendar.class)) {
            assertThat(context.getBean(WorkingDayCalendar.class).years()).containsExactly(2024, 2025, 2026);
        }
    }
}
