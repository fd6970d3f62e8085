package cn.tuijin.notification;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import cn.tuijin.notification.NotificationOutbox.Event;
import cn.tuijin.notification.NotificationSettings.OwnerKind;
import cn.tuijin.notification.NotificationSettings.WebhookFormat;
import cn.tuijin.notification.NotificationSettings.WebhookKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The settings table, one row per person or unit that changed its defaults. */
@Repository
class SettingsRepository {

    private static final RowMapper<NotificationSettings> ROW = (rs, i) -> new NotificationSettings(
            OwnerKind.valueOf(rs.getString("owner_kind")), rs.getString("owner_id"), rs.getBoolean("mail_enabled"),
            rs.getString("mail_address"), rs.getBoolean("webhook_enabled"),
            rs.getString("webhook_kind") == null ? null : WebhookKind.valueOf(rs.getString("webhook_kind")),
            rs.getString("webhook_format") == null ? null : WebhookFormat.valueOf(rs.getString("webhook_format")),
            rs.getString("webhook_url"), rs.getString("webhook_secret"), events(rs.getString("events")),
            rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    SettingsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<NotificationSettings> find(OwnerKind kind, String id) {
        return jdbc.query("select * from notification_setting where owner_kind = ? and owner_id = ?", ROW, kind.name(), id)
                .stream().findFirst();
    }

    NotificationSettings person(String userId) {
        return find(OwnerKind.PERSON, userId).orElseGet(() -> NotificationSettings.personDefault(userId));
    }

    NotificationSettings unit(String unitCode) {
        return find(OwnerKind.UNIT, unitCode).orElseGet(() -> NotificationSettings.unitDefault(unitCode));
    }

    /** Writes the settings (update, or insert when there is no row yet). */
    void save(NotificationSettings s) {
        Object[] values = {s.mailEnabled(), s.mailAddress(), s.webhookEnabled(),
                s.webhookKind() == null ? null : s.webhookKind().name(),
                s.webhookFormat() == null ? null : s.webhookFormat().name(), s.webhookUrl(), s.webhookSecret(),
                s.events().stream().map(Enum::name).collect(Collectors.joining(",")), s.updatedBy(),
                Timestamp.from(s.updatedAt()), s.ownerKind().name(), s.ownerId()};
        int updated = jdbc.update("""
                update notification_setting set mail_enabled = ?, mail_address = ?, webhook_enabled = ?, webhook_kind = ?,
                    webhook_format = ?, webhook_url = ?, webhook_secret = ?, events = ?, updated_by = ?, updated_at = ?
                where owner_kind = ? and owner_id = ?""", values);
        if (updated == 0) {
            jdbc.update("""
                    insert into notification_setting (mail_enabled, mail_address, webhook_enabled, webhook_kind, webhook_format,
                        webhook_url, webhook_secret, events, updated_by, updated_at, owner_kind, owner_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", values);
        }
    }

    private static Set<Event> events(String list) {
        Set<Event> events = EnumSet.noneOf(Event.class);
        if (list != null && !list.isBlank()) {
            Arrays.stream(list.split(",")).map(String::trim).filter(e -> !e.isEmpty()).forEach(e -> {
                try {
                    events.add(Event.valueOf(e));
                } catch (IllegalArgumentException dropped) {
                    // an event that no longer exists
                }
            });
        }
        return events;
    }
}
