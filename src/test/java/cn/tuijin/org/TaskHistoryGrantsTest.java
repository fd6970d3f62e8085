package cn.tuijin.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import cn.tuijin.TuijinTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A task opened before the history of tasks was granted per task (an installation upgraded with open work): its unit
 * reads its history (and so its comments) again after the next start.
 */
@TuijinTest
class TaskHistoryGrantsTest {

    @Autowired TaskHistoryGrants grants;
    @Autowired TaskService tasks;
    @Autowired AuthorizationService authorizations;
    @Autowired JdbcTemplate jdbc;

    @Test
    void anOpenTaskWithoutItsHistoryGrantGetsItAgainForItsUnitOnly() {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey("XM-2026-006").taskCandidateGroup("zjj").list().get(0);
        assertThat(readsHistory("lina", "zjj", task)).as("granted as the task was created").isTrue();
        jdbc.update("delete from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ = ? and RESOURCE_ID_ = ?",
                Resources.HISTORIC_TASK.resourceType(), task.getId());
        assertThat(readsHistory("lina", "zjj", task)).as("an installation from before the setting").isFalse();

        assertThat(grants.grantWhereMissing()).isEqualTo(1);

        assertThat(readsHistory("lina", "zjj", task)).isTrue();
        assertThat(readsHistory("zhaol", "zrj", task)).as("another unit").isFalse();
        assertThat(grants.grantWhereMissing()).as("once").isZero();
    }

    private boolean readsHistory(String user, String group, Task task) {
        return authorizations.isUserAuthorized(user, List.of(group), HistoricTaskPermissions.READ, Resources.HISTORIC_TASK, task.getId());
    }
}
