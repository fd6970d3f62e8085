package cn.tuijin.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.tuijin.TuijinTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The variables that only show a task's context are on the open tasks (Tasklist shows them) but not in the history;
 * the history keeps the other variables, and the same words in each task's description.
 */
@TuijinTest
class DisplayVariableHistoryTest {

    @Autowired JdbcTemplate jdbc;

    @Test
    void theDemoCitysTasksShowTheirProjectWithoutAHistoryOfIt() {
        Integer shown = jdbc.queryForObject("select count(*) from ACT_RU_VARIABLE where NAME_ = 'projectInfo' and TASK_ID_ is not null", Integer.class);
        assertThat(shown).as("open tasks showing their project").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_VARINST where NAME_ in ('projectInfo', 'issueInfo', 'noticeInfo', 'answerInfo', 'resolutionInfo')",
                Integer.class)).isZero();
        // A form submitted with the field still records what it sent (a FormProperty detail): that is the user's act.
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_DETAIL where TYPE_ = 'VariableUpdate'"
                + " and NAME_ in ('projectInfo', 'issueInfo', 'noticeInfo', 'answerInfo', 'resolutionInfo')", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_VARINST", Integer.class)).as("other variables' history").isPositive();
        String info = jdbc.queryForObject("select min(v.TEXT_) from ACT_RU_VARIABLE v where v.NAME_ = 'projectInfo' and v.TASK_ID_ is not null", String.class);
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_TASKINST where DESCRIPTION_ like ?", Integer.class, info + "%"))
                .as("the words kept in the task's history, as its description").isPositive();
    }
}
