package cn.tuijin.bulletin;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.notification.NotificationOutbox;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Unit;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Service;

/**
 * Monthly bulletins (定期通报): when one is due, compiling it, publishing it, reading the published ones.
 *
 * <p>The daily run of {@code processes/monthly-bulletin.bpmn} asks {@link #scheduledPeriod()}: from the first
 * working day of a month on (holidays and make-up days counted by the working-day calendar), last month's bulletin is
 * due until it has been published. A cycle timer cannot know holidays, so the timer fires every day at 8:00 and this
 * decides; if the application was down on the first working day, the next day's run catches up.
 */
@Service
public class BulletinService {

    /** Who published a bulletin the timer asked for. */
    static final String SYSTEM = "system";

    private final BulletinRepository bulletins;
    private final BulletinCompiler compiler;
    private final WorkingDayCalendar calendar;
    private final EngineClock clock;
    private final ObjectMapper json;
    private final OrgDirectory org;
    private final NotificationOutbox outbox;

    BulletinService(BulletinRepository bulletins, BulletinCompiler compiler, WorkingDayCalendar calendar, EngineClock clock,
                    ObjectMapper json, OrgDirectory org, NotificationOutbox outbox) {
        this.org = org;
        this.outbox = outbox;
        this.bulletins = bulletins;
        this.compiler = compiler;
        this.calendar = calendar;
        this.clock = clock;
        this.json = json;
    }

    /** The month whose bulletin the daily run should publish today, if any. */
    Optional<YearMonth> scheduledPeriod() {
        LocalDate today = clock.today();
        YearMonth month = YearMonth.from(today);
        if (today.isBefore(calendar.nthWorkingDayOfMonth(month, 1))) {
            return Optional.empty();
        }
        YearMonth last = month.minusMonths(1);
        return isDue(last) ? Optional.of(last) : Optional.empty();
    }

    /** Whether the month's bulletin is still to be published. */
    boolean isDue(YearMonth period) {
        return bulletins.forPeriod(period).map(b -> !b.published()).orElse(true);
    }

    /**
     * A month a supervisor may ask for: yyyy-MM, from 2000 on, and over (the current month is not). Refused with a
     * Chinese message naming the field {@code period}.
     */
    YearMonth parsePeriod(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.matches("\\d{4}-\\d{2}")) {
            throw new InvalidInputException("period", "请按“年-月”填写通报月份，如 2026-10");
        }
        YearMonth period;
        try {
            period = YearMonth.parse(t);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("period", "「" + t + "」不是有效的月份");
        }
        if (period.getYear() < 2000) {
            throw new InvalidInputException("period", "通报月份不能早于 2000 年");
        }
        YearMonth now = clock.thisMonth();
        if (!period.isBefore(now)) {
            throw new InvalidInputException("period", period + " 尚未结束：只能发布已结束月份的通报（最近可发布 " + now.minusMonths(1) + "）");
        }
        return period;
    }

    /** A supervisor asked the process instance for the month's bulletin: recorded as the instance starts. */
    void requested(String processInstanceId, YearMonth period, String requestedBy) {
        bulletins.requested(processInstanceId, period, requestedBy, clock.now());
    }

    /** Who asked the process instance for its bulletin; null for the daily run. */
    String requestedBy(String processInstanceId) {
        return bulletins.requestedBy(processInstanceId).orElse(null);
    }

    /** The month's compiled bulletin (published or not). */
    long compiled(YearMonth period) {
        return bulletins.forPeriod(period).map(BulletinRepository.Stored::id)
                .orElseThrow(() -> new NotFoundException(period + " 的通报尚未汇总"));
    }

    /**
     * Compiles the month's bulletin and stores its figures; returns its id. A published bulletin is not compiled again
     * (its id is returned). Two compilations of one period at once: the second fails on the unique period and its job
     * is retried, finding the first.
     */
    long compile(YearMonth period, String requestedBy, String processInstanceId) {
        Optional<BulletinRepository.Stored> existing = bulletins.forPeriod(period);
        if (existing.isPresent() && existing.get().published()) {
            return existing.get().id();
        }
        BulletinFigures figures = compiler.compile(period, clock.now());
        String text = write(figures);
        String who = requestedBy == null ? SYSTEM : requestedBy;
        if (existing.isPresent()) {
            bulletins.recompile(existing.get().id(), who, processInstanceId, clock.now(), figures.city().projects(), text);
            return existing.get().id();
        }
        return bulletins.insertCompiled(period, who, processInstanceId, clock.now(), figures.city().projects(), text);
    }

    /**
     * Publishes the compiled bulletin under its formal number (〔year〕第N期, numbered per year of publication, Beijing
     * time): from now on its figures do not change. Publishing it again does nothing.
     */
    void publish(long id) {
        if (bulletins.publish(id, clock.now(), clock.today().getYear())) {
            YearMonth period = bulletins.find(id).map(BulletinRepository.Stored::period).orElseThrow();
            String title = period.getYear() + "年" + period.getMonthValue() + "月重点项目推进情况通报";
            for (Unit unit : org.units()) {
                outbox.add("bulletin:" + id + ":" + unit.code(), NotificationOutbox.Event.BULLETIN_PUBLISHED, null, unit.code(),
                        null, null, "月度通报：" + title + "已发布", "《" + title + "》已发布，请查阅本单位的排名、逾期事项和整改要求。",
                        clock.now(), "/bulletins/view.html?id=" + id);
            }
        }
    }

    /**
     * Compiles and publishes the month's bulletin at once, without the bulletin process (the demo city's seeding); a
     * month already published is left as it is. Returns the bulletin's id.
     */
    public long publishNow(YearMonth period, String who) {
        Optional<BulletinRepository.Stored> existing = bulletins.forPeriod(period);
        if (existing.isPresent() && existing.get().published()) {
            return existing.get().id();
        }
        long id = compile(period, who, null);
        publish(id);
        return id;
    }

    /** Published bulletins, the latest month first. */
    List<BulletinRepository.Stored> published() {
        return bulletins.published();
    }

    Optional<BulletinRepository.Stored> published(YearMonth period) {
        return bulletins.forPeriod(period).filter(BulletinRepository.Stored::published);
    }

    /** A published bulletin with its figures (JSON as stored). */
    BulletinRepository.Stored get(long id) {
        return bulletins.find(id).filter(BulletinRepository.Stored::published)
                .orElseThrow(() -> new NotFoundException("通报 " + id + " 不存在或尚未发布"));
    }

    /** A published bulletin's figures. */
    BulletinFigures figures(long id) {
        try {
            return json.readValue(get(id).figures(), BulletinFigures.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("通报 " + id + " 的数据无法读取", e);
        }
    }

    /** The bulletin's title: 2026年9月全市重点项目推进情况通报. */
    static String title(YearMonth period) {
        return period.getYear() + "年" + period.getMonthValue() + "月全市重点项目推进情况通报";
    }

    private String write(BulletinFigures figures) {
        try {
            return json.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("通报数据无法保存", e);
        }
    }
}
