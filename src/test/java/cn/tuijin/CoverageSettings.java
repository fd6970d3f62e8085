package cn.tuijin;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Flow-node coverage of the diagrams, measured by camunda-process-test-coverage in the process test classes and their
 * nested classes; reports under target/process-test-coverage. The gate (each diagram at least 90% over the whole
 * suite) is {@link CoverageGate}, run by the build after the tests.
 */
@TestConfiguration
class CoverageSettings {

    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
        return ProcessEngineCoverageProperties.builder()
                .addInclusionPatternForTestClasses(".*ProcessTest.*")
                .handleTestMethodCoverage(false)
                .build();
    }
}
