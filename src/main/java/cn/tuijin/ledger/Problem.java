package cn.tuijin.ledger;

/**
 * Something wrong in an uploaded ledger: the spreadsheet row as the user sees it (null for the file as a whole),
 * the column's Chinese header (null if not about one column) and what is wrong, in Chinese.
 */
public record Problem(Integer row, String column, String message) {

    static Problem ofFile(String message) {
        return new Problem(null, null, message);
    }

    static Problem of(int row, LedgerColumn column, String message) {
        return new Problem(row, column.header(), message);
    }
}
