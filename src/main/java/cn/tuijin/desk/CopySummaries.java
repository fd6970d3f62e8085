package cn.tuijin.desk;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import cn.tuijin.issue.Issue;
import cn.tuijin.issue.IssueCategory;
import cn.tuijin.project.Category;
import cn.tuijin.project.Stage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a copy shows of its project or issue (the one thing a copy lets its recipient read): the project's name,
 * stage, lead unit, leader, dates and light; an issue's category, description, level and state.
 */
@Component
class CopySummaries {

    /** A project as a copy shows it. */
    record ProjectSummary(String code, String name, String stage, String districtName, String leadUnitName, String leaderName,
                          LocalDate plannedStart, LocalDate actualStart, LocalDate plannedCompletion,
                          LocalDate actualCompletion, String light, String lightReason) {
    }

    /** An issue as a copy shows it. */
    record IssueSummary(String code, String category, String description, String supportNeeded, int level, String status,
                        String holderUnitName) {
    }

    /** A copy's subject in full. */
    record Summary(ProjectSummary project, IssueSummary issue) {
    }

    private final JdbcTemplate jdbc;

    CopySummaries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The one-line name of a copy's subject: the project's name, or the issue's code and the start of its text. */
    String title(Copy copy) {
        if (copy.subjectKind() == Copy.SubjectKind.ISSUE) {
            String text = jdbc.queryForList("select description from issue where code = ?", String.class, copy.subjectCode())
                    .stream().findFirst().orElse("");
            return copy.subjectCode() + " " + (text.length() > 30 ? text.substring(0, 30) + "…" : text);
        }
        return projectName(copy.projectCode());
    }

    String projectName(String code) {
        return jdbc.queryForList("select name from project where code = ?", String.class, code).stream().findFirst().orElse(code);
    }

    Summary of(Copy copy) {
        ProjectSummary project = project(copy.projectCode()).orElse(null);
        IssueSummary issue = copy.subjectKind() == Copy.SubjectKind.ISSUE ? issue(copy.subjectCode()).orElse(null) : null;
        return new Summary(project, issue);
    }

    private Optional<ProjectSummary> project(String code) {
        List<ProjectSummary> found = jdbc.query("""
                select p.*, d.name as district_name, u.name as unit_name, coalesce(l.name, p.leader_id) as leader_name,
                    g.light, g.reason
                from project p join district d on d.code = p.district_code join unit u on u.code = p.lead_unit_code
                left join person l on l.id = p.leader_id left join project_light g on g.project_code = p.code
                where p.code = ?""", (rs, i) -> new ProjectSummary(rs.getString("code"), rs.getString("name"),
                Stage.valueOf(rs.getString("stage")).label(Category.valueOf(rs.getString("category"))),
                rs.getString("district_name"), rs.getString("unit_name"), rs.getString("leader_name"),
                day(rs.getDate("planned_start_date")), day(rs.getDate("actual_start_date")),
                day(rs.getDate("planned_completion_date")), day(rs.getDate("actual_completion_date")),
                light(rs.getString("light")), rs.getString("reason")), code);
        return found.stream().findFirst();
    }

    private Optional<IssueSummary> issue(String code) {
        return jdbc.query("""
                select i.*, coalesce(u.name, i.holder_unit_code) as unit_name from issue i left join unit u on u.code = i.holder_unit_code
                where i.code = ?""", (rs, i) -> new IssueSummary(rs.getString("code"),
                IssueCategory.valueOf(rs.getString("category")).label(), rs.getString("description"), rs.getString("support_needed"),
                rs.getInt("current_level"), Issue.Status.valueOf(rs.getString("status")).label(), rs.getString("unit_name")), code)
                .stream().findFirst();
    }

    private static String light(String light) {
        if (light == null) {
            return null;
        }
        return switch (light) {
            case "GREEN" -> "绿灯";
            case "YELLOW" -> "黄灯";
            default -> "红灯";
        };
    }

    private static LocalDate day(java.sql.Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
