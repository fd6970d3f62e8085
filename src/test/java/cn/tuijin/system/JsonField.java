package cn.tuijin.system;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A field of a JSON request body and the values that are wrong for it. The path names the field as the problem
 * detail must ({@code reason}, {@code holidays[0].from}).
 *
 * @param path     where the field is in the body
 * @param kind     what it holds
 * @param mandatory whether leaving it out, null or blank is a fault (otherwise that is valid and never sent as one)
 * @param unknown  codes that look right but name nothing (for codes), or other values wrong for this field only
 * @param min      the smallest valid number (integers)
 * @param max      the largest valid number (integers), or the longest valid text (texts)
 * @param clears   fields that must go when this one gets a value (the two are alternatives)
 */
record JsonField(String path, Kind kind, boolean mandatory, List<String> unknown, long min, long max, List<String> clears) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    enum Kind {
        /** Free text: any words are valid, SQL or HTML included; too long, control characters and wrong types are not. */
        TEXT,
        /** A code or id that must name something that exists. */
        CODE,
        /** A day (yyyy-MM-dd) that sets a deadline: malformed, past and far-future days are faults. */
        DATE,
        /** A month (yyyy-MM) that must be over. */
        MONTH,
        /** A whole number within [min, max]. */
        INTEGER,
        /** An array of objects. */
        LIST
    }

    /** A wrong value and the field whose name the refusal must carry (usually this field's path). */
    record Bad(String label, JsonNode value, String field) {
    }

    static JsonField text(String path, int maxLength) {
        return new JsonField(path, Kind.TEXT, false, List.of(), 0, maxLength, List.of());
    }

    static JsonField code(String path, String... unknown) {
        return new JsonField(path, Kind.CODE, false, List.of(unknown), 0, 0, List.of());
    }

    static JsonField date(String path, String... alsoWrong) {
        return new JsonField(path, Kind.DATE, false, List.of(alsoWrong), 0, 0, List.of());
    }

    static JsonField month(String path, String... alsoWrong) {
        return new JsonField(path, Kind.MONTH, false, List.of(alsoWrong), 0, 0, List.of());
    }

    static JsonField integer(String path, long min, long max) {
        return new JsonField(path, Kind.INTEGER, false, List.of(), min, max, List.of());
    }

    static JsonField list(String path) {
        return new JsonField(path, Kind.LIST, false, List.of(), 0, 0, List.of());
    }

    JsonField required() {
        return new JsonField(path, kind, true, unknown, min, max, clears);
    }

    JsonField clears(String... others) {
        return new JsonField(path, kind, mandatory, unknown, min, max, List.of(others));
    }

    boolean isText() {
        return kind != Kind.INTEGER && kind != Kind.LIST;
    }

    /** Every wrong value for this field, given its valid value (null if the valid body leaves the field out). */
    List<Bad> badValues(JsonNode validOrNull) {
        JsonNode valid = validOrNull != null ? validOrNull
                : kind == Kind.INTEGER ? LongNode.valueOf(min) : kind == Kind.LIST ? NODES.arrayNode() : TextNode.valueOf("x");
        List<Bad> bad = new ArrayList<>();
        if (mandatory) {
            bad.add(new Bad("missing", null, path));
            bad.add(new Bad("null", NullNode.instance, path));
            if (isText()) {
                for (String blank : List.of("", "   ", "\t\n")) {
                    bad.add(new Bad("blank", TextNode.valueOf(blank), path));
                }
            }
        }
        for (JsonNode wrongType : wrongTypes(valid)) {
            bad.add(new Bad("wrong JSON type " + wrongType.getNodeType(), wrongType, path));
        }
        switch (kind) {
            case TEXT -> {
                texts(bad, "too long", List.of("x".repeat((int) max + 1), BadValues.ONE_MB));
                texts(bad, "control characters", BadValues.CONTROL);
            }
            case CODE -> {
                texts(bad, "unknown code", unknown);
                texts(bad, "unknown code (look-alike)", lookAlikes(valid.asText()));
                texts(bad, "SQL injection", BadValues.SQL);
                texts(bad, "HTML injection", BadValues.HTML);
                texts(bad, "control characters", BadValues.CONTROL);
                texts(bad, "long", List.of("X".repeat(300), BadValues.ONE_MB));
            }
            case DATE -> {
                texts(bad, "bad date", BadValues.BAD_DATES.stream().filter(d -> mandatory || !d.isBlank()).toList());
                texts(bad, "far-future date", BadValues.FAR_FUTURE_DATES);
                texts(bad, "past date", List.of("2020-01-01", "1970-01-01", "2000-02-29"));
                texts(bad, "wrong date", unknown);
                texts(bad, "SQL injection", BadValues.SQL);
                texts(bad, "HTML injection", BadValues.HTML);
                texts(bad, "control characters", BadValues.CONTROL);
                texts(bad, "long", List.of(BadValues.ONE_MB));
            }
            case MONTH -> {
                texts(bad, "bad month", BadValues.BAD_MONTHS.stream().filter(d -> mandatory || !d.isBlank()).toList());
                texts(bad, "month not over or far away", List.of("2999-12", "9999-12", "1999-12", "0001-01"));
                texts(bad, "wrong month", unknown);
                texts(bad, "SQL injection", BadValues.SQL);
                texts(bad, "HTML injection", BadValues.HTML);
                texts(bad, "control characters", BadValues.CONTROL);
                texts(bad, "long", List.of(BadValues.ONE_MB));
            }
            case INTEGER -> {
                List<JsonNode> numbers = List.of(LongNode.valueOf(min - 1), LongNode.valueOf(max + 1), IntNode.valueOf(-1),
                        IntNode.valueOf(Integer.MIN_VALUE), LongNode.valueOf(2147483648L), LongNode.valueOf(-99999999999L),
                        BigIntegerNode.valueOf(new BigInteger("123456789012345678901234567890")),
                        DoubleNode.valueOf(min + 0.5), DoubleNode.valueOf(1e30), DoubleNode.valueOf(-1e300));
                numbers.forEach(n -> bad.add(new Bad("number out of range or not whole", n, path)));
                texts(bad, "number as text", List.of(String.valueOf(min), "abc", "1e3", ""));
            }
            case LIST -> {
                for (JsonNode element : List.of(IntNode.valueOf(1), TextNode.valueOf("x"), NODES.arrayNode(), BooleanNode.TRUE)) {
                    ArrayNode list = NODES.arrayNode().add(element);
                    bad.add(new Bad("element not an object", list, path + "[0]"));
                }
                ArrayNode withNull = NODES.arrayNode().addNull();
                bad.add(new Bad("element null", withNull, path + "[0]"));
            }
        }
        return bad;
    }

    private void texts(List<Bad> bad, String label, List<String> values) {
        values.forEach(v -> bad.add(new Bad(label, TextNode.valueOf(v), path)));
    }

    private static List<JsonNode> wrongTypes(JsonNode valid) {
        ObjectNode wrapped = NODES.objectNode();
        wrapped.set("value", valid);
        List<JsonNode> types = new ArrayList<>(List.of(BooleanNode.TRUE, BooleanNode.FALSE, NODES.arrayNode().add(valid),
                NODES.arrayNode(), wrapped, NODES.objectNode()));
        if (valid.isTextual()) {
            types.addAll(Arrays.asList(IntNode.valueOf(42), IntNode.valueOf(-1), DoubleNode.valueOf(3.14),
                    LongNode.valueOf(20261218L)));
        } else if (valid.isNumber()) {
            types.addAll(Arrays.asList(TextNode.valueOf(valid.asText()), TextNode.valueOf("五")));
        } else if (valid.isArray()) {
            types.removeIf(JsonNode::isArray);
            types.addAll(Arrays.asList(TextNode.valueOf("[]"), IntNode.valueOf(0)));
        }
        return types;
    }

    /** The code in other letter case, with a letter more, in full-width characters: none of them is the code. */
    private static List<String> lookAlikes(String code) {
        List<String> alike = new ArrayList<>(List.of(code + "X", "X" + code, code.substring(0, code.length() - 1)));
        for (String s : List.of(code.toLowerCase(), code.toUpperCase(), fullWidth(code))) {
            if (!s.equals(code)) {
                alike.add(s);
            }
        }
        return alike;
    }

    private static String fullWidth(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= '!' && c <= '~' ? (char) (c - '!' + '！') : c);
        }
        return out.toString();
    }
}
