package cn.tuijin.desk;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo city's tasks and projects the desk's tests work on, found as of the engine clock, and the clean-up after
 * them (urges, copies and the urges' notices; the units' robots).
 */
final class DeskTestData {

    private final JdbcTemplate jdbc;

    DeskTestData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Open, unpaused, overdue tasks of 住建局 (zjj) nobody has claimed, the earliest due first. */
    List<String> overdueUnclaimedZjjTasks(Instant now) {
        return jdbc.queryForList("""
                select d.task_id from task_deadline d join act_ru_task t on t.id_ = d.task_id
                where d.status = 'OPEN' and d.paused_at is null and d.holder_unit_code = 'zjj' and d.holder_user_id = ''
                  and t.assignee_ is null and d.due_at < ?
                order by d.due_at, d.task_id""", String.class, Timestamp.from(now));
    }

    /** An open task of a project led by the leader, held by a unit. */
    String openTaskOfProjectLedBy(String leader) {
        return jdbc.queryForList("""
                select d.task_id from task_deadline d join project p on p.code = d.project_code
                where d.status = 'OPEN' and p.leader_id = ? and d.holder_user_id = '' and d.holder_unit_code in (select code from unit)
                order by d.due_at, d.task_id""", String.class, leader).get(0);
    }

    String projectNotLedBy(String leader) {
        return jdbc.queryForList("select code from project where leader_id is null or leader_id <> ? order by code", String.class, leader).get(0);
    }

    String projectLedBy(String leader) {
        return jdbc.queryForList("select code from project where leader_id = ? order by code", String.class, leader).get(0);
    }

    String projectOf(String taskId) {
        return jdbc.queryForObject("select project_code from task_deadline where task_id = ?", String.class, taskId);
    }

    int urges(String taskId) {
        return count("select count(*) from desk_urge where task_id = ?", taskId);
    }

    /** The urges' notices about the task in the outbox. */
    int urgeNotices(String taskId) {
        return count("select count(*) from notification_outbox where event = 'URGED' and task_id = ?", taskId);
    }

    int copies() {
        return count("select count(*) from desk_cc");
    }

    int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    void cleanUp() {
        jdbc.update("delete from notification_delivery where event = 'URGED'");
        jdbc.update("delete from notification_outbox where event = 'URGED'");
        jdbc.update("delete from desk_urge");
        jdbc.update("delete from desk_cc_read");
        jdbc.update("delete from desk_cc");
        jdbc.update("delete from notification_setting");
    }
}
