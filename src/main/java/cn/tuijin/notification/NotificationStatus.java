package cn.tuijin.notification;

import cn.tuijin.system.EngineClock;
import org.springframework.stereotype.Service;

/** The delivery backlog and failures, for the dashboard. */
@Service
public class NotificationStatus {

    private final DeliveryRepository deliveries;
    private final EngineClock clock;

    NotificationStatus(DeliveryRepository deliveries, EngineClock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    public NotificationBacklog backlog() {
        return deliveries.backlog(clock.now());
    }
}
