package cn.tuijin.notification;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import cn.tuijin.org.Callers;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notification settings (one's own, a unit's) and, for supervisors and administrators, the deliveries: the backlog
 * and the failures.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private static final Set<String> STATUSES = Set.of("PENDING", "FAILING", "FAILED", "SENT");

    private final NotificationSettingsService settings;
    private final DeliveryRepository deliveries;
    private final Callers callers;
    private final EngineClock clock;

    NotificationController(NotificationSettingsService settings, DeliveryRepository deliveries, Callers callers, EngineClock clock) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.callers = callers;
        this.clock = clock;
    }

    /** A delivery as the API shows it. */
    record View(long id, String event, String eventLabel, String projectCode, String recipientKind, String recipient,
                String channel, boolean digest, String subject, String body, String link, Instant createdAt,
                Instant notBefore, String status, int attempts, Instant nextAttemptAt, String lastError, Instant sentAt) {

        static View of(Delivery d) {
            return new View(d.id(), d.event().name(), d.event().label(), d.projectCode(), d.recipientKind().name(),
                    d.recipient(), d.channel().name(), d.digest(), d.subject(), d.body(), d.link(), d.createdAt(),
                    d.notBefore(), d.status().name(), d.attempts(), d.nextAttemptAt(), d.lastError(), d.sentAt());
        }
    }

    /** The counts and a page of deliveries of the status asked for. */
    record Page(NotificationBacklog backlog, String status, int page, int size, List<View> items) {
    }

    @GetMapping
    Page deliveries(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
                    @RequestParam(defaultValue = "50") int size) {
        String s = status == null ? "" : status.trim().toUpperCase();
        if (!s.isEmpty() && !STATUSES.contains(s)) {
            throw new InvalidInputException("status", "「状态」只能是 PENDING（待发送）、FAILING（发送失败待重试）、FAILED（无法送达）或 SENT（已发送）");
        }
        Paging paging = new Paging(page, size);
        return new Page(deliveries.backlog(clock.now()), s.isEmpty() ? null : s, page, size,
                deliveries.find(s, paging.offset(), size).stream().map(View::of).toList());
    }

    @GetMapping("/settings/me")
    NotificationSettingsService.View mine() {
        return settings.mine(callers.current());
    }

    @PutMapping("/settings/me")
    NotificationSettingsService.View changeMine(@RequestBody NotificationSettingsService.Change change) {
        return settings.changeMine(callers.current(), change);
    }

    @GetMapping("/settings/units/{code}")
    NotificationSettingsService.View unit(@PathVariable String code) {
        return settings.unit(callers.current(), code);
    }

    @PutMapping("/settings/units/{code}")
    NotificationSettingsService.View changeUnit(@PathVariable String code, @RequestBody NotificationSettingsService.Change change) {
        return settings.changeUnit(callers.current(), code, change);
    }
}
