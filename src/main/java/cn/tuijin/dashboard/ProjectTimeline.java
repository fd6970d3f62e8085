package cn.tuijin.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.project.ProjectLifecycle;
import cn.tuijin.system.NotFoundException;
import cn.tuijin.system.SystemActions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

/**
 * A project as the supervisor drills down into it: everything that happened, in order (stages, claims, reports,
 * issues, extensions, accountability records, supervision notices), and its lifecycle diagram with the current
 * activities.
 */
@Service
public class ProjectTimeline {

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final RepositoryService repository;
    private final SystemActions system;
    private final OrgDirectory org;

    ProjectTimeline(JdbcTemplate jdbc, RuntimeService runtime, HistoryService history, RepositoryService repository,
                    SystemActions system, OrgDirectory org) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.history = history;
        this.repository = repository;
        this.system = system;
        this.org = org;
    }

    /** The lifecycle diagram of the project, and the activities active now. */
    public record Diagram(String processInstanceId, String processDefinitionId, boolean ended, String xml, List<String> activeActivityIds) {
    }

    public List<TimelineEntry> timeline(String code) {
        requireProject(code);
        List<TimelineEntry> entries = new ArrayList<>();
        java.util.function.UnaryOperator<String> name = names();
        jdbc.query("select * from project where code = ?", rs -> {
            stage(entries, "签约", rs.getDate("planned_sign_date"), rs.getDate("actual_sign_date"));
            stage(entries, "开工", rs.getDate("planned_start_date"), rs.getDate("actual_start_date"));
            stage(entries, "竣工", rs.getDate("planned_completion_date"), rs.getDate("actual_completion_date"));
            stage(entries, "投产（投用）", rs.getDate("planned_operation_date"), rs.getDate("actual_operation_date"));
        }, code);
        jdbc.query("select * from stage_claim where project_code = ? order by id", rs -> {
            String m = milestone(rs.getString("milestone"));
            entries.add(new TimelineEntry(rs.getTimestamp("claimed_at").toInstant(), "CLAIM", "申报", name.apply(rs.getString("claimed_by")) + " 申报" + m));
            if ("WITHDRAWN".equals(rs.getString("decision"))) {
                entries.add(new TimelineEntry(rs.getTimestamp("decided_at").toInstant(), "CLAIM", "撤回",
                        name.apply(rs.getString("decided_by")) + " 撤回" + m + "申报（未核验），申报任务退回申报人"));
            } else if (rs.getTimestamp("decided_at") != null) {
                boolean ok = "APPROVED".equals(rs.getString("decision"));
                entries.add(new TimelineEntry(rs.getTimestamp("decided_at").toInstant(), "CLAIM", "核验",
                        name.apply(rs.getString("decided_by")) + (ok ? " 核验通过：" + m : " 退回" + m + "申报：" + rs.getString("return_reason"))));
            }
        }, code);
        jdbc.query("select * from monthly_report where project_code = ? order by period", (RowCallbackHandler) rs -> entries.add(new TimelineEntry(
                rs.getTimestamp("reported_at").toInstant(), "REPORT", "月度调度", rs.getString("period") + " 月报：本月完成投资 "
                + rs.getBigDecimal("month_investment").toPlainString() + " 万元，本年 " + rs.getBigDecimal("year_to_date").toPlainString()
                + " 万元（序时进度 " + rs.getBigDecimal("schedule_expected").toPlainString() + " 万元），形象进度 " + rs.getInt("progress_percent") + "%")), code);
        jdbc.query("""
                select e.issue_code, e.occurred_at, e.kind, e.actor, e.text from issue_event e join issue i on i.code = e.issue_code
                where i.project_code = ? order by e.id""", (RowCallbackHandler) rs -> entries.add(new TimelineEntry(rs.getTimestamp("occurred_at").toInstant(),
                "ISSUE", "问题", rs.getString("issue_code") + "（" + name.apply(rs.getString("actor")) + "）：" + rs.getString("text"))), code);
        jdbc.query("select * from extension_request where project_code = ? order by id", (RowCallbackHandler) rs -> entries.add(new TimelineEntry(
                rs.getTimestamp("requested_at").toInstant(), "EXTENSION", "延期申请", name.apply(rs.getString("requested_by")) + " 申请「"
                + rs.getString("task_name") + "」延期，理由：" + rs.getString("reason") + "（" + status(rs.getString("status")) + "）")), code);
        jdbc.query("""
                select t.*, coalesce(f.name, t.from_unit_code) as from_name, coalesce(d.name, t.to_unit_code) as to_name
                from task_transfer t left join unit f on f.code = t.from_unit_code left join unit d on d.code = t.to_unit_code
                where t.project_code = ? order by t.id""", (RowCallbackHandler) rs -> transfer(entries, rs, name), code);
        jdbc.query("""
                select a.*, coalesce(u.name, a.holder_unit_code) as unit_name, coalesce(p.name, a.holder_user_id) as holder_name,
                    coalesce(d.name, a.acting_user_id) as acting_name
                from accountability_record a left join unit u on u.code = a.holder_unit_code left join person p on p.id = a.holder_user_id
                left join person d on d.id = a.acting_user_id
                where a.project_code = ? order by a.id""", (RowCallbackHandler) rs -> entries.add(new TimelineEntry(
                rs.getTimestamp("detected_at").toInstant(), "ACCOUNTABILITY", "问责记录", "「" + rs.getString("task_name") + "」逾期，责任单位 "
                + rs.getString("unit_name") + (rs.getString("holder_user_id").isEmpty() ? "" : "，经办人 " + rs.getString("holder_name"))
                + (rs.getString("acting_user_id").isEmpty() ? "" : "（委托 " + rs.getString("acting_name") + " 代办）")
                + (rs.getObject("working_days_late") == null ? "" : "，已办结，逾期 " + rs.getInt("working_days_late") + " 个工作日"))), code);
        jdbc.query("""
                select i.imported_by, i.imported_at, i.file_name, i.past_deadlines_mode, ip.action from ledger_import_project ip
                join ledger_import i on i.id = ip.import_id where ip.project_code = ? and ip.action <> 'UNCHANGED' order by i.id""",
                (RowCallbackHandler) rs -> entries.add(new TimelineEntry(rs.getTimestamp("imported_at").toInstant(), "IMPORT",
                        "台账导入", name.apply(rs.getString("imported_by")) + " 导入台账「" + rs.getString("file_name") + "」"
                        + ("CREATED".equals(rs.getString("action")) ? "，新建本项目" : "，更新本项目")
                        + ("BEFORE_IMPORT".equals(rs.getString("past_deadlines_mode")) ? "；导入前已超过计划日期的节点记为导入前已逾期，不追责"
                        : "CHARGED".equals(rs.getString("past_deadlines_mode")) ? "；导入前已超过计划日期的节点按逾期追责" : ""))), code);
        jdbc.query("select task_name, due_at from task_deadline where project_code = ? and before_import order by due_at",
                (RowCallbackHandler) rs -> entries.add(new TimelineEntry(rs.getTimestamp("due_at").toInstant(), "BEFORE_IMPORT",
                        "导入前已逾期", "「" + rs.getString("task_name") + "」期限 "
                        + LocalDate.ofInstant(rs.getTimestamp("due_at").toInstant(), WorkingDayCalendar.ZONE)
                        + " 在项目导入台账前已过：记为导入前已逾期，不计入责任单位逾期，不记问责")), code);
        jdbc.query("""
                select n.number, e.occurred_at, e.actor, e.text from notice_event e join notice n on n.id = e.notice_id
                where n.project_code = ? order by e.id""", (RowCallbackHandler) rs -> entries.add(new TimelineEntry(
                rs.getTimestamp("occurred_at").toInstant(), "NOTICE", "督办", rs.getString("number") + "（" + name.apply(rs.getString("actor"))
                + "）：" + rs.getString("text"))), code);
        jdbc.query("""
                select f.*, coalesce(p.name, f.uploaded_by) as uploader from evidence_file f left join person p on p.id = f.uploaded_by
                where f.project_code = ? order by f.id""", (RowCallbackHandler) rs -> {
            String file = evidenceKind(rs.getString("kind")) + "「" + rs.getString("file_name") + "」（" + rs.getString("task_name") + "）";
            entries.add(new TimelineEntry(rs.getTimestamp("uploaded_at").toInstant(), "EVIDENCE", "附件", rs.getString("uploader")
                    + " 上传" + file));
            if (rs.getTimestamp("deleted_at") != null) {
                entries.add(new TimelineEntry(rs.getTimestamp("deleted_at").toInstant(), "EVIDENCE", "附件", rs.getString("uploader")
                        + " 删除" + file));
            }
        }, code);
        // The desk's urges and copies (desk_urge, desk_cc): who pressed or informed whom, and what they wrote.
        jdbc.query("""
                select d.*, coalesce(p.name, d.urged_by) as urger, coalesce(u.name, d.holder_unit_code) as unit_name
                from desk_urge d left join person p on p.id = d.urged_by left join unit u on u.code = d.holder_unit_code
                where d.project_code = ? order by d.id""", (RowCallbackHandler) rs -> entries.add(new TimelineEntry(
                rs.getTimestamp("urged_at").toInstant(), "URGE", "催办", rs.getString("urger") + " 催办"
                + (rs.getString("issue_code") == null ? "" : "问题 " + rs.getString("issue_code") + " 的") + "「"
                + rs.getString("task_name") + "」（责任单位 " + rs.getString("unit_name") + "）"
                + (rs.getString("note") == null ? "" : "：" + rs.getString("note")))), code);
        jdbc.query("""
                select c.*, coalesce(p.name, c.sent_by) as sender, coalesce(u.name, r.name, c.recipient) as recipient_name
                from desk_cc c left join person p on p.id = c.sent_by left join unit u on c.recipient_kind = 'UNIT' and u.code = c.recipient
                left join person r on c.recipient_kind = 'PERSON' and r.id = c.recipient
                where c.project_code = ? order by c.id""", (RowCallbackHandler) rs -> entries.add(new TimelineEntry(
                rs.getTimestamp("sent_at").toInstant(), "COPY", "抄送", rs.getString("sender") + " 将"
                + ("ISSUE".equals(rs.getString("subject_kind")) ? "问题 " + rs.getString("subject_code") : "本项目") + "抄送给 "
                + rs.getString("recipient_name") + (rs.getString("note") == null ? "" : "：" + rs.getString("note")))), code);
        jdbc.query("""
                select w.*, coalesce(a.name, w.delegate_id) as delegate_name, coalesce(b.name, w.delegator_id) as delegator_name
                from delegated_work w left join person a on a.id = w.delegate_id left join person b on b.id = w.delegator_id
                where w.project_code = ? order by w.id""", (RowCallbackHandler) rs -> entries.add(new TimelineEntry(
                rs.getTimestamp("completed_at").toInstant(), "DELEGATION", "代办", rs.getString("delegate_name") + " 代 "
                + rs.getString("delegator_name") + " 办理「" + rs.getString("task_name") + "」")), code);
        entries.sort(Comparator.comparing(TimelineEntry::at));
        return entries;
    }

    public Diagram diagram(String code) {
        requireProject(code);
        return system.asSystem(() -> {
            HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                    .processDefinitionKey(ProjectLifecycle.KEY).processInstanceBusinessKey(code)
                    .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst()
                    .orElseThrow(() -> new NotFoundException("项目 " + code + " 没有全周期流程（储备项目或已投产项目）"));
            boolean ended = instance.getEndTime() != null;
            List<String> active = ended ? List.of() : runtime.getActiveActivityIds(instance.getId());
            try (InputStream xml = repository.getProcessModel(instance.getProcessDefinitionId())) {
                return new Diagram(instance.getId(), instance.getProcessDefinitionId(), ended,
                        new String(xml.readAllBytes(), StandardCharsets.UTF_8), active);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * People by name, as the timeline shows them (a login id only for someone no longer in the directory); the
     * application's own actions as 系统. Each id is looked up once per timeline.
     */
    private java.util.function.UnaryOperator<String> names() {
        Map<String, String> known = new HashMap<>();
        return id -> id == null || id.isEmpty() ? "" : "system".equals(id) ? "系统" : known.computeIfAbsent(id, org::displayName);
    }

    private void requireProject(String code) {
        Integer n = jdbc.queryForObject("select count(*) from project where code = ?", Integer.class, code);
        if (n == null || n == 0) {
            throw new NotFoundException("项目 " + code + " 不存在");
        }
    }

    /** A transfer request (申请转办), and its decision once made. */
    private static void transfer(List<TimelineEntry> entries, java.sql.ResultSet rs, java.util.function.UnaryOperator<String> name)
            throws java.sql.SQLException {
        String task = "「" + rs.getString("task_name") + "」";
        entries.add(new TimelineEntry(rs.getTimestamp("requested_at").toInstant(), "TRANSFER", "申请转办",
                name.apply(rs.getString("requested_by")) + " 申请将" + task + "由" + rs.getString("from_name") + "转交" + rs.getString("to_name")
                        + "办理，理由：" + rs.getString("reason")));
        if (rs.getTimestamp("decided_at") != null) {
            String decision = switch (rs.getString("status")) {
                case "APPROVED" -> " 同意转办：" + task + "自此由" + rs.getString("to_name") + "办理，期限不变";
                case "OBSOLETE" -> " 同意转办，但" + task + "已办结，未转交";
                default -> " 不同意转办" + task + "：" + rs.getString("decision_note");
            };
            entries.add(new TimelineEntry(rs.getTimestamp("decided_at").toInstant(), "TRANSFER", "转办审批",
                    name.apply(rs.getString("decided_by")) + decision));
        }
    }

    private static void stage(List<TimelineEntry> entries, String name, java.sql.Date planned, java.sql.Date actual) {
        if (planned != null) {
            entries.add(new TimelineEntry(start(planned.toLocalDate()), "STAGE", "计划", "计划" + name + "：" + planned.toLocalDate()));
        }
        if (actual != null) {
            entries.add(new TimelineEntry(start(actual.toLocalDate()), "STAGE", "实际", "实际" + name + "：" + actual.toLocalDate()));
        }
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
    }

    private static String milestone(String m) {
        return switch (m) {
            case "SIGNING" -> "签约";
            case "START" -> "开工";
            case "COMPLETION" -> "竣工";
            default -> "投产（投用）";
        };
    }

    private static String evidenceKind(String kind) {
        return switch (kind) {
            case "CONTRACT" -> "合同扫描件";
            case "PERMIT" -> "施工许可证";
            case "ACCEPTANCE" -> "竣工验收报告";
            case "SITE_PHOTO" -> "形象进度照片";
            default -> "附件";
        };
    }

    private static String status(String s) {
        return switch (s) {
            case "APPROVED" -> "已同意";
            case "REJECTED" -> "已驳回";
            case "PENDING" -> "待审批";
            default -> "任务已办结";
        };
    }

}
