package cn.tuijin.deadline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.ProvisionalDeadline.Action;
import cn.tuijin.deadline.ProvisionalDeadline.Outcome;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.SystemActions;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * When a year's holiday data arrives or is corrected: the open deadlines computed provisionally that lie in (or were
 * counted across) that year, counted again ({@link ProvisionalDeadline}). {@link #plan} only computes (the preview);
 * {@link #apply} moves each changed deadline's due and warning dates and its two timers, updates its row, logs one line
 * per deadline and a summary, and refreshes the projects' lights when the transaction commits.
 */
@Service
class DeadlineRecompute {

    private static final Logger log = LoggerFactory.getLogger(DeadlineRecompute.class);

    private final TaskDeadlineRepository deadlines;
    private final DeadlineMover mover;
    private final ApplicationEventPublisher events;
    private final TaskService tasks;
    private final SystemActions system;
    private final EngineClock clock;

    DeadlineRecompute(TaskDeadlineRepository deadlines, DeadlineMover mover, ApplicationEventPublisher events, TaskService tasks,
                      SystemActions system, EngineClock clock) {
        this.deadlines = deadlines;
        this.mover = mover;
        this.events = events;
        this.tasks = tasks;
        this.system = system;
        this.clock = clock;
    }

    /** What becomes of each provisional deadline touching the year; changes nothing. */
    List<Outcome> plan(int year, WorkingDayCalendar before, WorkingDayCalendar after) {
        List<Outcome> outcomes = new ArrayList<>();
        for (TaskDeadline d : deadlines.openProvisional()) {
            Instant resumed = deadlines.lastResumed(d.taskId());
            if (ProvisionalDeadline.touches(d, resumed, year)) {
                outcomes.add(ProvisionalDeadline.recount(d, deadlines.extended(d.taskId()), resumed, before, after));
            }
        }
        return outcomes;
    }

    /** Carries out the plan, in the caller's transaction. */
    void apply(int year, List<Outcome> outcomes) {
        Set<String> projects = new LinkedHashSet<>();
        int moved = 0;
        int kept = 0;
        int skipped = 0;
        for (Outcome o : outcomes) {
            TaskDeadline d = o.deadline();
            switch (o.action()) {
                case SKIP -> {
                    skipped++;
                    log.info("Calendar {}: deadline of task {} 「{}」 (project {}) skipped: {}", year, d.taskId(),
                            d.taskName(), d.projectCode(), o.rule());
                }
                case KEEP -> {
                    kept++;
                    deadlines.provisional(d.taskId(), o.provisional());
                    if (o.provisional() != d.provisional()) {
                        projects.add(d.projectCode());
                    }
                    log.info("Calendar {}: deadline of task {} 「{}」 (project {}) unchanged, due {} ({}), provisional {}",
                            year, d.taskId(), d.taskName(), d.projectCode(), ProvisionalDeadline.day(d.dueAt()), o.rule(),
                            o.provisional());
                }
                case MOVE -> {
                    moved++;
                    move(o);
                    projects.add(d.projectCode());
                    log.info("Calendar {}: deadline of task {} 「{}」 (project {}) recomputed ({}): due {} -> {}, warning {} -> {}",
                            year, d.taskId(), d.taskName(), d.projectCode(), o.rule(), ProvisionalDeadline.day(d.dueAt()),
                            ProvisionalDeadline.day(o.newDueAt()), d.warnAt() == null ? "-" : ProvisionalDeadline.day(d.warnAt()),
                            o.newWarnAt() == null ? "-" : ProvisionalDeadline.day(o.newWarnAt()));
                }
                default -> throw new IllegalStateException(o.action().name());
            }
        }
        events.publishEvent(new DeadlinesChanged(projects));
        log.info("Calendar {}: {} provisional deadlines looked at: {} recomputed, {} unchanged, {} skipped; lights of {} projects refreshed",
                year, outcomes.size(), moved, kept, skipped, projects.size());
    }

    private void move(Outcome o) {
        TaskDeadline d = o.deadline();
        system.asSystem(() -> {
            Task task = tasks.createTaskQuery().taskId(d.taskId()).singleResult();
            if (task != null) {
                mover.move(task, o.newWarnAt(), o.newDueAt());
            }
        });
        deadlines.move(d.taskId(), o.newWarnAt(), o.newDueAt(), o.provisional());
    }

    static boolean moves(Outcome o) {
        return o.action() == Action.MOVE;
    }
}
