package cn.tuijin.org;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A task's history (its comments, 备注) is readable by those the task is for, as the task itself is: the engine grants
 * it per task as it creates the task ({@code enableHistoricInstancePermissions}). Open tasks created before that
 * setting carry no such grant; they get it here, at start-up, once (a task granted meanwhile, by another node too, is
 * left as it is). These few grants keep no removal time: they outlive their task's history, harmlessly.
 */
@Component
class TaskHistoryGrants {

    private static final Logger log = LoggerFactory.getLogger(TaskHistoryGrants.class);

    private final TaskService tasks;
    private final AuthorizationService authorizations;

    TaskHistoryGrants(TaskService tasks, AuthorizationService authorizations) {
        this.tasks = tasks;
        this.authorizations = authorizations;
    }

    @EventListener(ApplicationReadyEvent.class)
    void grantOpenTasks() {
        int granted = grantWhereMissing();
        if (granted > 0) {
            log.info("任务历史权限：为启用前已创建的 {} 个待办任务补授权（其办理单位可查看、添加备注）", granted);
        }
    }

    /** Grants the history of each open task without any history grant to its candidates and assignee; how many tasks. */
    int grantWhereMissing() {
        String sql = "select T.* from ACT_RU_TASK T where not exists (select 1 from ACT_RU_AUTHORIZATION A"
                + " where A.RESOURCE_TYPE_ = #{type} and A.RESOURCE_ID_ = T.ID_)";
        List<Task> open = tasks.createNativeTaskQuery().sql(sql).parameter("type", Resources.HISTORIC_TASK.resourceType()).list();
        int granted = 0;
        for (Task task : open) {
            try {
                grant(task);
                granted++;
            } catch (ProcessEngineException grantedMeanwhile) {
                log.debug("任务 {} 的历史权限已由其他节点补授", task.getId(), grantedMeanwhile);
            }
        }
        return granted;
    }

    private void grant(Task task) {
        List<IdentityLink> candidates = tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).toList();
        candidates.stream().map(IdentityLink::getGroupId).filter(Objects::nonNull).distinct()
                .forEach(group -> grant(task, null, group));
        Stream.concat(candidates.stream().map(IdentityLink::getUserId), Stream.of(task.getAssignee()))
                .filter(Objects::nonNull).distinct()
                .forEach(user -> grant(task, user, null));
    }

    private void grant(Task task, String user, String group) {
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setResource(Resources.HISTORIC_TASK);
        grant.setResourceId(task.getId());
        grant.setUserId(user);
        grant.setGroupId(group);
        grant.addPermission(HistoricTaskPermissions.READ);
        authorizations.saveAuthorization(grant);
    }
}
