package cn.tuijin.calendar;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.TextInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads an uploaded file into one year of the calendar, for the administrator's form: an iCalendar file
 * ({@link IcsCalendar}), a JSON in the holiday-cn format ({@link HolidayCnCalendar}) or a JSON in the application's
 * own format. Changes nothing; refuses a file that is none of these with the line or field at fault.
 */
public final class CalendarImport {

    /** The largest file accepted (a year's calendar is a few kilobytes). */
    public static final int MAX_BYTES = 256 * 1024;
    /** The notice the data is validated with when the file names none: the administrator types the real one. */
    static final String NO_NOTICE = "（待填写通知文号）";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * One year read from a file: the data (validated, with {@link #NO_NOTICE} if the file names no notice), the
     * notice it names (or null) and the file's format ({@code ics}, {@code holiday-cn}, {@code tuijin}).
     */
    public record Imported(YearCalendar data, String notice, String format) {
    }

    private CalendarImport() {
    }

    public static Imported read(int year, String fileName, byte[] content) {
        if (content == null || content.length == 0) {
            throw new InvalidInputException("file", "请选择要导入的日历文件（.ics 或 .json），上传的文件为空");
        }
        if (content.length > MAX_BYTES) {
            throw new InvalidInputException("file", "上传的日历文件过大（" + content.length / 1024 + " KB），上限为 "
                    + MAX_BYTES / 1024 + " KB");
        }
        String text = utf8(content);
        String name = fileName == null ? "" : fileName.trim().toLowerCase();
        String start = text.stripLeading();
        if (name.endsWith(".ics") || start.regionMatches(true, 0, "BEGIN:", 0, 6)) {
            return new Imported(IcsCalendar.read(year, text), null, "ics");
        }
        if (name.endsWith(".json") || start.startsWith("{")) {
            return json(year, text);
        }
        throw new InvalidInputException("file", "无法识别的日历文件“" + TextInput.shown(fileName == null ? "" : fileName)
                + "”：请上传 .ics（iCalendar）或 .json（holiday-cn 格式或本系统的日历格式）文件");
    }

    private static Imported json(int year, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("file", "日历 JSON 格式错误（第 " + e.getLocation().getLineNr() + " 行）："
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("file", "日历 JSON 应为一个对象（holiday-cn 格式或本系统的日历格式）");
        }
        requireYear(year, root.get("year"));
        if (root.has("days")) {
            return new Imported(HolidayCnCalendar.read(year, (ObjectNode) root), null, "holiday-cn");
        }
        if (root.has("holidays") || root.has("workdays")) {
            ObjectNode copy = ((ObjectNode) root).deepCopy();
            JsonNode notice = copy.get("notice");
            boolean named = notice != null && notice.isTextual() && !notice.textValue().isBlank();
            if (!named) {
                copy.put("notice", NO_NOTICE);
            }
            try {
                YearCalendar data = YearCalendar.fromJson(copy);
                return new Imported(data, named ? data.notice() : null, "tuijin");
            } catch (YearCalendar.Invalid e) {
                throw new InvalidInputException(e.field(), e.getMessage());
            }
        }
        throw new InvalidInputException("file", "无法识别的日历 JSON：既不是 holiday-cn 格式（year、days[]），"
                + "也不是本系统的日历格式（year、notice、holidays[]、workdays[]）");
    }

    private static void requireYear(int year, JsonNode value) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidInputException("year", "日历 JSON 缺少整数字段 year");
        }
        if (value.intValue() != year) {
            throw new InvalidInputException("year", "文件中的年份 " + value.intValue() + " 与所选年份 " + year + " 不一致");
        }
    }

    /** Validates the year as the calendar would, the notice left to the administrator. */
    static YearCalendar validated(int year, List<YearCalendar.Holiday> holidays, List<YearCalendar.MakeUpWorkday> workdays) {
        return new YearCalendar(year, NO_NOTICE, new ArrayList<>(holidays), new ArrayList<>(workdays));
    }

    private static String utf8(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("file", "日历文件须为 UTF-8 编码的文本（.ics 或 .json）");
        }
    }
}
