package cn.tuijin.ledger;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The ledger import's limits (file size, rows) and the multipart limit they need (Spring's default is 1 MB), from
 * {@code ledger.properties}. Anything set in application.yaml or the environment takes precedence.
 */
@Configuration
@PropertySource("classpath:ledger.properties")
class LedgerConfiguration {
}
