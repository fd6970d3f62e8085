package cn.tuijin.org;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The responsible units, for every logged-in user: the lists forms choose a unit from (牵头单位, 配合单位) instead of
 * typing its name.
 */
@RestController
class UnitController {

    private final OrgDirectory org;

    UnitController(OrgDirectory org) {
        this.org = org;
    }

    /** A unit as a list shows it. */
    record View(String code, String name, String kind, String kindLabel) {
    }

    @GetMapping("/api/units")
    List<View> units() {
        return org.units().stream().map(u -> new View(u.code(), u.name(), u.kind().name(), u.kind().label())).toList();
    }
}
