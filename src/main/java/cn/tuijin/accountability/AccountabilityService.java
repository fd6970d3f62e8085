package cn.tuijin.accountability;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.deadline.DeadlineKind;
import cn.tuijin.deadline.DeadlinePassed;
import cn.tuijin.deadline.DeadlinesPassed;
import cn.tuijin.deadline.DeadlineWorkDone;
import cn.tuijin.deadline.HeldTask;
import cn.tuijin.org.ProjectScope;
import cn.tuijin.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Writes down who held the work when a deadline passed, exactly once per task and holder, and marks tasks due soon.
 */
@Service
public class AccountabilityService {

    private static final Logger log = LoggerFactory.getLogger(AccountabilityService.class);

    private final AccountabilityRepository records;
    private final EngineClock clock;
    private final WorkingDayCalendar calendar;

    AccountabilityService(AccountabilityRepository records, EngineClock clock, WorkingDayCalendar calendar) {
        this.records = records;
        this.clock = clock;
        this.calendar = calendar;
    }

    /** The task's deadline has passed: write the accountability record of its holder, once. */
    public void overdue(HeldTask task) {
        Instant now = clock.now();
        if (records.insertOnce(task, now)) {
            log.info("逾期问责记录: 项目 {} 任务「{}」 责任单位 {} 经办人 {}{} 期限 {}", task.projectCode(), task.taskName(),
                    task.holderUnitCode(), task.holderUserId().isEmpty() ? "（未认领）" : task.holderUserId(),
                    task.actingUserId().isEmpty() ? "" : "（委托 " + task.actingUserId() + " 代办）", task.dueAt());
        } else if (records.reopenForReturnedTask(task)) {
            log.info("逾期问责记录续记: 项目 {} 任务「{}」撤回或退回后重新办理，仍为同一期限的逾期 责任单位 {}", task.projectCode(),
                    task.taskName(), task.holderUnitCode());
        }
    }

    /**
     * A deadline passed (the deadline engine's event, in its transaction): the record of its holder, unless it was
     * already past when its project was imported and the project office chose 导入前已逾期 for that import: that
     * lateness happened before the system followed the project and is not charged (shown and counted apart instead).
     */
    @EventListener
    void on(DeadlinePassed passed) {
        if (passed.beforeImport()) {
            log.info("导入前已逾期，不记问责: 项目 {} 任务「{}」 期限 {}", passed.task().projectCode(), passed.task().taskName(),
                    passed.task().dueAt());
            return;
        }
        overdue(passed.task());
    }

    /** Deadlines passed together (a sweep's batch): their records in one batch, each once. */
    @EventListener
    void on(DeadlinesPassed passed) {
        List<HeldTask> charged = passed.deadlines().stream().filter(d -> !d.beforeImport()).map(DeadlinePassed::task).toList();
        if (charged.isEmpty()) {
            return;
        }
        boolean[] inserted = records.insertOnce(charged, clock.now());
        int recorded = 0;
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i]) {
                recorded++;
            } else {
                records.reopenForReturnedTask(charged.get(i));
            }
        }
        log.info("逾期问责记录: {} 项期限已过，新记 {} 项", charged.size(), recorded);
    }

    /** A task with a deadline is done (in the completing transaction): a late one's record gets its completion. */
    @EventListener
    void on(DeadlineWorkDone done) {
        completed(done.taskId(), done.at());
    }

    /** The late task is done: its records get the completion time and the working days late. */
    public void completed(String taskId, Instant at) {
        records.completed(taskId, at, due -> calendar.workingDaysBetween(
                LocalDate.ofInstant(due, WorkingDayCalendar.ZONE), LocalDate.ofInstant(at, WorkingDayCalendar.ZONE)));
    }

    public List<AccountabilityRecord> find(ProjectScope.Condition scope, String projectCode, String unitCode, String userId,
                                           DeadlineKind kind, Instant from, Instant to, int offset, int limit) {
        return records.find(scope, projectCode, unitCode, userId, kind, from, to, offset, limit);
    }
}
