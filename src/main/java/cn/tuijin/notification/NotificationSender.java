package cn.tuijin.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.notification.NotificationSettings.OwnerKind;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Delivers what is due: the first unsent message of each destination, in order; a destination whose message fails
 * waits (30 s, doubling up to an hour by default) and keeps its backlog until it comes back. Any number of nodes may
 * run it at once: each row is claimed by a row update before it is sent. The scheduled run is
 * {@link NotificationSchedule}; tests call {@link #deliverDue()} themselves.
 */
@Service
public class NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

    private final DeliveryRepository deliveries;
    private final SettingsRepository settings;
    private final DeliveryPlanner planner;
    private final OrgDirectory org;
    private final MailChannel mail;
    private final WebhookChannel webhook;
    private final NotificationMetrics metrics;
    private final EngineClock clock;
    private final NotificationProperties.Sender config;
    private final String node;

    @Autowired
    NotificationSender(DeliveryRepository deliveries, SettingsRepository settings, DeliveryPlanner planner, OrgDirectory org,
                       MailChannel mail, WebhookChannel webhook, NotificationMetrics metrics, EngineClock clock,
                       NotificationProperties properties) {
        this(deliveries, settings, planner, org, mail, webhook, metrics, clock, properties, UUID.randomUUID().toString());
    }

    /** A sender with its own node name (a second node, in tests). */
    NotificationSender(DeliveryRepository deliveries, SettingsRepository settings, DeliveryPlanner planner, OrgDirectory org,
                       MailChannel mail, WebhookChannel webhook, NotificationMetrics metrics, EngineClock clock,
                       NotificationProperties properties, String node) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.planner = planner;
        this.org = org;
        this.mail = mail;
        this.webhook = webhook;
        this.metrics = metrics;
        this.clock = clock;
        this.config = properties.sender();
        this.node = node;
    }

    /** Sends what is due now, up to the batch size; returns how many messages went out. */
    public int deliverDue() {
        int sent = 0;
        int tried = 0;
        Set<String> waiting = new HashSet<>();   // destinations that failed in this run
        while (tried < config.batch()) {
            Instant now = clock.now();
            List<Delivery> heads = deliveries.heads(now, config.batch()).stream()
                    .filter(d -> !waiting.contains(d.destination())).toList();
            if (heads.isEmpty()) {
                break;
            }
            for (Delivery head : heads) {
                if (tried++ >= config.batch()) {
                    break;
                }
                if (!deliveries.claim(head.id(), node, now.plus(config.claim()), now)) {
                    continue;   // another node has it
                }
                if (deliver(head, now)) {
                    sent++;
                } else {
                    waiting.add(head.destination());
                }
            }
        }
        return sent;
    }

    /** Sends the claimed row (with the rest of its digest); false if it has to wait. */
    private boolean deliver(Delivery head, Instant now) {
        List<Delivery> batch = head.digest() ? deliveries.claimDigest(head.destination(), node, now.plus(config.claim()), now) : List.of(head);
        List<Long> ids = batch.stream().map(Delivery::id).toList();
        try {
            send(head, batch);
            deliveries.sent(ids, node, clock.now());
            metrics.sent(head.channel());
            return true;
        } catch (DeliveryException e) {
            metrics.failed(head.channel());
            if (e.permanent()) {
                log.warn("通知无法送达，已放弃（{} → {}）：{}", head.channel(), head.recipient(), e.getMessage());
                deliveries.failed(ids, node, e.getMessage());
                return true;
            }
            Instant retryAt = clock.now().plus(backoff(head.attempts() + 1));
            log.warn("通知发送失败（{} → {}，第 {} 次），{} 重试：{}{}", head.channel(), head.recipient(), head.attempts() + 1,
                    retryAt, e.getMessage(), e.getCause() == null ? "" : "（" + e.getCause() + "）");
            deliveries.retry(head, ids, node, retryAt, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            deliveries.retry(head, ids, node, clock.now().plus(backoff(head.attempts() + 1)), "发送出错（详见服务器日志）");
            metrics.failed(head.channel());
            log.error("通知发送出错（{} → {}）", head.channel(), head.recipient(), e);
            return false;
        }
    }

    private void send(Delivery head, List<Delivery> batch) throws DeliveryException {
        NotificationSettings s = head.recipientKind() == OwnerKind.PERSON ? settings.person(head.recipient()) : settings.unit(head.recipient());
        Message message;
        if (head.digest()) {
            LocalDate day = LocalDate.ofInstant(clock.now(), WorkingDayCalendar.ZONE);
            String leader = org.person(head.recipient()).map(Person::name).orElse(null);
            message = Message.digest(NotificationText.digestSubject(day, batch.size()), NotificationText.digestOpening(leader), batch);
        } else {
            message = Message.single(head.subject(), head.body(), head.link());
        }
        switch (head.channel()) {
            case MAIL -> {
                if (!s.mailEnabled()) {
                    throw new DeliveryException("收件人已关闭邮件通知", true);
                }
                Optional<String> to = planner.mailAddress(new DeliveryPlanner.Recipient(head.recipientKind(), head.recipient(), head.digest()), s);
                mail.send(to.orElseThrow(() -> new DeliveryException("收件人没有邮箱地址", true)), message);
            }
            case WEBHOOK -> {
                if (!s.webhookReady()) {
                    throw new DeliveryException("收件人已关闭或未配置群机器人", true);
                }
                webhook.send(s, message);
            }
        }
    }

    /** The wait after the n-th failure in a row: the first retry wait, doubled each time, at most the longest. */
    Duration backoff(int failures) {
        Duration wait = config.firstRetry();
        for (int i = 1; i < failures && wait.compareTo(config.maxRetry()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxRetry()) > 0 ? config.maxRetry() : wait;
    }

    String node() {
        return node;
    }
}
