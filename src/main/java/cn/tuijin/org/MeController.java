package cn.tuijin.org;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the logged-in user is, as Tasklist's additions need it to show each role only what it uses: the name, the roles
 * and the units, and whether the user submits claims for a unit (我的申报 is an officer's, not the project office's,
 * a leader's or a supervisor's).
 */
@RestController
class MeController {

    private final Callers callers;
    private final OrgDirectory org;

    MeController(Callers callers, OrgDirectory org) {
        this.callers = callers;
        this.org = org;
    }

    record UnitView(String code, String name) {
    }

    record Me(String userId, String name, List<String> roles, List<String> roleLabels, List<UnitView> units, boolean claimant) {
    }

    @GetMapping("/api/me")
    Me me() {
        Caller caller = callers.current();
        List<Role> roles = caller.roles().stream().sorted().toList();
        boolean claimant = caller.is(Role.OFFICER) && !caller.is(Role.PROJECT_OFFICE) && !caller.is(Role.SUPERVISOR)
                && !caller.is(Role.LEADER) && !caller.is(Role.COMMITTEE);
        return new Me(caller.userId(), org.displayName(caller.userId()), roles.stream().map(Role::name).toList(),
                roles.stream().map(Role::label).toList(),
                caller.units().stream().sorted().map(code -> new UnitView(code, org.unit(code).map(Unit::name).orElse(code))).toList(),
                claimant);
    }
}
