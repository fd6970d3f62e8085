package cn.tuijin.light;

import java.time.Instant;
import java.util.List;

import cn.tuijin.deadline.DeadlineTracker;
import cn.tuijin.org.Callers;
import cn.tuijin.org.ProjectScope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A project's traffic light and the reason for it, in Chinese, with the open deadlines behind it.
 */
@RestController
class LightController {

    private final LightService lights;
    private final DeadlineTracker deadlines;
    private final ProjectScope scope;
    private final Callers callers;

    LightController(LightService lights, DeadlineTracker deadlines, ProjectScope scope, Callers callers) {
        this.lights = lights;
        this.deadlines = deadlines;
        this.scope = scope;
        this.callers = callers;
    }

    /** An open deadline of the project. */
    record Deadline(String taskId, String taskName, String kind, String kindLabel, String holderUnitCode,
                    String holderUserId, Instant warnAt, Instant dueAt, boolean dueSoon, boolean overdue, boolean paused,
                    boolean provisional) {
    }

    /** The light, why, and what it is made of. */
    record View(String projectCode, String light, String label, String reason, boolean provisional, Instant updatedAt,
                List<Deadline> openDeadlines) {
    }

    @GetMapping("/api/projects/{code}/light")
    View light(@PathVariable String code) {
        scope.require(callers.current(), code);
        ProjectLight light = lights.get(code);
        List<Deadline> open = deadlines.openFor(code).stream()
                .map(d -> new Deadline(d.taskId(), d.taskName(), d.kind().name(), d.kind().label(), d.holderUnitCode(),
                        d.holderUserId(), d.warnAt(), d.dueAt(), d.dueSoon(), d.overdue(), d.paused(), d.provisional()))
                .toList();
        return new View(code, light.light().name(), light.light().label(), light.reason(), light.provisional(),
                light.updatedAt(), open);
    }
}
