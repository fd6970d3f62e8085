package cn.tuijin.desk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.tuijin.org.Caller;
import cn.tuijin.org.Callers;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.org.Unit;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 催办 over HTTP: urge a task's holder; a task's urges (for its card and its view in Tasklist); counts per unit.
 */
@RestController
class UrgeController {

    private static final int MOST_TASKS = 200;

    private final UrgeService urges;
    private final Callers callers;
    private final ProjectScope scope;
    private final OrgDirectory org;
    private final EngineClock clock;

    UrgeController(UrgeService urges, Callers callers, ProjectScope scope, OrgDirectory org, EngineClock clock) {
        this.urges = urges;
        this.callers = callers;
        this.scope = scope;
        this.org = org;
        this.clock = clock;
    }

    /** What the urger sends: an optional sentence for the holder. */
    record Ask(String note) {
    }

    /** An urge as the API shows it, with names beside the ids. */
    record View(long id, String taskId, String projectCode, String issueCode, String taskName, String unitCode, String unitName,
                String holderUserId, String holderName, String urgedBy, String urgedByName, Instant urgedAt, Instant sendAt,
                String note) {
    }

    /** A task's urges: how many, the latest first, and whether the caller may urge it now (else why not). */
    record TaskUrges(String taskId, int count, boolean mayUrge, String refusal, List<View> urges) {
    }

    @PostMapping("/api/tasks/{taskId}/urges")
    @ResponseStatus(HttpStatus.CREATED)
    View urge(@PathVariable String taskId, @RequestBody(required = false) Ask ask) {
        return view(urges.urge(callers.current(), taskId, ask == null ? null : ask.note()));
    }

    @GetMapping("/api/tasks/{taskId}/urges")
    TaskUrges ofTask(@PathVariable String taskId) {
        Caller caller = callers.current();
        List<Urge> all = urges.ofTask(taskId);
        String refusal;
        try {
            OpenTask task = urges.open(taskId);
            if (!scope.seesUnitWork(caller, task.projectCode(), task.holderUnitCode())) {
                throw new ForbiddenException("该任务不属于本单位，无权查看其催办记录");
            }
            refusal = UrgeService.mayUrgeAtAll(caller) ? urges.refusal(caller, task) : "只有督查室、重点项目办和项目的分包领导可以催办任务";
            if (refusal == null && caller.userId().equals(task.holderUserId())) {
                refusal = "该任务由您本人办理";
            }
            LocalDate today = clock.today();
            if (refusal == null && all.stream().anyMatch(u -> !u.workingDay().isBefore(today))) {
                refusal = "本工作日已催办过，请下一个工作日再催办";
            }
        } catch (InvalidInputException finished) {
            if (all.isEmpty()) {
                throw finished;
            }
            Urge last = all.get(0);
            if (!scope.seesUnitWork(caller, last.projectCode(), last.holderUnitCode())) {
                throw new ForbiddenException("该任务不属于本单位，无权查看其催办记录");
            }
            refusal = "任务已办结";
        }
        return new TaskUrges(taskId, all.size(), refusal == null, refusal, all.stream().map(this::view).toList());
    }

    /**
     * How often each of these tasks (ids separated by commas; of those the caller sees) was urged: {taskId: count},
     * tasks never urged left out.
     */
    @GetMapping("/api/urges/counts")
    Map<String, Integer> counts(@RequestParam(required = false) String tasks) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : tasks == null ? new String[0] : tasks.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.trim());
            }
        }
        if (ids.size() > MOST_TASKS) {
            throw new InvalidInputException("tasks", "一次最多查询 " + MOST_TASKS + " 个任务的催办次数");
        }
        Caller caller = callers.current();
        Map<String, Integer> visible = new LinkedHashMap<>();
        urges.counts(ids).forEach((taskId, n) -> {
            List<Urge> last = urges.ofTask(taskId);
            if (!last.isEmpty() && (caller.seesEverything()
                    || scope.seesUnitWork(caller, last.get(0).projectCode(), last.get(0).holderUnitCode()))) {
                visible.put(taskId, n);
            }
        });
        return visible;
    }

    /** Urges per unit (the unit holding each task when it was urged), of the work the caller sees. */
    @GetMapping("/api/urges/units")
    List<UrgeService.UnitUrges> perUnit() {
        ProjectScope.Condition visible = scope.unitWork(callers.current(), "u.project_code", "u.holder_unit_code");
        return urges.perUnit(visible.sql(), visible.args());
    }

    private View view(Urge u) {
        String unitName = org.unit(u.holderUnitCode()).map(Unit::name).orElse(u.holderUnitCode());
        String holderName = u.holderUserId().isEmpty() ? null : urges.name(u.holderUserId());
        return new View(u.id(), u.taskId(), u.projectCode(), u.issueCode(), u.taskName(), u.holderUnitCode(), unitName,
                u.holderUserId(), holderName, u.urgedBy(), urges.name(u.urgedBy()), u.urgedAt(), u.sendAt(), u.note());
    }
}
