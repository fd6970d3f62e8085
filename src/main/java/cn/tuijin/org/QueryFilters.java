package cn.tuijin.org;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.TextInput;
import org.springframework.stereotype.Component;

/**
 * The filters of the API's lists as callers give them: trimmed, empty meaning no filter, and refused with a Chinese
 * message naming the parameter when they name nothing — an unknown unit, district, project or person, a value outside
 * a fixed list, a day that is no day — rather than answered with an empty list that looks like "nothing there".
 */
@Component
public class QueryFilters {

    private final OrgDirectory org;
    private final ProjectDirectory projects;

    QueryFilters(OrgDirectory org, ProjectDirectory projects) {
        this.org = org;
        this.projects = projects;
    }

    /** The value trimmed, or null if it is missing or blank. */
    public static String given(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String unit(String field, String code) {
        String c = given(code);
        if (c != null && org.unit(c).isEmpty()) {
            throw unknown(field, "单位", c);
        }
        return c;
    }

    public String district(String field, String code) {
        String c = given(code);
        if (c != null && !org.districtExists(c)) {
            throw unknown(field, "区县", c);
        }
        return c;
    }

    public String project(String field, String code) {
        String c = given(code);
        if (c != null && !projects.exists(c)) {
            throw unknown(field, "项目", c);
        }
        return c;
    }

    /** A person's user id; with a role, only a person of that role. */
    public String person(String field, String id, Role role) {
        String c = given(id);
        if (c != null && org.person(c).filter(p -> role == null || p.role() == role).isEmpty()) {
            throw unknown(field, role == null ? "人员" : role.label(), c);
        }
        return c;
    }

    /** One of the enum's names, exactly. */
    public static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        String v = given(value);
        if (v == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw new InvalidInputException(field, "「" + field + "」的值“" + TextInput.shown(v) + "”不在可选范围内（可选："
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining("、")) + "）");
    }

    /** A day, yyyy-MM-dd, of the years 1 to 9999. */
    public static LocalDate day(String field, String value) {
        String v = given(value);
        if (v == null) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(v);
            if (day.getYear() >= 1 && day.getYear() <= 9999) {
                return day;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new InvalidInputException(field, "「" + field + "」不是有效日期（格式：年-月-日，如 2026-09-29），收到“"
                + TextInput.shown(v) + "”");
    }

    private static InvalidInputException unknown(String field, String what, String code) {
        return new InvalidInputException(field, what + "「" + TextInput.shown(code) + "」不存在（参数「" + field + "」）");
    }
}
