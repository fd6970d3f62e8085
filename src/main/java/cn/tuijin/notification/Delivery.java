package cn.tuijin.notification;

import java.time.Instant;

import cn.tuijin.notification.NotificationOutbox.Event;
import cn.tuijin.notification.NotificationSettings.OwnerKind;

/**
 * One message to one recipient by one channel, or one line of a leader's digest.
 *
 * @param destination channel and recipient (and DIGEST): the messages of one destination go out in id order
 * @param notBefore   the earliest time it may be sent (working time)
 * @param attempts    failed attempts so far
 */
record Delivery(long id, long outboxId, Event event, String projectCode, OwnerKind recipientKind, String recipient,
                Channel channel, String destination, boolean digest, String subject, String body, String link,
                Instant createdAt, Instant notBefore, Status status, int attempts, Instant nextAttemptAt, String lastError,
                Instant sentAt) {

    enum Status {
        /** Not sent yet: waiting for its time, or for a channel that failed to come back. */
        PENDING,
        SENT,
        /** Nothing to send it to (no address, channel switched off): given up. */
        FAILED,
        /** No longer true when its turn came: the task it is about was withdrawn or cancelled first. Not sent. */
        DROPPED
    }
}
