package cn.tuijin.system;

import static cn.tuijin.system.RequestGenerator.any;
import static cn.tuijin.system.RequestGenerator.encode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Malformed variants of a GET request's query: one parameter with a wrong value (not a number, out of range, an
 * unknown code, a date that is none, injection strings), a parameter the endpoint does not have, one given twice,
 * one whose percent-encoding is no UTF-8 (escapes that are not even hexadecimal, like %zz, the HTTP client refuses
 * to send), and faults of the endpoint's own (from after to). The other parameters are left
 * out or given valid values at random. An empty optional parameter means "no filter" and is valid.
 */
final class QueryRequests implements RequestGenerator {

    private final String path;
    private final List<Param> params = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();

    /** A query parameter: its valid values (at least one) and wrong ones. */
    record Param(String name, boolean mandatory, List<String> valid, List<String> bad) {

        /** Page number from 0. */
        static Param page() {
            return new Param("page", false, List.of("0", "1", "3"),
                    concat(numbersWrongFor(0, 1_000_000), List.of("1000001", "2147483647")));
        }

        /** Page size, 1 to 500. */
        static Param size() {
            return new Param("size", false, List.of("1", "10", "50", "500"), concat(numbersWrongFor(1, 500), List.of("0", "501", "100000")));
        }

        /** A code of a unit, district, project or person: unknown ones are refused. */
        static Param code(String name, List<String> valid, String... unknown) {
            List<String> bad = new ArrayList<>(List.of(unknown));
            for (String v : valid) {
                bad.add(v + "x");
                if (!v.toUpperCase().equals(v)) {
                    bad.add(v.toUpperCase());
                }
            }
            return new Param(name, false, valid, concat(bad, injections()));
        }

        /** One of a fixed list of values (an enum's names). */
        static Param choice(String name, String... values) {
            List<String> bad = new ArrayList<>(List.of("UNKNOWN", "0", "-1", "null", "*", "%"));
            for (String v : values) {
                bad.add(v.toLowerCase().equals(v) ? v.toUpperCase() : v.toLowerCase());
                bad.add(v + ",x");
            }
            return new Param(name, false, List.of(values), concat(bad, injections()));
        }

        /** A day, yyyy-MM-dd; a far-future day is a valid filter (it finds nothing). */
        static Param date(String name, String... valid) {
            return new Param(name, false, List.of(valid), concat(BadValues.BAD_DATES.stream().filter(d -> !d.isBlank()).toList(),
                    injections()));
        }

        /** A month, yyyy-MM. */
        static Param month(String name, String... valid) {
            return new Param(name, false, List.of(valid), concat(BadValues.BAD_MONTHS.stream().filter(d -> !d.isBlank()).toList(),
                    injections()));
        }

        /** A whole number within [min, max]. */
        static Param integer(String name, int min, int max, String... valid) {
            return new Param(name, false, List.of(valid), numbersWrongFor(min, max));
        }

        /** true or false. */
        static Param bool(String name) {
            return new Param(name, false, List.of("true", "false"),
                    concat(List.of("yes", "no", "on", "2", "-1", "truee", "t", "真", "null"), injections()));
        }

        Param required() {
            return new Param(name, true, valid, concat(bad, List.of("", " ", "\t")));
        }

        private static List<String> numbersWrongFor(int min, int max) {
            return concat(BadValues.BAD_INTEGERS, List.of(String.valueOf((long) min - 1), String.valueOf((long) max + 1)),
                    BadValues.SQL, BadValues.HTML).stream().filter(v -> !within(v, min, max)).toList();
        }

        private static boolean within(String value, int min, int max) {
            try {
                long n = Long.parseLong(value);
                return n >= min && n <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static List<String> injections() {
            return concat(BadValues.SQL, BadValues.HTML, List.of("a\u0000b", "\u0007", "\u001b[0m", "x".repeat(4000)));
        }

        @SafeVarargs
        private static List<String> concat(List<String>... lists) {
            return Stream.of(lists).flatMap(List::stream).toList();
        }
    }

    /** A fault of the endpoint's own: parameters that are each valid but not together, and the one refused. */
    private record Fault(String label, Map<String, String> params, String field) {
    }

    private QueryRequests(String path) {
        this.path = path;
    }

    static QueryRequests get(String path) {
        return new QueryRequests(path);
    }

    QueryRequests param(Param param) {
        params.add(param);
        return this;
    }

    QueryRequests fault(String label, Map<String, String> params, String field) {
        faults.add(new Fault(label, params, field));
        return this;
    }

    /** The request with the first valid value of every parameter. */
    Attempt validRequest() {
        Map<String, String> query = new LinkedHashMap<>();
        params.forEach(p -> query.put(p.name(), p.valid().get(0)));
        return attempt("valid", query, null);
    }

    @Override
    public Attempt next(Random random) {
        int pick = random.nextInt(100);
        if (params.isEmpty() || pick >= 70 && pick < 85) {
            Map<String, String> query = noise(random, null);
            String name = any(random, BadValues.UNKNOWN_NAMES.stream().filter(n -> params.stream().noneMatch(p -> p.name().equals(n))).toList());
            return attempt("unknown parameter", with(query, name, any(random, List.of("1", "x", "", "true"))), name);
        }
        Param param = any(random, params);
        Map<String, String> query = noise(random, param);
        if (pick < 70) {
            return attempt(param.name() + ": wrong value", with(query, param.name(), any(random, param.bad())), param.name());
        } else if (pick < 90) {
            String first = any(random, param.valid());
            String second = any(random, random.nextBoolean() ? param.valid() : param.bad());
            String q = encodeQuery(query) + (query.isEmpty() ? "" : "&") + encode(param.name()) + "=" + encode(first)
                    + "&" + encode(param.name()) + "=" + encode(second);
            return new Attempt(param.name() + ": given twice", "GET", path + "?" + q, null, null, param.name(), 0);
        } else if (pick < 95 || faults.isEmpty()) {
            if (param.mandatory() && random.nextBoolean()) {
                query.remove(param.name());
                return attempt(param.name() + ": missing", query, param.name());
            }
            String broken = any(random, List.of("%e4%b8", "%c3%28", "%ff", "%c0%80", "%ed%a0%80", "abc%e4"));
            String q = encodeQuery(query) + (query.isEmpty() ? "" : "&") + encode(param.name()) + "=" + broken;
            return new Attempt(param.name() + ": broken percent-encoding", "GET", path + "?" + q, null, null, param.name(), 0);
        }
        Fault fault = any(random, faults);
        Map<String, String> q = noise(random, null);
        q.putAll(fault.params());
        return attempt(fault.label(), q, fault.field());
    }

    /** Valid values for some parameters, always for the mandatory ones, never for {@code except}. */
    private Map<String, String> noise(Random random, Param except) {
        Map<String, String> query = new LinkedHashMap<>();
        for (Param p : params) {
            if (p != except && (p.mandatory() || random.nextInt(3) == 0)) {
                query.put(p.name(), any(random, p.valid()));
            }
        }
        return query;
    }

    private static Map<String, String> with(Map<String, String> query, String name, String value) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(name, value);
        return q;
    }

    private Attempt attempt(String label, Map<String, String> query, String field) {
        String q = encodeQuery(query);
        return new Attempt(label, "GET", q.isEmpty() ? path : path + "?" + q, null, null, field, 0);
    }

    private static String encodeQuery(Map<String, String> query) {
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        return q.toString();
    }
}
