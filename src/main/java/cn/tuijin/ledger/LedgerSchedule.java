package cn.tuijin.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * On every node, every {@code tuijin.ledger.start-interval} (30 s): starts the lifecycles imports have queued and not
 * started, those of a node that stopped in the middle of an import's starts and those whose start failed ten minutes
 * ago ({@link LifecycleStarts}). Off with {@code tuijin.followups.scheduled=false} (the tests, which call it themselves).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "tuijin.followups.scheduled", havingValue = "true", matchIfMissing = true)
class LedgerSchedule {

    private static final Logger log = LoggerFactory.getLogger(LedgerSchedule.class);

    private final LifecycleStarts starts;

    LedgerSchedule(LifecycleStarts starts) {
        this.starts = starts;
    }

    @Scheduled(fixedDelayString = "${tuijin.ledger.start-interval:30s}", initialDelayString = "${tuijin.ledger.start-interval:30s}")
    void startQueued() {
        try {
            int n = starts.drain(null);
            if (n > 0) {
                log.info("台账导入：定时任务启动了 {} 个项目的全周期流程", n);
            }
        } catch (RuntimeException e) {
            log.warn("台账导入：定时启动全周期流程失败，稍后重试：{}", e.toString());
        }
    }
}
