package cn.tuijin.org;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates Tasklist's shared filters at start-up, once: 我的待办, 本单位待办, 即将到期, 已逾期, 待核验, 待我协调 (leaders),
 * 逾期督办 (leaders following up missed supervision notices) and 推进委员会.
 * Each role reads only its own filters (a READ grant per officer for the officers' filters, per group for the others:
 * 待核验 to the project office, 待我协调 and 逾期督办 to the leaders, 推进委员会 to the committee); what a user sees in a filter is
 * still limited by the task authorizations. Installations whose filters were readable by everyone (a global grant)
 * lose that grant at start-up; running it again changes nothing.
 */
@Component
class TasklistFilters {

    /** Who reads a filter: the units' officers (people of the role OFFICER, not the offices' staff), and these role groups. */
    private record Audience(boolean officers, Set<String> roleGroups) {
    }

    private static final Map<String, Audience> AUDIENCES = Map.of(
            "我的待办", new Audience(true, Set.of(Groups.PROJECT_OFFICE, Groups.LEADERS, Groups.COMMITTEE)),
            "本单位待办", new Audience(true, Set.of()),
            "即将到期", new Audience(true, Set.of(Groups.SUPERVISORS)),
            "已逾期", new Audience(true, Set.of(Groups.PROJECT_OFFICE, Groups.SUPERVISORS)),
            "待核验", new Audience(false, Set.of(Groups.PROJECT_OFFICE)),
            "待我协调", new Audience(false, Set.of(Groups.LEADERS)),
            "逾期督办", new Audience(false, Set.of(Groups.LEADERS)),
            "推进委员会", new Audience(false, Set.of(Groups.COMMITTEE)));

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;
    private final OrgDirectory org;

    TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations, OrgDirectory org) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
        this.org = org;
    }

    @Order(0)
    @EventListener(ApplicationReadyEvent.class)
    void ensureFilters() {
        ensure("我的待办", 10, "已认领到我名下的任务", query().taskAssigneeExpression("${currentUser()}"));
        ensure("本单位待办", 20, "本单位（我所在的组）可认领的任务",
                query().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
        ensure("即将到期", 30, "已进入预警期、尚未到期的任务",
                query().followUpBeforeExpression("${now()}").dueAfterExpression("${now()}"));
        ensure("已逾期", 40, "已超过办理期限的任务", query().dueBeforeExpression("${now()}"));
        ensure("待核验", 50, "重点项目办待核验的申报", query().taskCandidateGroup(Groups.PROJECT_OFFICE).includeAssignedTasks());
        ensure("待我协调", 60, "分包领导：升级到我这里协调的问题和专题会议",
                query().processDefinitionKey("issue-escalation").taskCandidateUserExpression("${currentUser()}").includeAssignedTasks());
        ensure("逾期督办", 65, "分包领导：逾期未整改、提交我跟进的督办单",
                query().processDefinitionKey("supervision-notice").taskCandidateUserExpression("${currentUser()}").includeAssignedTasks());
        ensure("推进委员会", 70, "提交推进委员会决策的问题", query().taskCandidateGroup(Groups.COMMITTEE).includeAssignedTasks());
        List<String> officers = org.peopleWithRole(Role.OFFICER).stream().map(Person::id).toList();
        for (Map.Entry<String, Audience> audience : AUDIENCES.entrySet()) {
            Filter filter = filters.createFilterQuery().filterName(audience.getKey()).singleResult();
            if (filter == null) {
                continue;
            }
            revokeFromEveryone(filter.getId());
            audience.getValue().roleGroups().forEach(group -> grantRead(filter.getId(), group, null));
            if (audience.getValue().officers()) {
                officers.forEach(user -> grantRead(filter.getId(), null, user));
            }
        }
    }

    /** Lets a new officer read the officers' filters (我的待办, 本单位待办, 即将到期, 已逾期). */
    void grantOfficerFilters(String userId) {
        for (Map.Entry<String, Audience> audience : AUDIENCES.entrySet()) {
            if (audience.getValue().officers()) {
                Filter filter = filters.createFilterQuery().filterName(audience.getKey()).singleResult();
                if (filter != null) {
                    grantRead(filter.getId(), null, userId);
                }
            }
        }
    }

    private TaskQuery query() {
        return tasks.createTaskQuery().orderByDueDate().asc();
    }

    private void ensure(String name, int priority, String description, TaskQuery query) {
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("priority", priority);
        properties.put("description", description);
        properties.put("refresh", true);
        properties.put("variables", List.of(Map.of("name", "projectInfo", "label", "项目")));
        Filter filter = filters.newTaskFilter(name).setProperties(properties).setQuery(query);
        filters.saveFilter(filter);
    }

    /** The grant of earlier versions: every user could read the filter. */
    private void revokeFromEveryone(String filterId) {
        authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GLOBAL)
                .resourceType(Resources.FILTER).resourceId(filterId).list()
                .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    }

    /** A READ grant to the group or the user, if there is none yet. */
    private void grantRead(String filterId, String groupId, String userId) {
        var query = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .resourceType(Resources.FILTER).resourceId(filterId);
        boolean granted = (groupId != null ? query.groupIdIn(groupId) : query.userIdIn(userId)).count() > 0;
        if (!granted) {
            Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            read.setGroupId(groupId);
            read.setUserId(userId);
            read.setResource(Resources.FILTER);
            read.setResourceId(filterId);
            read.addPermission(Permissions.READ);
            authorizations.saveAuthorization(read);
        }
    }
}
