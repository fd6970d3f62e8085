package cn.tuijin;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Flow-node coverage of the diagrams: measured for the process test classes, which must cover at least 90% of
 * each diagram they run; the report is written under target/process-test-coverage.
 */
@TestConfiguration
class CoverageSettings {

    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
        return ProcessEngineCoverageProperties.builder()
                .addInclusionPatternForTestClasses(".*ProcessTest")
                .assertClassCoverageAtLeast(0.9)
                .handleTestMethodCoverage(false)
                .build();
    }
}
