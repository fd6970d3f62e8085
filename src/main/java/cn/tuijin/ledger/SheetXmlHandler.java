package cn.tuijin.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.util.CellReference;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams a worksheet's XML row by row: each cell's cached value (a formula's last result; a formula saved without
 * one is marked), shared and inline strings resolved, and the merged ranges, which come after the rows.
 * Rows and cells without a reference are numbered after the previous one, as the format allows.
 */
final class SheetXmlHandler extends DefaultHandler {

    /** Excel keeps at most this many characters in a cell. */
    static final int MAX_CELL_CHARS = 32_767;

    /** Receives each row with its non-empty cells by column index (0 = A); may stop the parse by throwing. */
    interface RowListener {
        void row(int rowNumber, Map<Integer, SheetCell> cells) throws SAXException;
    }

    private final XlsxPackage pkg;
    private final RowListener listener;
    private final List<String> mergedRanges = new ArrayList<>();
    private final StringBuilder value = new StringBuilder();

    private Map<Integer, SheetCell> cells;
    private int rowNumber;
    private int column;
    private String type;
    private int style;
    private boolean formula;
    private boolean hasValue;
    private boolean inValue;
    private boolean inInline;
    private boolean inPhonetic;

    SheetXmlHandler(XlsxPackage pkg, RowListener listener) {
        this.pkg = pkg;
        this.listener = listener;
    }

    /** The merged ranges of the sheet ("A2:B3"), once it has been parsed to its end. */
    List<String> mergedRanges() {
        return mergedRanges;
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes a) throws SAXException {
        switch (local) {
            case "row" -> {
                String r = a.getValue("r");
                rowNumber = r == null ? rowNumber + 1 : parseInt(r, rowNumber + 1);
                cells = new HashMap<>();
                column = -1;
            }
            case "c" -> {
                String r = a.getValue("r");
                column = r == null ? column + 1 : new CellReference(r).getCol();
                type = a.getValue("t");
                String s = a.getValue("s");
                style = s == null ? 0 : parseInt(s, 0);
                formula = false;
                hasValue = false;
                value.setLength(0);
            }
            case "f" -> formula = true;
            case "v" -> {
                inValue = true;
                hasValue = true;
            }
            case "is" -> {
                inInline = true;
                hasValue = true;
            }
            case "rPh" -> inPhonetic = true;
            case "mergeCell" -> mergedRanges.add(a.getValue("ref"));
            default -> { }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (inValue || inInline && !inPhonetic) {
            if (value.length() + length > MAX_CELL_CHARS) {
                throw new SAXException(new LedgerRejectedException("第 " + rowNumber + " 行 " + CellReference.convertNumToColString(column)
                        + " 列的内容超过 " + MAX_CELL_CHARS + " 个字符（Excel 单元格的上限），文件不像项目台账，已拒绝"));
            }
            value.append(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String local, String qName) throws SAXException {
        switch (local) {
            case "v" -> inValue = false;
            case "is" -> inInline = false;
            case "rPh" -> inPhonetic = false;
            case "c" -> {
                SheetCell cell = cell();
                if (cell != null && cells != null) {
                    cells.put(column, cell);
                }
            }
            case "row" -> {
                listener.row(rowNumber, cells);
                cells = null;
            }
            default -> { }
        }
    }

    private SheetCell cell() {
        if (!hasValue) {
            return formula ? new SheetCell(SheetCell.Kind.NO_RESULT, null, 0, false) : null;
        }
        String v = value.toString();
        String t = type == null ? "n" : type;
        SheetCell cell = switch (t) {
            case "s" -> {
                String shared = pkg.sharedString(parseInt(v.trim(), -1));
                yield shared == null ? new SheetCell(SheetCell.Kind.ERROR, "共享字符串缺失", 0, false) : SheetCell.text(shared);
            }
            case "inlineStr", "str", "d" -> SheetCell.text(v);
            case "b" -> new SheetCell(SheetCell.Kind.BOOLEAN, "1".equals(v.trim()) ? "TRUE" : "FALSE", 0, false);
            case "e" -> new SheetCell(SheetCell.Kind.ERROR, v.trim(), 0, false);
            default -> {
                if (v.isBlank()) {
                    yield null;
                }
                try {
                    yield SheetCell.number(Double.parseDouble(v.trim()), pkg.isDateStyle(style));
                } catch (NumberFormatException e) {
                    yield SheetCell.text(v);
                }
            }
        };
        return cell == null || cell.blank() ? null : cell;
    }

    private static int parseInt(String text, int fallback) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
