package cn.tuijin.system;

/**
 * Text a user typed: checked before it is kept, and shown back in messages without harm.
 */
public final class TextInput {

    /** The most characters of a user's input a message quotes. */
    private static final int SHOWN = 40;

    private TextInput() {
    }

    /** The text trimmed, or null if it is empty; refused if longer than {@code maxLength} or not printable. */
    public static String optional(String field, String label, String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.length() > maxLength) {
            throw new InvalidInputException(field, "「" + label + "」不能超过" + maxLength + "个字");
        }
        requirePrintable(field, label, text);
        return s.isEmpty() ? null : s;
    }

    /** The text trimmed; refused if empty, longer than {@code maxLength} or not printable. */
    public static String required(String field, String label, String text, int maxLength) {
        String s = optional(field, label, text, maxLength);
        if (s == null) {
            throw new InvalidInputException(field, "请填写「" + label + "」");
        }
        return s;
    }

    /**
     * Refuses control characters (line breaks and tabs excepted) and halves of surrogate pairs: no one types them,
     * and some databases, spreadsheets and terminals break on them.
     */
    public static void requirePrintable(String field, String label, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new InvalidInputException(field, "「" + label + "」含有无法显示的字符（控制字符或残缺的编码），请删除后重新填写");
            }
        }
    }

    /**
     * A user's input as a message quotes it: at most 40 characters, with control characters and halves of
     * surrogate pairs replaced, so a megabyte or a terminal escape is not sent back.
     */
    public static String shown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        int i = 0;
        for (; i < text.length() && s.length() < SHOWN; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                s.append(c).append(text.charAt(++i));
            } else {
                s.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return i < text.length() ? s + "…" : s.toString();
    }
}
