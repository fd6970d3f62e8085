package cn.tuijin.calendar;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code calendar} in /actuator/health (details for administrators): always up — a missing year makes deadlines
 * provisional, not the node unhealthy — with the year whose holiday arrangement is missing, the open provisional
 * deadlines and the warning ({@link CalendarWarning}).
 */
@Component("calendarHealthIndicator")
class CalendarHealth implements HealthIndicator {

    private final CalendarWarning warning;

    CalendarHealth(CalendarWarning warning) {
        this.warning = warning;
    }

    @Override
    public Health health() {
        CalendarWarning.Status status = warning.current();
        Health.Builder health = Health.up();
        if (status.warning()) {
            health.withDetail("missingYear", status.missingYear());
        }
        return health.withDetail("provisionalDeadlines", status.provisionalDeadlines())
                .withDetail("message", status.warning() ? status.message() : "节假日安排已录入")
                .build();
    }
}
