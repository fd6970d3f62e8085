package cn.tuijin.deadline;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the deadline follow-ups left behind every {@code tuijin.followups.interval} (30 s) on every node: those of a
 * node that stopped between a timer's job and its follow-up, or whose follow-up failed. Off with
 * {@code tuijin.followups.scheduled=false} (the tests, which run them themselves).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "tuijin.followups.scheduled", havingValue = "true", matchIfMissing = true)
class FollowUpSchedule {

    private final DeadlineFollowUps followUps;

    FollowUpSchedule(DeadlineFollowUps followUps) {
        this.followUps = followUps;
    }

    @Scheduled(fixedDelayString = "${tuijin.followups.interval:30s}", initialDelayString = "${tuijin.followups.interval:30s}")
    void runLeftBehind() {
        followUps.runPending();
    }
}
