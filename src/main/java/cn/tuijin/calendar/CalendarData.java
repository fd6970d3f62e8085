package cn.tuijin.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The holiday data the application ships with: one {@link YearCalendar} per file {@code classpath:calendar/<year>.json}.
 */
@Component
public final class CalendarData {

    /** Where the yearly calendar files live on the classpath. */
    public static final String LOCATION = "classpath*:calendar/*.json";

    private static final Pattern FILE_NAME = Pattern.compile("(\\d{4})\\.json");

    private final Map<Integer, YearCalendar> years;

    /** Loads every calendar file from the classpath. */
    @Autowired
    public CalendarData() {
        this(loadClasspath());
    }

    /** Wraps already loaded data, keyed by year. */
    public CalendarData(Map<Integer, YearCalendar> years) {
        years.forEach((year, data) -> {
            if (year != data.year()) {
                throw new IllegalArgumentException("日历数据的键 " + year + " 与其年份 " + data.year() + " 不一致");
            }
        });
        this.years = Map.copyOf(years);
    }

    /** Loads every calendar file from the classpath (for plain unit tests). */
    public static CalendarData fromClasspath() {
        return new CalendarData();
    }

    /** The loaded years, keyed by year. */
    public Map<Integer, YearCalendar> years() {
        return years;
    }

    private static Map<Integer, YearCalendar> loadClasspath() {
        Map<Integer, YearCalendar> years = new TreeMap<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(CalendarData.class.getClassLoader())
                    .getResources(LOCATION);
            for (Resource resource : resources) {
                String name = resource.getFilename();
                Matcher m = FILE_NAME.matcher(name == null ? "" : name);
                if (!m.matches()) {
                    continue;
                }
                YearCalendar data;
                try (InputStream in = resource.getInputStream()) {
                    data = YearCalendar.fromJson(in);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("日历文件 calendar/" + name + " 有误：" + e.getMessage(), e);
                }
                if (data.year() != Integer.parseInt(m.group(1))) {
                    throw new IllegalStateException("日历文件 calendar/" + name + " 中的年份为 " + data.year());
                }
                if (years.putIfAbsent(data.year(), data) != null) {
                    throw new IllegalStateException("类路径上有多个 calendar/" + name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION, e);
        }
        return years;
    }
}
