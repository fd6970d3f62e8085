package cn.tuijin.notification;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import cn.tuijin.notification.NotificationOutbox.Event;

/**
 * Which events a person or a unit wants, and by which channels: mail (to {@code mailAddress}, for a person by
 * default the ledger's address) and a group robot's webhook (DingTalk or WeCom).
 */
record NotificationSettings(
        OwnerKind ownerKind,
        String ownerId,
        boolean mailEnabled,
        String mailAddress,
        boolean webhookEnabled,
        WebhookKind webhookKind,
        WebhookFormat webhookFormat,
        String webhookUrl,
        String webhookSecret,
        Set<Event> events,
        String updatedBy,
        Instant updatedAt) {

    enum OwnerKind { PERSON, UNIT }

    enum WebhookKind { DINGTALK, WECOM }

    enum WebhookFormat { TEXT, MARKDOWN }

    NotificationSettings {
        events = events.isEmpty() ? EnumSet.noneOf(Event.class) : EnumSet.copyOf(events);
    }

    /** A person without settings: every event by mail to the ledger's address. */
    static NotificationSettings personDefault(String userId) {
        return new NotificationSettings(OwnerKind.PERSON, userId, true, null, false, null, null, null, null,
                EnumSet.allOf(Event.class), null, null);
    }

    /** A unit without settings: no channel of its own (its people are told instead), every event. */
    static NotificationSettings unitDefault(String unitCode) {
        return new NotificationSettings(OwnerKind.UNIT, unitCode, false, null, false, null, null, null, null,
                EnumSet.allOf(Event.class), null, null);
    }

    boolean wants(Event event) {
        return events.contains(event);
    }

    boolean webhookReady() {
        return webhookEnabled && webhookUrl != null && !webhookUrl.isBlank();
    }

    /** Whether the unit has a channel of its own (else its people are told). */
    boolean hasOwnChannel() {
        return webhookReady() || (mailEnabled && mailAddress != null && !mailAddress.isBlank());
    }
}
