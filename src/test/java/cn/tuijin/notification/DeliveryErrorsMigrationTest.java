package cn.tuijin.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import cn.tuijin.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V13 on H2 and on PostgreSQL: deliveries that failed before issue 14 keep the reason of their error and lose what
 * the robot answered; other errors stay as they were.
 */
class DeliveryErrorsMigrationTest {

    private static final Map<String, String> BEFORE_AND_AFTER = Map.of(
            "群机器人返回 HTTP 500：{\"Code\":\"Success\",\"AccessKeyId\":\"ASIA…\",\"SecretAccessKey\":\"…\"}", "群机器人返回 HTTP 500",
            "群机器人返回 HTTP 404：<html>ami-id\ninstance-id</html>", "群机器人返回 HTTP 404",
            "群机器人拒收（errcode 310000）：sign not match, more: [https://ding-doc…]", "群机器人拒收",
            "群机器人无法连接：java.net.ConnectException: Connection refused to 10.0.0.7:6379", "群机器人无法连接",
            "收件人没有邮箱地址", "收件人没有邮箱地址",
            "邮件发送失败：Mail server connection failed", "邮件发送失败：Mail server connection failed");

    private void migrate(DriverManagerDataSource database) {
        Flyway before = Flyway.configure().dataSource(database).locations("classpath:db/migration").target("12").load();
        before.migrate();
        JdbcTemplate jdbc = new JdbcTemplate(database);
        int n = 0;
        for (String error : BEFORE_AND_AFTER.keySet()) {
            n++;
            jdbc.update("""
                    insert into notification_delivery (outbox_id, dedupe_key, event, recipient_kind, recipient, channel, destination,
                        digest, subject, body, created_at, not_before, status, attempts, last_error)
                    values (1, ?, 'OVERDUE', 'UNIT', 'zjj', 'WEBHOOK', 'WEBHOOK:UNIT:zjj', false, 's', 'b', current_timestamp,
                        current_timestamp, 'PENDING', 1, ?)""", "k" + n, error);
        }
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        List<Map<String, Object>> rows = jdbc.queryForList("select dedupe_key, last_error from notification_delivery order by id");
        n = 0;
        for (String error : BEFORE_AND_AFTER.keySet()) {
            n++;
            assertThat(rows.get(n - 1).get("last_error")).as(error).isEqualTo(BEFORE_AND_AFTER.get(error));
        }
    }

    @Test
    void onH2() {
        migrate(new DriverManagerDataSource("jdbc:h2:mem:v12;DB_CLOSE_DELAY=-1", "sa", ""));
    }

    /** In the build's PostgreSQL run, with the other tests written for PostgreSQL. */
    @Test
    @Tag("postgresql")
    void onPostgreSql() {
        Map<String, Object> database = TestPostgres.newDatabase();
        migrate(new DriverManagerDataSource((String) database.get("spring.datasource.url"),
                (String) database.get("spring.datasource.username"), (String) database.get("spring.datasource.password")));
    }
}
