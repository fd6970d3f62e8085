package cn.tuijin.system;

import java.util.List;

/**
 * The catalogue of bad input the malformed-request tests draw from: injection strings, broken dates, unknown codes,
 * control characters, huge and wrong numbers, bodies that are no JSON. Every list is fixed, so a seeded random choice
 * gives the same requests on every run.
 */
final class BadValues {

    /** 1 MiB of text: the "1 MB string" of issue 6. */
    static final String ONE_MB = "长".repeat(1024 * 1024 / 3) + "x".repeat(1024 * 1024 % 3);

    static final List<String> SQL = List.of(
            "' or 1=1 --",
            "'; drop table project; --",
            "\" or \"\"=\"",
            "1; delete from issue",
            "x' union select password_ from act_id_user --",
            "%' and 1=0 union select null --");

    static final List<String> HTML = List.of(
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "\"><svg onload=alert(1)>",
            "javascript:alert(1)",
            "&lt;b&gt;&#x3c;");

    /** Text with characters no one types: NUL, bell, escape, a lone surrogate half, the BOM, bidi overrides. */
    static final List<String> CONTROL = List.of(
            "a\u0000b",
            "\u0007",
            "\u001b[31m红色\u001b[0m",
            "abc\ud800",
            "\udc00xyz",
            "\u0085",
            "x\u007f");

    /** Free text that is unusual but valid (a description may quote SQL or HTML): used as noise beside a real fault. */
    static final List<String> ODD_BUT_VALID_TEXT = List.of(
            "' or 1=1 --",
            "'; drop table project; --",
            "<script>alert(1)</script>",
            "第一行\n第二行\t（制表符）",
            "表情 😀 与生僻字 𠀀",
            "Robert'); DROP TABLE notice;--",
            "null",
            "   前后有空格   ");

    /** Dates that are not dates, or not plausible ones, as text. */
    static final List<String> BAD_DATES = List.of(
            "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "0000-00-00",
            "yesterday", "tomorrow", "今天",
            "99999-01-01", "+99999-01-01", "-2026-12-18",
            "2026/12/18", "18.12.2026", "12/18/2026", "2026年12月18日", "20261218", "2026-1-5", "2026-12-1",
            "2026-12-18T00:00:00", "2026-12-18 08:00", "2026-12-18Z",
            "", " ", "\t");

    /** Far-future dates: valid calendar days that no deadline can reasonably be set to. */
    static final List<String> FAR_FUTURE_DATES = List.of("2999-12-31", "9999-12-31", "2200-01-01");

    /** Months that are not yyyy-MM or not a month at all. */
    static final List<String> BAD_MONTHS = List.of(
            "2026-13", "2026-00", "2026-1", "26-10", "2026-10-01", "2026/10", "202610", "2026年10月", "October 2026",
            "+2026-10", "-2026-10", "99999-10", "yesterday", "", " ");

    /** Numbers that are out of every range here, or are no integers. */
    static final List<String> BAD_INTEGERS = List.of(
            "-1", "-2147483648", "2147483648", "99999999999", "-99999999999", "1.5", "1e3", "1e30", "0x10", "1,000",
            "abc", "true", "NaN", "Infinity", "五", "١٢", "--1", "+-1");

    /**
     * Unknown task ids (path variables); each is refused with 404 or 400 naming the task id. "." and ".." are not
     * among them: they are steps of the path, which client and server resolve before any id is read.
     */
    static final List<String> TASK_IDS = List.of(
            "no-such-task", "00000000-0000-0000-0000-000000000000", "12345", "-1", "null", "undefined",
            "' or 1=1 --", "'; drop table project; --", "<script>alert(1)</script>", "...", "%", "%00",
            "a b", "任务", "😀", "x".repeat(2000), "\u0000", "\n", "taskId", "{taskId}", "*", "?x=1", "#", ";", "a;b=c",
            "a/b", "a\\b", "%2F");

    /**
     * The field a refusal of this path variable's value names: the variable, unless the value holds a slash, a
     * backslash or NUL, which the server refuses in any address (encoded as %2F, %5C, %00), or a semicolon, a
     * percent sign or a control character, which the security firewall refuses (encoded as %3B, %25, %0A…), before
     * the application reads a variable — then the path as a whole.
     */
    static String fieldOfPathValue(String variable, String value) {
        return value.contains("/") || value.contains("\\") || value.contains(";") || value.contains("%")
                || value.chars().anyMatch(Character::isISOControl) ? "path" : variable;
    }

    /** Names of fields or parameters no endpoint has. */
    static final List<String> UNKNOWN_NAMES = List.of(
            "extra", "id", "status_", "createdBy", "reportedBy", "admin", "__proto__", "constructor", "_csrf",
            "<b>x</b>", "'; drop table project; --", "中文字段", "a.b", "x[0]", "callback", "debug");

    /** Bodies that are not one JSON object. */
    static final List<String> NOT_A_JSON_OBJECT = List.of(
            "", " ", "\n\n", "null", "[]", "[{}]", "\"text\"", "42", "-1", "true", "{", "}", "{}}", "[", "{\"a\":}",
            "not json", "<?xml version=\"1.0\"?><request/>", "{'a':'b'}", "{a:1}", "{\"a\":1,}", "{\"a\":007}",
            "{\"a\":NaN}", "{\"a\":.5}", "/* comment */ {}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u00\"}", "\u0000",
            "%7B%7D", "a=1&b=2", "{\"a\" \"b\"}", "[" .repeat(5000), "{\"a\":".repeat(3000), "x".repeat(1024 * 1024));

    private BadValues() {
    }
}
