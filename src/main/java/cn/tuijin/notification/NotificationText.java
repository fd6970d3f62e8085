package cn.tuijin.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.org.Person;
import cn.tuijin.org.ProjectDirectory.ProjectSummary;
import cn.tuijin.org.Unit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Chinese text of a notice: what happened, the project, the task, its deadline with the working days left or
 * late as of the day it is sent, and a link into Tasklist; and a leader's digest line.
 */
@Component
class NotificationText {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    static final String TASKLIST = "/camunda/app/tasklist/default/";

    private final JdbcTemplate jdbc;
    private final WorkingDayCalendar calendar;
    private final String baseUrl;

    NotificationText(JdbcTemplate jdbc, WorkingDayCalendar calendar,
                     NotificationProperties properties) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.baseUrl = properties.baseUrl().replaceAll("/+$", "");
    }

    /** A notice's subject, body and link. */
    record Text(String subject, String body, String link) {
    }

    /** The task a notice is about, as the deadline table knows it. */
    record Task(String name, Instant dueAt, String unitCode, String userId) {
    }

    /** The notice as its recipient reads it on {@code sendAt}. */
    Text notice(DeliveryPlanner.Notice n, Instant sendAt, DeliveryPlanner.Lookups lookups) {
        List<String> lines = new ArrayList<>();
        lookups.project(n.projectCode()).ifPresent(p -> lines.add("项目：" + p.code() + " " + p.name()));
        Optional<Task> task = lookups.task(n.taskId());
        task.ifPresent(t -> {
            lines.add("任务：" + t.name());
            lines.add("期限：" + DAY.format(day(t.dueAt())) + "（" + standing(t.dueAt(), sendAt) + "）");
        });
        lines.add(n.body());
        return new Text("【推进】" + n.subject(), String.join("\n", lines), link(n, task.isPresent()));
    }

    /** One line of a leader's digest: the project, the task, its deadline, the working days late, who holds it. */
    Text digestLine(DeliveryPlanner.Notice n, Instant sendAt, DeliveryPlanner.Lookups lookups) {
        StringBuilder line = new StringBuilder();
        Optional<ProjectSummary> project = lookups.project(n.projectCode());
        project.ifPresentOrElse(p -> line.append(p.code()).append(" ").append(p.name()),
                () -> line.append(n.projectCode() == null ? "" : n.projectCode()));
        Optional<Task> task = lookups.task(n.taskId());
        if (task.isPresent()) {
            Task t = task.get();
            // Task names end with their project's name (申报开工｜临江大道快速化改造): the line names it once.
            String name = project.map(p -> t.name().replaceAll("｜" + java.util.regex.Pattern.quote(p.name()) + "$", "")).orElse(t.name());
            line.append("｜").append(name).append("｜期限 ").append(DAY.format(day(t.dueAt()))).append("，")
                    .append(standing(t.dueAt(), sendAt)).append("｜责任单位 ")
                    .append(lookups.unit(t.unitCode()).map(Unit::name).orElse(t.unitCode()));
            if (!t.userId().isEmpty()) {
                line.append("（经办人 ").append(lookups.person(t.userId()).map(Person::name).orElse(t.userId())).append("）");
            }
        } else {
            line.append("｜").append(n.subject());
        }
        return new Text("【推进】" + n.subject(), line.toString(), link(n, task.isPresent()));
    }

    /** The subject and opening of a leader's digest of {@code lines} lines sent on {@code day}. */
    static String digestSubject(LocalDate day, int lines) {
        return "【推进】逾期事项日报（" + DAY.format(day) + "）：" + lines + " 项已逾期";
    }

    static String digestOpening(String leaderName) {
        return (leaderName == null ? "" : leaderName + "同志：") + "您分包的项目有以下事项已逾期，请督促责任单位办理。";
    }

    /** 还剩 3 个工作日, 今天到期, 已逾期 2 个工作日, as of the day the notice is sent. */
    String standing(Instant dueAt, Instant sendAt) {
        LocalDate due = day(dueAt);
        LocalDate today = day(sendAt);
        if (!dueAt.isAfter(sendAt)) {
            int late = calendar.workingDaysBetween(due, today);
            return late <= 0 ? "已逾期" : "已逾期 " + late + " 个工作日";
        }
        int left = calendar.workingDaysBetween(today, due);
        return left == 0 ? "今天到期" : "还剩 " + left + " 个工作日";
    }

    private String link(DeliveryPlanner.Notice n, boolean taskKnown) {
        if (taskKnown) {
            return baseUrl + TASKLIST + "#/?task=" + n.taskId();
        }
        return baseUrl + (n.linkPath() != null ? n.linkPath() : TASKLIST);
    }

    Optional<Task> task(String taskId) {
        return jdbc.query("select task_name, due_at, holder_unit_code, holder_user_id from task_deadline where task_id = ?",
                (rs, i) -> new Task(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getString(4)), taskId).stream().findFirst();
    }

    /** Several tasks at once (at most a few hundred: one IN list), by id. */
    Map<String, Task> tasks(List<String> taskIds) {
        Map<String, Task> tasks = new HashMap<>();
        jdbc.query("select task_id, task_name, due_at, holder_unit_code, holder_user_id from task_deadline where task_id in ("
                        + String.join(", ", java.util.Collections.nCopies(taskIds.size(), "?")) + ")",
                rs -> {
                    tasks.put(rs.getString(1), new Task(rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)));
                }, taskIds.toArray());
        return tasks;
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, WorkingDayCalendar.ZONE);
    }
}
