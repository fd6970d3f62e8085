package cn.tuijin.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import cn.tuijin.TuijinTest;
import cn.tuijin.light.LightService;
import cn.tuijin.system.EngineClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reminders that follow deadline timers, when the timers of one deadline pass together (a node that was down, a
 * storm): a follow-up that picked a deadline while it was due soon, before its overdue timer marked it, still writes
 * the overdue reminder, and nothing is taken twice.
 */
@TuijinTest
class DeadlineFollowUpsTest {

    private static final String TASK = "followup-race-task";
    private static final String PROJECT = "XM-2026-010";

    @Autowired DeadlineFollowUps followUps;
    @Autowired TaskDeadlineRepository deadlines;
    @Autowired LightService lights;
    @Autowired EngineClock clock;
    @Autowired JdbcTemplate jdbc;

    @AfterEach
    void removeTheDeadline() {
        jdbc.update("delete from notification_delivery where outbox_id in (select id from notification_outbox where task_id = ?)", TASK);
        jdbc.update("delete from notification_outbox where task_id = ?", TASK);
        jdbc.update("delete from deadline_followup where task_id = ?", TASK);
        jdbc.update("delete from task_deadline where task_id = ?", TASK);
        lights.refresh(List.of(PROJECT));
    }

    @Test
    void anOverdueMarkMadeWhileTheDueSoonMarkWasBeingReadGivesTheOverdueReminder() {
        Instant now = clock.now();
        deadlines.insertIfAbsent(new HeldTask(PROJECT, "no-instance", TASK, "Task_ClaimStart", "申报开工（测试）", DeadlineKind.MILESTONE,
                "zjj", "", now.minus(Duration.ofDays(3)), now.minus(Duration.ofHours(1))), now.minus(Duration.ofDays(10)), false, true);
        deadlines.dueSoon(TASK, now);
        // A follow-up picks the marked deadline: due soon, not yet overdue.
        List<String> picked = deadlines.pendingFollowUps(10_000).stream().filter(TASK::equals).toList();
        assertThat(deadlines.find(picked)).singleElement().matches(TaskDeadline::dueSoon).matches(d -> !d.overdue());

        // Before it takes the mark, the overdue timer's job marks the same deadline and commits.
        deadlines.overdue(TASK, now);
        followUps.followUp(picked);

        assertThat(events()).containsExactly("OVERDUE");
        followUps.runPending();
        assertThat(events()).as("nothing left to take twice").containsExactly("OVERDUE");
        assertThat(followUps.pending()).isZero();
    }

    private List<String> events() {
        return jdbc.queryForList("select event from notification_outbox where task_id = ? order by id", String.class, TASK);
    }
}
