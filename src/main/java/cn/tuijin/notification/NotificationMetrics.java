package cn.tuijin.notification;

import cn.tuijin.system.EngineClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The sender's meters, bound to the application's meter registry when there is one (Spring Boot binds every
 * {@link MeterBinder} bean): {@code tuijin.notifications.backlog} (unsent), {@code .due} (unsent and due),
 * {@code .failing} (unsent after a failed attempt), {@code .failed} (given up), and the counters
 * {@code tuijin.notifications.sent} and {@code tuijin.notifications.errors} per channel.
 */
@Component
class NotificationMetrics implements MeterBinder {

    private final DeliveryRepository deliveries;
    private final EngineClock clock;
    private volatile MeterRegistry registry;

    NotificationMetrics(DeliveryRepository deliveries, EngineClock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("tuijin.notifications.backlog", this, m -> m.backlog().pending())
                .description("Notices not sent yet").register(registry);
        Gauge.builder("tuijin.notifications.due", this, m -> m.backlog().due())
                .description("Notices due and not sent yet").register(registry);
        Gauge.builder("tuijin.notifications.failing", this, m -> m.backlog().failing())
                .description("Notices waiting for a channel that failed").register(registry);
        Gauge.builder("tuijin.notifications.failed", this, m -> m.backlog().failed())
                .description("Notices given up: nothing to send them to").register(registry);
    }

    private NotificationBacklog backlog() {
        return deliveries.backlog(clock.now());
    }

    void sent(Channel channel) {
        MeterRegistry r = registry;
        if (r != null) {
            r.counter("tuijin.notifications.sent", "channel", channel.name()).increment();
        }
    }

    void failed(Channel channel) {
        MeterRegistry r = registry;
        if (r != null) {
            r.counter("tuijin.notifications.errors", "channel", channel.name()).increment();
        }
    }
}
