package cn.tuijin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application context of the tests that go through the application as users do: the whole application on a
 * random port with the demo city, an in-memory database and no job executor (tests fire timers themselves after
 * moving the engine clock), and the metrics published as in production (/actuator/prometheus). Every such test class
 * uses it, so Spring builds the context once.
 * Process tests use {@link TuijinProcessTest} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@AutoConfigureObservability(tracing = false)
public @interface TuijinTest {
}
