package cn.tuijin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The application context of the process tests: the application with its own in-memory database, no job executor,
 * and flow-node coverage measured by camunda-process-test-coverage (report under target/process-test-coverage).
 * The demo city is not seeded at start-up, where no coverage run is open yet; tests seed it themselves.
 * <p>
 * The build runs these classes twice: on H2, then on PostgreSQL ({@link PostgresProcessTests} gives their context a
 * database on an embedded server), tagged {@code process} for that second run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("process")
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:processes;DB_CLOSE_DELAY=-1",
        // Its own engine name: Camunda keeps engines in a static registry by name, and the webapps and REST API of
        // the HTTP tests' context must keep finding their own engine "default".
        "camunda.bpm.process-engine-name=processes",
        "tuijin.demo.seed-on-start=false"})
@ActiveProfiles({"demo", "test"})
@Import({ProcessEngineCoverageConfiguration.class, CoverageSettings.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface TuijinProcessTest {
}
