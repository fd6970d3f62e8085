package cn.tuijin.notification;

import java.time.Instant;

/**
 * What is waiting to be delivered, for the dashboard and the meters.
 *
 * @param pending       not sent yet (waiting for working time, a digest, or a channel to come back)
 * @param due           of those, due now
 * @param failing       of those, waiting after a failed attempt (a channel is down or refuses)
 * @param failed        given up: nothing to send them to
 * @param oldestPending when the oldest unsent one was due
 */
public record NotificationBacklog(int pending, int due, int failing, int failed, Instant oldestPending) {
}
