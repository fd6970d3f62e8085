package cn.tuijin.org;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/**
 * Keeps Camunda's identity (users, groups, memberships) and the groups' authorizations in line with the ledger.
 * Officers see and complete the tasks of their unit only: that comes from Camunda's own authorization of a
 * task's candidate group; here each group gets what its role needs besides (application access, read rights).
 */
@Service
public class IdentitySync {

    private static final String ANY = Authorization.ANY;
    private static final String ISSUE_PROCESS = "issue-escalation";

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final TasklistFilters filters;

    IdentitySync(IdentityService identity, AuthorizationService authorizations, TasklistFilters filters) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
    }

    /** Creates the role groups and their authorizations if missing. */
    public void ensureRoleGroups() {
        ensureGroup(Groups.PROJECT_OFFICE, "重点项目办", "ROLE");
        ensureGroup(Groups.LEADERS, "分包领导", "ROLE");
        ensureGroup(Groups.COMMITTEE, "推进委员会", "ROLE");
        ensureGroup(Groups.SUPERVISORS, "督查室", "ROLE");
        for (String group : List.of(Groups.PROJECT_OFFICE, Groups.LEADERS, Groups.COMMITTEE, Groups.SUPERVISORS)) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            // Tasklist shows a task's holder by name (王建国), not by login id, to those who may read the user.
            grant(group, Resources.USER, ANY, Permissions.READ);
            grant(group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
        }
        // The project office, leaders and supervisors watch every flow in Cockpit; supervisors complete nothing.
        for (String group : List.of(Groups.PROJECT_OFFICE, Groups.LEADERS, Groups.SUPERVISORS)) {
            grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_TASK);
            grant(group, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
            grant(group, Resources.TASK, ANY, TaskPermissions.READ);
            grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        }
    }

    /** A leader's secretary: a member of the secretaries' group, which opens Tasklist (the tasks delegated to them). */
    public void ensureSecretary(String secretaryId) {
        ensureGroup(Groups.SECRETARIES, "领导秘书", "ROLE");
        grant(Groups.SECRETARIES, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Groups.SECRETARIES, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
        ensureMembership(secretaryId, Groups.SECRETARIES);
    }

    /** Creates the unit's group and its authorizations if missing. */
    public void ensureUnit(Unit unit) {
        ensureGroup(unit.code(), unit.name(), "UNIT");
        grant(unit.code(), Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(unit.code(), Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
        grant(unit.code(), Resources.USER, ANY, Permissions.READ);
        // Officers report issues from Tasklist's 发起流程 (the issue process's start form).
        grant(unit.code(), Resources.PROCESS_DEFINITION, ISSUE_PROCESS, ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(unit.code(), Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    }

    /** Creates the person's user (with the given initial password) and memberships if missing. */
    public void ensurePerson(Person person, String initialPassword) {
        if (identity.createUserQuery().userId(person.id()).count() == 0) {
            User user = identity.newUser(person.id());
            // Chinese names: family name first, shown as one name.
            user.setFirstName(person.name());
            user.setLastName("");
            user.setEmail(person.email());
            user.setPassword(initialPassword);
            identity.saveUser(user);
        }
        if (person.unitCode() != null) {
            ensureMembership(person.id(), person.unitCode());
        }
        if (person.role().group() != null) {
            ensureMembership(person.id(), person.role().group());
        }
        if (person.role() == Role.OFFICER) {
            // An officer's Tasklist filters (我的待办, 本单位待办, 即将到期, 已逾期).
            filters.grantOfficerFilters(person.id());
        }
    }

    private void ensureGroup(String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(type);
            identity.saveGroup(group);
        }
    }

    private void ensureMembership(String userId, String groupId) {
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(userId, groupId);
        }
    }

    /** Grants the permissions to the group on the resource, adding to an existing grant if there is one. */
    public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization auth = authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
                .singleResult();
        if (auth == null) {
            auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            auth.setGroupId(groupId);
            auth.setResource(resource);
            auth.setResourceId(resourceId);
        }
        boolean changed = auth.getId() == null;
        for (Permission permission : permissions) {
            if (!auth.isPermissionGranted(permission)) {
                auth.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(auth);
        }
    }
}
