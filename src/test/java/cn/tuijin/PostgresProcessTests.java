package cn.tuijin;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Runs the {@link TuijinProcessTest} classes on PostgreSQL when the system property {@code tuijin.test.database} is
 * {@code postgresql}: their context gets a fresh database on the embedded server ({@link TestPostgres}) in place of
 * its in-memory H2 one. The test classes stay as they are; the build runs them twice (pom.xml).
 * Registered in {@code META-INF/spring.factories} of the tests.
 */
public class PostgresProcessTests implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!TestPostgres.selected() || !isProcessTest(testClass)) {
            return null;
        }
        return new OnPostgres();
    }

    private static boolean isProcessTest(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = TestContextAnnotationUtils.searchEnclosingClass(c) ? c.getEnclosingClass() : null) {
            if (MergedAnnotations.from(c, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).isPresent(TuijinProcessTest.class)) {
                return true;
            }
        }
        return false;
    }

    /** Puts the datasource of a new PostgreSQL database first, above the test's own properties. */
    private static final class OnPostgres implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Object> database = TestPostgres.newDatabase();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("tuijinTestPostgres", database));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof OnPostgres;
        }

        @Override
        public int hashCode() {
            return OnPostgres.class.hashCode();
        }
    }
}
