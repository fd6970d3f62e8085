package cn.tuijin.issue;

import java.util.Map;

import cn.tuijin.deadline.DeadlinePolicy.Window;
import cn.tuijin.deadline.DeadlineWindows;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an issue may stay at each level, in working days, and how early each warning window opens; and how long a
 * cooperating unit has for its opinion. Read from {@code tuijin.deadlines}; the level-1 deadline proposed at triage
 * depends on the issue ({@link IssuePolicy}).
 *
 * @param issueLevel1  an issue at level 1, with the lead unit
 * @param issueLevel2  an issue at level 2, with the contracting leader
 * @param issueLevel3  an issue at level 3, with the committee
 * @param issueOpinion a cooperating unit's opinion on an issue at level 1
 */
@ConfigurationProperties("tuijin.deadlines")
public record IssueDeadlines(
        @DefaultValue Window issueLevel1,
        @DefaultValue Window issueLevel2,
        @DefaultValue Window issueLevel3,
        @DefaultValue Window issueOpinion) implements DeadlineWindows {

    @Override
    public Map<String, Window> windows() {
        return Map.of("ISSUE_LEVEL_1", issueLevel1, "ISSUE_LEVEL_2", issueLevel2, "ISSUE_LEVEL_3", issueLevel3,
                "ISSUE_OPINION", issueOpinion);
    }

    /** The window of the level (1, 2, 3). */
    public Window level(int level) {
        return switch (level) {
            case 1 -> issueLevel1;
            case 2 -> issueLevel2;
            default -> issueLevel3;
        };
    }
}
