package cn.tuijin.deadline;

import java.time.Instant;

import cn.tuijin.system.InvalidInputException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pausing and resuming a task's clock over HTTP, by whoever holds the task.
 */
@RestController
class PauseController {

    private final PauseService pauses;

    PauseController(PauseService pauses) {
        this.pauses = pauses;
    }

    /** Why the task waits. */
    record Pause(String reason) {
    }

    /** The task's deadline after the change. */
    record View(String taskId, String taskName, Instant dueAt, Instant warnAt, boolean paused, boolean provisional) {

        static View of(TaskDeadline d) {
            return new View(d.taskId(), d.taskName(), d.dueAt(), d.warnAt(), d.paused(), d.provisional());
        }
    }

    @PostMapping("/api/tasks/{taskId}/pause")
    View pause(@PathVariable String taskId, @RequestBody(required = false) Pause pause) {
        if (pause == null) {
            throw new InvalidInputException("body", "请提交暂停原因（JSON：{\"reason\": \"…\"}）");
        }
        return View.of(pauses.pause(taskId, pause.reason()));
    }

    @PostMapping("/api/tasks/{taskId}/resume")
    View resume(@PathVariable String taskId) {
        return View.of(pauses.resume(taskId));
    }
}
