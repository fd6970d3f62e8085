package cn.tuijin.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.system.EngineClock;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo city seeded on awkward days keeps every promise (see {@link DemoCityPromises}): the first and the fifth
 * working day of a month, around National Day, the turn of the year, the first working day after Spring Festival,
 * 29 February and years without holiday data. Its own database, emptied of everything the city seeds before each day.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:seasons;DB_CLOSE_DELAY=-1",
        "camunda.bpm.process-engine-name=seasons",
        "tuijin.demo.seed-on-start=false"})
@ActiveProfiles({"demo", "test"})
class DemoCityAcrossTheYearTest {

    /** What the seeding does not write: the schema's history, Camunda's deployments, identities and settings. */
    private static final List<String> KEPT = List.of("FLYWAY_SCHEMA_HISTORY", "CALENDAR_YEAR", "DISTRICT", "UNIT", "PERSON",
            "ACT_GE_PROPERTY", "ACT_GE_SCHEMA_LOG", "ACT_RU_FILTER", "ACT_RU_AUTHORIZATION", "ACT_RU_JOBDEF");

    @Autowired DemoCity demoCity;
    @Autowired JdbcTemplate jdbc;
    @Autowired TaskService tasks;
    @Autowired WorkingDayCalendar calendar;
    @Autowired EngineClock clock;

    static Stream<Arguments> awkwardDays() {
        return Stream.of(
                Arguments.of("the first working day of a month", LocalDate.of(2026, 12, 1)),
                Arguments.of("the fifth working day of a month", LocalDate.of(2026, 12, 7)),
                Arguments.of("a Saturday, early in a month", LocalDate.of(2026, 12, 5)),
                Arguments.of("the day before National Day", LocalDate.of(2026, 9, 30)),
                Arguments.of("the first working day after National Day", LocalDate.of(2026, 10, 8)),
                Arguments.of("31 December", LocalDate.of(2026, 12, 31)),
                Arguments.of("1 January, a holiday", LocalDate.of(2026, 1, 1)),
                Arguments.of("1 January of a year without holiday data", LocalDate.of(2027, 1, 1)),
                Arguments.of("the first working day of a year without holiday data", LocalDate.of(2027, 1, 4)),
                Arguments.of("the first working day after Spring Festival", LocalDate.of(2026, 2, 24)),
                Arguments.of("a day after Spring Festival in a year without holiday data", LocalDate.of(2027, 2, 18)),
                Arguments.of("29 February", LocalDate.of(2028, 2, 29)));
    }

    @AfterEach
    void backToTheSuitesDay() {
        clock.reset();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("awkwardDays")
    void theDemoCityKeepsItsPromisesWhateverTheDayItIsSeeded(String what, LocalDate day) {
        emptyTheCity();
        clock.startAt(day.atTime(9, 30).atZone(EngineClock.ZONE).toInstant());
        demoCity.seed();
        new DemoCityPromises(jdbc, tasks, calendar, clock).check();
    }

    /** Deletes the city, its processes and their history, keeping the deployments, identities and settings. */
    private void emptyTheCity() {
        List<String> tables = jdbc.queryForList("select table_name from information_schema.tables"
                + " where table_schema = 'PUBLIC' and table_type = 'BASE TABLE'", String.class);
        jdbc.execute("set referential_integrity false");
        try {
            for (String table : tables) {
                String name = table.toUpperCase();
                if (KEPT.contains(name) || name.startsWith("ACT_RE_") || name.startsWith("ACT_ID_")) {
                    continue;
                }
                if (name.equals("ACT_GE_BYTEARRAY")) {
                    jdbc.update("delete from act_ge_bytearray where deployment_id_ is null");
                } else if (name.equals("ACT_RU_JOB")) {
                    jdbc.update("delete from act_ru_job where process_instance_id_ is not null");
                } else {
                    jdbc.execute("truncate table " + table + " restart identity");
                }
            }
        } finally {
            jdbc.execute("set referential_integrity true");
        }
    }
}
