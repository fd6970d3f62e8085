package cn.tuijin.ledger;

/**
 * One cell as the sheet stores it: text, a number (with whether its format shows a date), a boolean, an error value
 * such as {@code #N/A}, or a formula that was saved without its result.
 */
record SheetCell(Kind kind, String text, double number, boolean dateFormatted) {

    enum Kind { TEXT, NUMBER, BOOLEAN, ERROR, NO_RESULT }

    static SheetCell text(String text) {
        return new SheetCell(Kind.TEXT, text, 0, false);
    }

    static SheetCell number(double number, boolean dateFormatted) {
        return new SheetCell(Kind.NUMBER, null, number, dateFormatted);
    }

    /** Whether the cell holds nothing a user would see (blank text). */
    boolean blank() {
        return kind == Kind.TEXT && text.isBlank();
    }
}
