package cn.tuijin.supervision;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.test.context.event.BeforeTestMethodEvent;

/**
 * Test support, not a test: before each test method, makes the engine of the test's own application context the one
 * registered as "default" in Camunda's static {@link ProcessEngines} registry, where the Tasklist webapp and
 * {@code /engine-rest} look their engine up.
 *
 * <p>Why: the HTTP tests ({@code @TuijinTest}) and the process tests ({@code @TuijinProcessTest}) run in two cached
 * Spring contexts, each with an engine named "default" over its own database, and the context created last wins the
 * registry. When an HTTP test class happens to run before the first process test class (the order of test classes
 * is the file system's), the Tasklist and engine-rest of the HTTP context see the process tests' database and
 * {@code TasklistAccessTest} fails. The lasting fix is one line in {@code TuijinProcessTest} (a name of its own for the
 * process tests' engine, {@code camunda.bpm.process-engine-name}); until then this bean, found by the application's
 * component scan in both test contexts (it is not a test class), puts the right engine back. It does nothing outside
 * tests: the test framework publishes the event only to test contexts.
 */
@Component
class BulletinTestEngines {

    /** Looked up when a test runs, not when the bean is made: the engine must start after Flyway's migrations. */
    private final ObjectProvider<ProcessEngine> engines;

    BulletinTestEngines(ObjectProvider<ProcessEngine> engines) {
        this.engines = engines;
    }

    @EventListener(BeforeTestMethodEvent.class)
    void registerThisContextsEngine() {
        ProcessEngine engine = engines.getObject();
        if (ProcessEngines.getProcessEngines().get(engine.getName()) != engine) {
            ProcessEngines.registerProcessEngine(engine);
        }
    }
}
