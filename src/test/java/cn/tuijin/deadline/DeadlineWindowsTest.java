package cn.tuijin.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import cn.tuijin.deadline.DeadlinePolicy.MonthlyReport;
import cn.tuijin.deadline.DeadlinePolicy.Window;
import org.junit.jupiter.api.Test;

/**
 * A diagram's {@code deadlines.workingDays('NAME')} counts the window a feature declares under that name; the deadline
 * module itself declares only its own (verification, supplement). A name declared twice, or one nobody declares, is
 * refused, naming it.
 */
class DeadlineWindowsTest {

    private static final DeadlinePolicy POLICY = new DeadlinePolicy(new Window(3, 1), new Window(10, 3), 5, 2, new MonthlyReport(5, 2));

    @Test
    void aWindowDeclaredByAFeatureIsCountedByName() {
        DeadlineWindows issues = () -> Map.of("ISSUE_OPINION", new Window(7, 2));
        Deadlines deadlines = new Deadlines(null, POLICY, null, null, List.of(POLICY, issues));

        assertThat(deadlines.workingDays("ISSUE_OPINION")).isEqualTo("7 working days");
        assertThat(deadlines.workingDays("VERIFICATION")).isEqualTo("3 working days");
    }

    @Test
    void aWindowNobodyDeclaresIsRefusedWithTheKnownNames() {
        Deadlines deadlines = new Deadlines(null, POLICY, null, null, List.of(POLICY));

        assertThatThrownBy(() -> deadlines.workingDays("NOTICE"))
                .hasMessageContaining("NOTICE").hasMessageContaining("[SUPPLEMENT, VERIFICATION]");
    }

    @Test
    void aWindowDeclaredTwiceStopsTheStart() {
        DeadlineWindows again = () -> Map.of("VERIFICATION", new Window(5, 1));

        assertThatThrownBy(() -> new Deadlines(null, POLICY, null, null, List.of(POLICY, again)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("VERIFICATION");
    }
}
