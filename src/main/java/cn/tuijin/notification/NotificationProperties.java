package cn.tuijin.notification;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notices are delivered, from {@code tuijin.notifications}. SMTP itself is Spring Mail's {@code spring.mail.*};
 * webhook addresses and secrets are per unit in the settings table.
 *
 * @param baseUrl      the application's address as people reach it: links into Tasklist start with it
 * @param mailFrom     the sender address of mails
 * @param workingHours notices are sent within these hours of working days only; a notice outside them waits until
 *                     the start of the next working day (9:00 by default)
 * @param digestAt     a leader's overdue lines are sent together once a day, at this time of each working day
 * @param sender       the background sender
 * @param webhook      where group-robot calls may go
 */
@ConfigurationProperties("tuijin.notifications")
public record NotificationProperties(
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("tuijin@localhost") String mailFrom,
        @DefaultValue WorkingHours workingHours,
        @DefaultValue("09:00") LocalTime digestAt,
        @DefaultValue Sender sender,
        @DefaultValue Webhook webhook) {

    /**
     * @param enabled false: send at once, any day (the demo); a leader's digest then gathers a minute of lines
     */
    public record WorkingHours(@DefaultValue("true") boolean enabled, @DefaultValue("09:00") LocalTime start,
                               @DefaultValue("18:00") LocalTime end) {
    }

    /**
     * @param enabled        whether the scheduled sender runs (tests call it themselves)
     * @param interval       pause between two runs
     * @param batch          most messages one run sends
     * @param claim          how long a node holds the rows it is sending before another may take them
     * @param firstRetry     wait after the first failure of a destination; doubled after each further failure
     * @param maxRetry       the longest wait between two attempts (a channel that is down is tried at this pace)
     * @param webhookTimeout how long a webhook call may take
     */
    public record Sender(@DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration interval,
                         @DefaultValue("200") int batch, @DefaultValue("2m") Duration claim,
                         @DefaultValue("30s") Duration firstRetry, @DefaultValue("1h") Duration maxRetry,
                         @DefaultValue("10s") Duration webhookTimeout) {
    }

    /**
     * Where group-robot calls may go. A robot's address is checked when it is set and again before each call: https
     * only, no user name or password, a port of 1–65535, and a host none of whose addresses is loopback, private,
     * link-local, multicast, unspecified or reserved.
     *
     * @param allowHttp    also plain http:// (a test rig, the demo's own receiver); never in production
     * @param allowedHosts hosts (optionally {@code host:port}) exempt from the address check, e.g. a city's own
     *                     intranet robot {@code robot.zwy.gov.cn}; exactly these names, compared without case
     */
    public record Webhook(@DefaultValue("false") boolean allowHttp, @DefaultValue List<String> allowedHosts) {
    }
}
