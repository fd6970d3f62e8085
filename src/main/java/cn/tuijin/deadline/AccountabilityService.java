package cn.tuijin.deadline;

import java.time.Instant;
import java.util.List;

import cn.tuijin.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Writes down who held the work when a deadline passed, exactly once per task and holder, and marks tasks due soon.
 */
@Service
public class AccountabilityService {

    private static final Logger log = LoggerFactory.getLogger(AccountabilityService.class);

    private final AccountabilityRepository records;
    private final EngineClock clock;

    AccountabilityService(AccountabilityRepository records, EngineClock clock) {
        this.records = records;
        this.clock = clock;
    }

    /** The task's deadline has passed: mark it overdue and write the accountability record of its holder. */
    public void overdue(LateTask task) {
        Instant now = clock.now();
        records.markOnce(task.taskId(), "OVERDUE", task.projectCode(), now);
        if (records.insertOnce(task, now)) {
            log.info("逾期问责记录: 项目 {} 任务「{}」 责任单位 {} 经办人 {} 期限 {}", task.projectCode(), task.taskName(),
                    task.holderUnitCode(), task.holderUserId().isEmpty() ? "（未认领）" : task.holderUserId(), task.dueAt());
        }
    }

    /** The task's warning window has opened. */
    public void dueSoon(LateTask task) {
        records.markOnce(task.taskId(), "DUE_SOON", task.projectCode(), clock.now());
    }

    public List<AccountabilityRecord> find(String projectCode, String unitCode, String userId, DeadlineKind kind,
                                           Instant from, Instant to, int offset, int limit) {
        return records.find(projectCode, unitCode, userId, kind, from, to, offset, limit);
    }
}
