package cn.tuijin.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import cn.tuijin.org.Callers;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.org.QueryFilters;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.Paging;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Supervision notices over HTTP: supervisors issue them; anyone logged in can follow them and their timelines.
 */
@RestController
class NoticeController {

    private final NoticeService notices;
    private final QueryFilters filters;

    private final ProjectScope scope;
    private final Callers callers;

    NoticeController(NoticeService notices, ProjectScope scope, Callers callers, QueryFilters filters) {
        this.scope = scope;
        this.callers = callers;
        this.notices = notices;
        this.filters = filters;
    }

    /** What a supervisor sends: the overdue task, the requirement, and working days or a date (yyyy-MM-dd), or neither. */
    record Issue(String taskId, Integer workingDays, String dueDate, String requirement) {
    }

    /** A notice as the API shows it. */
    record View(long id, String number, String projectCode, String taskId, String itemName, Instant itemDueAt,
                String unitCode, String issuedBy, Instant issuedAt, String requirement, Integer workingDays, Instant dueAt,
                String status, String statusLabel, String answer, String answeredBy, Instant answeredAt, int answerCount,
                String reviewNote, String reviewedBy, Instant reviewedAt, Instant closedAt, boolean raisedToLeader,
                Instant raisedAt, String leaderId) {

        static View of(Notice n) {
            return new View(n.id(), n.number(), n.projectCode(), n.taskId(), n.itemName(), n.itemDueAt(), n.unitCode(),
                    n.issuedBy(), n.issuedAt(), n.requirement(), n.workingDays(), n.dueAt(), n.status().name(),
                    n.status().label(), n.answer(), n.answeredBy(), n.answeredAt(), n.answerCount(), n.reviewNote(),
                    n.reviewedBy(), n.reviewedAt(), n.closedAt(), n.raisedToLeader(), n.raisedAt(), n.leaderId());
        }
    }

    /** A step of the timeline. */
    record Step(Instant at, String kind, String kindLabel, String actor, String unitCode, String text) {
    }

    /** One notice with its timeline. */
    record Detail(@JsonUnwrapped View notice, List<Step> timeline) {
    }

    @PostMapping("/api/notices")
    @ResponseStatus(HttpStatus.CREATED)
    Detail issue(@RequestBody(required = false) Issue issue) {
        if (issue == null) {
            throw new InvalidInputException("body", "请提交督办单（JSON）：逾期事项（taskId）和「整改要求」");
        }
        LocalDate date;
        try {
            date = issue.dueDate() == null || issue.dueDate().isBlank() ? null : LocalDate.parse(issue.dueDate().trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("dueDate", "「整改截止日期」不是有效日期（格式：年-月-日，如 2026-12-18）");
        }
        return get(notices.issue(issue.taskId(), issue.workingDays(), date, issue.requirement()).id());
    }

    @GetMapping("/api/notices/{id}")
    Detail get(@PathVariable long id) {
        Notice notice = notices.get(id);
        if (!scope.seesUnitWork(callers.current(), notice.projectCode(), notice.unitCode())) {
            throw new ForbiddenException("督办单 " + notice.number() + " 不是下发给本单位的，无权查看");
        }
        List<Step> steps = notices.events(id).stream()
                .map(e -> new Step(e.at(), e.kind().name(), e.kind().label(), e.actor(), e.unitCode(), e.text())).toList();
        return new Detail(View.of(notice), steps);
    }

    @GetMapping("/api/notices")
    List<View> find(@RequestParam(required = false) String unit, @RequestParam(required = false) String project,
                    @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
                    @RequestParam(defaultValue = "50") int size) {
        Paging paging = new Paging(page, size);
        ProjectScope.Condition visible = scope.unitWork(callers.current(), "project_code", "unit_code");
        return notices.find(visible, filters.unit("unit", unit), filters.project("project", project),
                QueryFilters.choice("status", status, Notice.Status.class), paging.offset(), paging.size()).stream().map(View::of).toList();
    }
}
