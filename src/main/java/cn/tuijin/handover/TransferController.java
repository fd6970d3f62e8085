package cn.tuijin.handover;

import java.time.Instant;
import java.util.List;

import cn.tuijin.org.Caller;
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
 * Transfer requests over HTTP: a task's holder asks (from Tasklist's 申请转办); the requests of a task, the list and
 * the counts per unit for whoever sees the units' work; the units to choose from.
 */
@RestController
class TransferController {

    private final TransferService transfers;
    private final ProjectScope scope;
    private final Callers callers;
    private final QueryFilters filters;

    TransferController(TransferService transfers, ProjectScope scope, Callers callers, QueryFilters filters) {
        this.transfers = transfers;
        this.scope = scope;
        this.callers = callers;
        this.filters = filters;
    }

    /** What the holder sends: the unit that should do the task (its code, from the list of units) and why. */
    record Ask(String toUnitCode, String reason) {
    }

    /** A request as the API shows it. */
    record View(long id, String taskId, String projectCode, String taskName, String fromUnitCode, String fromUnitName,
                String toUnitCode, String toUnitName, String requestedBy, Instant requestedAt, String reason, String status,
                String statusLabel, String decidedBy, Instant decidedAt, String decisionNote) {
    }

    /** A unit to choose from. */
    record UnitOption(String code, String name) {
    }

    @PostMapping("/api/tasks/{taskId}/transfer-requests")
    @ResponseStatus(HttpStatus.CREATED)
    View ask(@PathVariable String taskId, @RequestBody(required = false) Ask ask) {
        if (ask == null) {
            throw new InvalidInputException("body", "请提交转办申请（JSON）：「转办单位」和「转办理由」");
        }
        return view(transfers.request(taskId, ask.toUnitCode(), ask.reason()));
    }

    /**
     * A task as Tasklist's 申请转办 shows it: whether the caller may ask (he holds it, it is offered to a unit, nothing is
     * pending), the units it is offered to, and its requests, newest first, as far as the caller sees the units concerned.
     */
    record OfTask(boolean mayRequest, List<String> currentUnitCodes, List<View> requests) {
    }

    @GetMapping("/api/tasks/{taskId}/transfer-requests")
    OfTask ofTask(@PathVariable String taskId) {
        Caller caller = callers.current();
        List<View> requests = transfers.forTask(taskId).stream()
                .filter(r -> caller.userId().equals(r.requestedBy()) || caller.inUnit(r.toUnitCode())
                        || scope.seesUnitWork(caller, r.projectCode(), r.fromUnitCode()))
                .map(this::view).toList();
        return new OfTask(transfers.mayRequest(taskId, caller.userId()), transfers.offeredTo(taskId), requests);
    }

    @GetMapping("/api/transfer-requests")
    List<View> find(@RequestParam(required = false) String unit, @RequestParam(required = false) String project,
                    @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
                    @RequestParam(defaultValue = "50") int size) {
        Paging paging = new Paging(page, size);
        return transfers.find(visible(), filters.unit("unit", unit), filters.project("project", project),
                        QueryFilters.choice("status", status, TaskTransfer.Status.class), paging.offset(), size)
                .stream().map(this::view).toList();
    }

    /** Requests per requesting unit: made, approved, refused. */
    @GetMapping("/api/transfer-requests/counts")
    List<TransferCount> counts() {
        return transfers.countsPerUnit(visible());
    }

    /** The units a task may be handed over to. */
    @GetMapping("/api/transfer-requests/units")
    List<UnitOption> units() {
        return transfers.units().stream().map(u -> new UnitOption(u.code(), u.name())).toList();
    }

    /** An officer sees his unit's requests, a contracting leader those of his projects, the others all. */
    private ProjectScope.Condition visible() {
        return scope.unitWork(callers.current(), "project_code", "from_unit_code");
    }

    private View view(TaskTransfer r) {
        return new View(r.id(), r.taskId(), r.projectCode(), r.taskName(), r.fromUnitCode(), transfers.unitName(r.fromUnitCode()),
                r.toUnitCode(), transfers.unitName(r.toUnitCode()), r.requestedBy(), r.requestedAt(), r.reason(),
                r.status().name(), r.status().label(), r.decidedBy(), r.decidedAt(), r.decisionNote());
    }
}
