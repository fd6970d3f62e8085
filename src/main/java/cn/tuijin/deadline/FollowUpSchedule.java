package cn.tuijin.deadline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * On every node: the deadline sweep every {@code tuijin.deadlines.sweep-interval} (5 s), which marks the deadlines whose
 * due or warning time has come ({@link DeadlineSweep}); and the deadline follow-ups left behind every
 * {@code tuijin.followups.interval} (30 s): those of a node that stopped between a process timer's job and its
 * follow-up, or whose follow-up failed. Off with {@code tuijin.followups.scheduled=false} (the tests, which move the
 * engine clock and sweep themselves).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "tuijin.followups.scheduled", havingValue = "true", matchIfMissing = true)
class FollowUpSchedule {

    private static final Logger log = LoggerFactory.getLogger(FollowUpSchedule.class);

    private final DeadlineFollowUps followUps;
    private final DeadlineSweep sweep;

    FollowUpSchedule(DeadlineFollowUps followUps, DeadlineSweep sweep) {
        this.followUps = followUps;
        this.sweep = sweep;
    }

    @Scheduled(fixedDelayString = "${tuijin.deadlines.sweep-interval:5s}", initialDelayString = "${tuijin.deadlines.sweep-interval:5s}")
    void sweep() {
        try {
            sweep.sweep();
        } catch (RuntimeException e) {
            // Nothing of the failed batch was written; the next sweep takes it again.
            log.warn("期限扫描失败，稍后重试：{}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${tuijin.followups.interval:30s}", initialDelayString = "${tuijin.followups.interval:30s}")
    void runLeftBehind() {
        followUps.runPending();
    }
}
