package cn.tuijin.system;

import java.nio.charset.CharacterCodingException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Why a JSON request body could not be read, in Chinese, with the field at fault: the field of a wrong type or
 * unknown to the endpoint, named by its path ({@code holidays[0].from}); {@code body} when the body as a whole is no
 * JSON, not UTF-8, or not one object.
 */
final class UnreadableBody {

    /** The field that names the body as a whole. */
    static final String BODY = "body";

    private static final Map<Class<?>, String> TYPES = Map.of(
            String.class, "文本（用双引号括起）",
            Integer.class, "整数", int.class, "整数", Long.class, "整数", long.class, "整数",
            Boolean.class, "true 或 false", boolean.class, "true 或 false");

    private UnreadableBody() {
    }

    static InvalidInputException of(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        // Broken JSON inside a field's value comes wrapped in a mapping exception with the field's path: still the
        // body as a whole is unreadable (a duplicate field name is the one parse error that names a field).
        if (cause instanceof JsonMappingException m && m.getCause() instanceof StreamReadException p
                && !(p instanceof InputCoercionException)) {
            cause = p;
        }
        if (cause instanceof CharacterCodingException) {
            return new InvalidInputException(BODY, "请求体不是有效的 UTF-8 编码");
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            Collection<Object> known = u.getKnownPropertyIds();
            return new InvalidInputException(field, "不认识的字段「" + TextInput.shown(u.getPropertyName()) + "」"
                    + (known == null || known.isEmpty() ? "" : "（可填写：" + known.stream().map(Object::toString).sorted()
                    .collect(Collectors.joining("、")) + "）"));
        }
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = path(m);
            if (m.getCause() instanceof InputCoercionException) {
                return new InvalidInputException(field, "「" + field + "」的数值超出范围");
            }
            Class<?> target = m instanceof MismatchedInputException mi ? mi.getTargetType() : null;
            String expected = target == null ? null : TYPES.get(target);
            return new InvalidInputException(field, "「" + field + "」的类型不对" + (expected == null ? "" : "：应为" + expected));
        }
        if (cause instanceof JsonMappingException) {
            return new InvalidInputException(BODY, "请求体应为一个 JSON 对象（{…}），每个字段一项");
        }
        if (cause instanceof StreamConstraintsException) {
            return new InvalidInputException(BODY, "请求体嵌套过深或过长，无法读取");
        }
        if (cause instanceof StreamReadException p) {
            String duplicate = duplicateField(p);
            if (duplicate != null) {
                return new InvalidInputException(duplicate, "字段「" + TextInput.shown(duplicate) + "」出现了不止一次");
            }
            JsonLocation at = p.getLocation();
            return new InvalidInputException(BODY, "请求体不是有效的 JSON（须为 UTF-8 编码）"
                    + (at == null || at.getLineNr() < 1 ? "" : "：第 " + at.getLineNr() + " 行第 " + at.getColumnNr() + " 列附近有误"));
        }
        return new InvalidInputException(BODY, "请求体无法读取，请提交 JSON（application/json）");
    }

    /** The field named twice, if the parser refused the body for that (strict duplicate detection). */
    private static String duplicateField(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Duplicate field")) {
            return parser.getParsingContext().getCurrentName();
        }
        return null;
    }

    /** The path of the field at fault, as {@code holidays[0].from}. */
    private static String path(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? BODY : path.toString();
    }
}
