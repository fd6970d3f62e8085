package cn.tuijin.deadline;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.tuijin.calendar.CalendarImport;
import cn.tuijin.calendar.CalendarYearRepository;
import cn.tuijin.calendar.CalendarYearRepository.StoredYear;
import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.calendar.YearCalendar;
import cn.tuijin.org.Groups;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.SystemActions;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PostConstruct;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Years of the working-day calendar that an administrator adds or corrects: validated, kept in the database and
 * swapped into the running calendar at once. At start-up (before the job executor and the demo city run, which both
 * wait for the application to be ready) the stored years override the calendar files.
 */
@Service
class CalendarCorrections {

    static final String ADMINS_ONLY = "只有系统管理员可以修改工作日历";

    /** The first year an administrator may correct, and how many years ahead of this one they may add. */
    static final int FIRST_YEAR = 2000;
    static final int YEARS_AHEAD = 5;

    private static final Logger log = LoggerFactory.getLogger(CalendarCorrections.class);

    private final WorkingDayCalendar calendar;
    private final CalendarYearRepository store;
    private final SystemActions system;
    private final IdentityService identity;
    private final EngineClock clock;
    private final DeadlineRecompute recompute;
    private final TransactionTemplate transactions;

    CalendarCorrections(WorkingDayCalendar calendar, CalendarYearRepository store, SystemActions system,
                        IdentityService identity, EngineClock clock, DeadlineRecompute recompute,
                        PlatformTransactionManager transactions) {
        this.recompute = recompute;
        this.transactions = new TransactionTemplate(transactions);
        this.calendar = calendar;
        this.store = store;
        this.system = system;
        this.identity = identity;
        this.clock = clock;
    }

    @PostConstruct
    void applyStoredYears() {
        applyStoredYears(calendar);
    }

    /** Swaps every stored year into the calendar, over the data of the files. A stored year that is invalid stops it. */
    void applyStoredYears(WorkingDayCalendar target) {
        for (StoredYear stored : store.findAll()) {
            YearCalendar year;
            try {
                year = YearCalendar.fromJson(stored.data());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("数据库表 calendar_year 中 " + stored.year() + " 年的日历有误：" + e.getMessage(), e);
            }
            if (year.year() != stored.year()) {
                throw new IllegalStateException("数据库表 calendar_year 中 " + stored.year() + " 年的日历数据写的是 " + year.year() + " 年");
            }
            target.replaceYear(year);
            log.info("Working-day calendar for {} taken from the database (corrected by {} at {})", stored.year(),
                    stored.updatedBy(), stored.updatedAt());
        }
    }

    /** A year saved, and what became of the provisional deadlines touching it. */
    record Saved(StoredYear stored, List<ProvisionalDeadline.Outcome> deadlines) {
    }

    /** A year as it would be saved: its data, the calendar with it, and what would become of the deadlines. */
    record Preview(YearCalendar data, WorkingDayCalendar after, List<ProvisionalDeadline.Outcome> deadlines) {
    }

    /**
     * Validates the year sent as JSON (calendar file format), stores it and swaps it into the calendar; only members
     * of {@link Groups#ADMINS}, for a year from {@value #FIRST_YEAR} to five years ahead. Deadlines computed afterwards
     * use it; the open deadlines computed provisionally across it are counted again ({@link DeadlineRecompute}), all
     * in one transaction: if anything fails, nothing is stored and the calendar stays as it was.
     */
    synchronized Saved correct(int year, JsonNode json) {
        String user = requireAdmin();
        YearCalendar data = validated(year, json);
        String normalized = data.toJson();
        if (normalized.length() > CalendarYearRepository.MAX_DATA_LENGTH) {
            throw new InvalidInputException("body", "日历数据过长（超过 " + CalendarYearRepository.MAX_DATA_LENGTH + " 个字符）");
        }
        Optional<YearCalendar> previous = calendar.calendarFor(year);
        List<ProvisionalDeadline.Outcome> outcomes = recompute.plan(year, calendar, calendar.withYear(data));
        Instant now = clock.now();
        try {
            transactions.executeWithoutResult(tx -> {
                store.save(year, normalized, user, now);
                calendar.replaceYear(data);
                recompute.apply(year, outcomes);
            });
        } catch (RuntimeException e) {
            previous.ifPresentOrElse(calendar::replaceYear, () -> calendar.removeYear(year));
            throw e;
        }
        log.info("Working-day calendar for {} {} by {}: {} ({} holidays, {} make-up working days)", year,
                previous.isPresent() ? "corrected" : "added", user, data.notice(), data.holidays().size(), data.workdays().size());
        return new Saved(new StoredYear(year, normalized, user, now), outcomes);
    }

    /** What saving the year would change (administrators only); changes nothing. */
    Preview preview(int year, JsonNode json) {
        requireAdmin();
        YearCalendar data = validated(year, json);
        WorkingDayCalendar after = calendar.withYear(data);
        return new Preview(data, after, recompute.plan(year, calendar, after));
    }

    /** Reads an uploaded .ics or JSON file into the year, for the administrator's form (administrators only). */
    CalendarImport.Imported importFile(int year, String fileName, byte[] content) {
        requireAdmin();
        requireYearInRange(year);
        return CalendarImport.read(year, fileName, content);
    }

    private YearCalendar validated(int year, JsonNode json) {
        requireYearInRange(year);
        JsonNode dataYear = json == null ? null : json.get("year");
        if (dataYear != null && dataYear.isIntegralNumber() && dataYear.canConvertToInt() && dataYear.intValue() != year) {
            throw new InvalidInputException("year", "路径中的年份 " + year + " 与日历数据中的年份 " + dataYear.intValue() + " 不一致");
        }
        YearCalendar data;
        try {
            data = YearCalendar.fromJson(json);
        } catch (YearCalendar.Invalid e) {
            throw new InvalidInputException(e.field(), e.getMessage());
        }
        if (data.year() != year) {
            throw new InvalidInputException("year", "路径中的年份 " + year + " 与日历数据中的年份 " + data.year() + " 不一致");
        }
        return data;
    }

    private void requireYearInRange(int year) {
        int last = clock.today().getYear() + YEARS_AHEAD;
        if (year < FIRST_YEAR || year > last) {
            throw new InvalidInputException("year", "只能修订 " + FIRST_YEAR + " 年至 " + last + " 年的日历，收到 " + year + " 年");
        }
    }

    Optional<StoredYear> stored(int year) {
        return store.find(year);
    }

    Map<Integer, StoredYear> storedYears() {
        return store.findAll().stream().collect(Collectors.toMap(StoredYear::year, Function.identity()));
    }

    private String requireAdmin() {
        Authentication user = system.currentUser();
        if (user == null) {
            throw new ForbiddenException("请先登录");
        }
        List<String> groups = user.getGroupIds();
        boolean admin = groups != null && groups.contains(Groups.ADMINS);
        if (!admin) {
            admin = system.asSystem(() -> identity.createGroupQuery().groupMember(user.getUserId())
                    .groupId(Groups.ADMINS).count()) > 0;
        }
        if (!admin) {
            log.warn("Working-day calendar change refused to {}: not in {}", user.getUserId(), Groups.ADMINS);
            throw new ForbiddenException(ADMINS_ONLY);
        }
        return user.getUserId();
    }
}
