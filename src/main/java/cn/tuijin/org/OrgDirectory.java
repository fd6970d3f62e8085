package cn.tuijin.org;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Districts, units and people in the app's own tables.
 */
@Repository
public class OrgDirectory {

    private static final RowMapper<Unit> UNIT = (rs, i) -> new Unit(rs.getString("code"), rs.getString("name"),
            UnitKind.valueOf(rs.getString("kind")), rs.getString("district_code"));
    private static final RowMapper<Person> PERSON = (rs, i) -> new Person(rs.getString("id"), rs.getString("name"),
            Role.valueOf(rs.getString("role")), rs.getString("unit_code"), rs.getString("phone"), rs.getString("email"));

    private final JdbcTemplate jdbc;
    private final Map<String, Unit> units = new ConcurrentHashMap<>();

    OrgDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean districtExists(String code) {
        return count("select count(*) from district where code = ?", code) > 0;
    }

    public void insertDistrict(District district) {
        jdbc.update("insert into district (code, name) values (?, ?)", district.code(), district.name());
    }

    public List<District> districts() {
        return jdbc.query("select code, name from district order by code", (rs, i) -> new District(rs.getString(1), rs.getString(2)));
    }

    /**
     * The unit of this code. Units are added, never changed or removed, so a unit found is kept in memory (the look-up
     * of a task's unit runs for every task opened); a code not found is asked again, another node may have added it.
     */
    public Optional<Unit> unit(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Unit known = units.get(code);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Unit> found = jdbc.query("select * from unit where code = ?", UNIT, code).stream().findFirst();
        found.ifPresent(u -> units.put(code, u));
        return found;
    }

    public List<Unit> units() {
        return jdbc.query("select * from unit order by code", UNIT);
    }

    public void insertUnit(Unit unit) {
        jdbc.update("insert into unit (code, name, kind, district_code) values (?, ?, ?, ?)",
                unit.code(), unit.name(), unit.kind().name(), unit.districtCode());
    }

    public Optional<Person> person(String id) {
        return jdbc.query("select * from person where id = ?", PERSON, id).stream().findFirst();
    }

    /** How a user is shown: the person's name, or the user id if the ledger does not know them (admin, a robot). */
    public String displayName(String userId) {
        return userId == null ? null : person(userId).map(Person::name).orElse(userId);
    }

    public List<Person> people() {
        return jdbc.query("select * from person order by id", PERSON);
    }

    /** The people working for a unit. */
    public List<Person> peopleOfUnit(String unitCode) {
        return jdbc.query("select * from person where unit_code = ? order by id", PERSON, unitCode);
    }

    public List<Person> peopleWithRole(Role role) {
        return jdbc.query("select * from person where role = ? order by id", PERSON, role.name());
    }

    public void insertPerson(Person person) {
        jdbc.update("insert into person (id, name, role, unit_code, phone, email) values (?, ?, ?, ?, ?, ?)",
                person.id(), person.name(), person.role().name(), person.unitCode(), person.phone(), person.email());
    }

    /**
     * The unit that answers for work handed to a Camunda group: the unit itself for a unit group,
     * the unit of the role's people for a role group (the project office sits in a unit of its own).
     */
    public Optional<String> unitOfGroup(String groupId) {
        if (unit(groupId).isPresent()) {
            return Optional.of(groupId);
        }
        for (Role role : Role.values()) {
            if (groupId.equals(role.group())) {
                return jdbc.queryForList("select distinct unit_code from person where role = ? and unit_code is not null order by unit_code",
                        String.class, role.name()).stream().findFirst();
            }
        }
        return Optional.empty();
    }

    /** The leader's secretary (秘书), if one is configured. */
    public Optional<String> secretaryOf(String leaderId) {
        return jdbc.queryForList("select secretary_id from leader_secretary where leader_id = ?", String.class, leaderId).stream().findFirst();
    }

    public void insertSecretary(String leaderId, String secretaryId) {
        jdbc.update("insert into leader_secretary (leader_id, secretary_id) values (?, ?)", leaderId, secretaryId);
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }
}
