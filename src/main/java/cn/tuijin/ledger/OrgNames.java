package cn.tuijin.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import cn.tuijin.org.District;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.Role;
import cn.tuijin.org.Unit;

/**
 * Districts, units and contracting leaders as a spreadsheet names them: by name (as the directory writes it) or by
 * code / user id. Loaded once per import or export.
 */
final class OrgNames {

    private final List<District> districts;
    private final List<Unit> units;
    private final List<Person> people;
    private final Map<String, String> districtCodes = new HashMap<>();
    private final Map<String, String> unitCodes = new HashMap<>();

    private OrgNames(List<District> districts, List<Unit> units, List<Person> people) {
        this.districts = districts;
        this.units = units;
        this.people = people;
        for (District d : districts) {
            districtCodes.put(key(d.code()), d.code());
            districtCodes.put(key(d.name()), d.code());
        }
        for (Unit u : units) {
            unitCodes.put(key(u.code()), u.code());
            unitCodes.put(key(u.name()), u.code());
        }
    }

    static OrgNames load(OrgDirectory org) {
        return new OrgNames(org.districts(), org.units(), org.people());
    }

    List<District> districts() {
        return districts;
    }

    List<Unit> units() {
        return units;
    }

    List<Person> leaders() {
        return people.stream().filter(p -> p.role() == Role.LEADER).toList();
    }

    Optional<String> districtCode(String text) {
        return Optional.ofNullable(districtCodes.get(key(text)));
    }

    Optional<String> unitCode(String text) {
        return Optional.ofNullable(unitCodes.get(key(text)));
    }

    /** The leader's user id, or a Chinese reason why the text names no single contracting leader. */
    String leaderId(String text) {
        String k = key(text);
        for (Person p : people) {
            if (key(p.id()).equals(k)) {
                if (p.role() != Role.LEADER) {
                    throw new CellValues.Invalid("「" + text + "」（" + p.name() + "）不是分包领导（可填：" + leaderNames() + "）");
                }
                return p.id();
            }
        }
        List<Person> named = people.stream().filter(p -> key(p.name()).equals(k)).toList();
        List<Person> leaders = named.stream().filter(p -> p.role() == Role.LEADER).toList();
        if (leaders.size() == 1) {
            return leaders.get(0).id();
        }
        if (leaders.size() > 1) {
            throw new CellValues.Invalid("有 " + leaders.size() + " 位分包领导叫「" + text + "」，请改填用户名（"
                    + leaders.stream().map(Person::id).collect(Collectors.joining("、")) + "）");
        }
        if (!named.isEmpty()) {
            throw new CellValues.Invalid("「" + text + "」不是分包领导（可填：" + leaderNames() + "）");
        }
        throw new CellValues.Invalid("未知的分包领导「" + text + "」（可填：" + leaderNames() + "）");
    }

    String districtName(String code) {
        return districts.stream().filter(d -> d.code().equals(code)).map(District::name).findFirst().orElse(code);
    }

    String unitName(String code) {
        return units.stream().filter(u -> u.code().equals(code)).map(Unit::name).findFirst().orElse(code);
    }

    String personName(String id) {
        return id == null ? null : people.stream().filter(p -> p.id().equals(id)).map(Person::name).findFirst().orElse(id);
    }

    String districtNames() {
        return districts.stream().map(District::name).collect(Collectors.joining("、"));
    }

    /** Up to ten unit names, for a message. */
    String someUnitNames() {
        String names = units.stream().limit(10).map(Unit::name).collect(Collectors.joining("、"));
        return units.size() > 10 ? names + " 等，见模板的「填写说明」" : names;
    }

    private String leaderNames() {
        return leaders().stream().map(Person::name).collect(Collectors.joining("、"));
    }

    private static String key(String text) {
        return LedgerColumn.normalize(text).toLowerCase(Locale.ROOT);
    }
}
