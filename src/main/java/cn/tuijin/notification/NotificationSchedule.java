package cn.tuijin.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the sender every {@code tuijin.notifications.sender.interval} (10 s) on every node; off with
 * {@code tuijin.notifications.sender.enabled=false} (the tests, which call the sender themselves).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "tuijin.notifications.sender.enabled", havingValue = "true", matchIfMissing = true)
class NotificationSchedule {

    private final NotificationSender sender;

    NotificationSchedule(NotificationSender sender) {
        this.sender = sender;
    }

    @Scheduled(fixedDelayString = "${tuijin.notifications.sender.interval:10s}", initialDelayString = "${tuijin.notifications.sender.interval:10s}")
    void deliverDue() {
        sender.deliverDue();
    }
}
