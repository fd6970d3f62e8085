package cn.tuijin.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import cn.tuijin.org.Callers;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.org.QueryFilters;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Extension requests over HTTP: a task's holder asks; anyone logged in can follow them and their counts per unit.
 */
@RestController
class ExtensionController {

    private final ExtensionService extensions;
    private final ProjectScope scope;
    private final Callers callers;
    private final QueryFilters filters;

    ExtensionController(ExtensionService extensions, ProjectScope scope, Callers callers, QueryFilters filters) {
        this.extensions = extensions;
        this.scope = scope;
        this.callers = callers;
        this.filters = filters;
    }

    /** What the holder sends: the new due date (yyyy-MM-dd) and why. */
    record Ask(String newDueDate, String reason) {
    }

    /** A request as the API shows it. */
    record View(long id, String taskId, String projectCode, String taskName, String unitCode, String requestedBy,
                Instant requestedAt, Instant oldDueAt, Instant newDueAt, String reason, boolean afterDeadline,
                String status, String statusLabel, String decidedBy, Instant decidedAt, String decisionNote) {

        static View of(ExtensionRequest r) {
            return new View(r.id(), r.taskId(), r.projectCode(), r.taskName(), r.unitCode(), r.requestedBy(),
                    r.requestedAt(), r.oldDueAt(), r.newDueAt(), r.reason(), r.afterDeadline(), r.status().name(),
                    r.status().label(), r.decidedBy(), r.decidedAt(), r.decisionNote());
        }
    }

    @PostMapping("/api/tasks/{taskId}/extension-requests")
    @ResponseStatus(HttpStatus.CREATED)
    View ask(@PathVariable String taskId, @RequestBody(required = false) Ask ask) {
        if (ask == null) {
            throw new InvalidInputException("body", "请提交延期申请（JSON）：「新的期限」和「延期理由」");
        }
        LocalDate date;
        try {
            date = ask.newDueDate() == null ? null : LocalDate.parse(ask.newDueDate().trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("newDueDate", "「新的期限」不是有效日期（格式：年-月-日，如 2026-12-18）");
        }
        return View.of(extensions.request(taskId, date, ask.reason()));
    }

    @GetMapping("/api/extension-requests")
    List<View> find(@RequestParam(required = false) String unit, @RequestParam(required = false) String project,
                    @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
                    @RequestParam(defaultValue = "50") int size) {
        Paging paging = new Paging(page, size);
        return extensions.find(visible(), filters.unit("unit", unit), filters.project("project", project),
                QueryFilters.choice("status", status, ExtensionRequest.Status.class), paging.offset(), size).stream().map(View::of).toList();
    }

    /** Requests per unit: requested, approved, rejected, after the deadline. */
    @GetMapping("/api/extension-requests/counts")
    List<ExtensionCount> counts() {
        return extensions.countsPerUnit(visible());
    }

    /** An officer sees his unit's requests, a contracting leader those of his projects, the others all. */
    private ProjectScope.Condition visible() {
        return scope.unitWork(callers.current(), "project_code", "unit_code");
    }
}
