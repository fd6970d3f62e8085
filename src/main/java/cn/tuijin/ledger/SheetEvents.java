package cn.tuijin.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams a worksheet row by row through POI's {@link XSSFSheetXMLHandler}, which resolves each cell's value (shared
 * and inline strings, booleans, errors, a formula's saved result). Standing in front of it, this handler notes what POI's
 * does not report: each cell's column and type, a formula saved without a result, the merged ranges (which come after
 * the rows), and a cell longer than Excel allows. Numbers are not formatted: POI hands each one, with its format, to
 * {@link Numbers}, which keeps it and whether the format shows a date. Rows and cells without a reference are numbered
 * after the previous one, as the format allows.
 */
final class SheetEvents extends DefaultHandler implements XSSFSheetXMLHandler.SheetContentsHandler {

    /** Excel keeps at most this many characters in a cell. */
    static final int MAX_CELL_CHARS = 32_767;
    private static final String ERROR_PREFIX = "ERROR:";
    private static final RichTextString NO_STRING = new XSSFRichTextString("");

    /** Receives each row with its non-empty cells by column index (0 = A); may stop the parse by throwing. */
    interface RowListener {
        void row(int rowNumber, Map<Integer, SheetCell> cells) throws SAXException;
    }

    private final XSSFSheetXMLHandler poi;
    private final Numbers numbers = new Numbers();
    private final RowListener listener;
    private final List<String> mergedRanges = new ArrayList<>();

    private Map<Integer, SheetCell> cells = new HashMap<>();
    private int rowNumber;
    private int column;
    private String type;
    private boolean inCell;
    private boolean formula;
    private boolean hasValue;
    private boolean inPhonetic;
    private boolean missingString;
    private int chars;

    SheetEvents(XlsxPackage pkg, RowListener listener) {
        this.listener = listener;
        this.poi = new XSSFSheetXMLHandler(pkg.styles(), new CheckedStrings(pkg.sharedStrings()), this, numbers, false);
    }

    /** The merged ranges of the sheet ("A2:B3"), once it has been parsed to its end. */
    List<String> mergedRanges() {
        return mergedRanges;
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes a) throws SAXException {
        switch (local) {
            case "row" -> column = -1;
            case "c" -> {
                String r = a.getValue("r");
                column = r == null ? column + 1 : new CellReference(r).getCol();
                type = a.getValue("t");
                inCell = true;
                formula = false;
                hasValue = false;
                missingString = false;
                chars = 0;
                numbers.seen = false;
            }
            case "f" -> formula = true;
            case "v", "is" -> hasValue = true;
            case "rPh" -> inPhonetic = true;
            case "mergeCell" -> mergedRanges.add(a.getValue("ref"));
            default -> { }
        }
        poi.startElement(uri, local, qName, a);
    }

    /** Only a cell's characters reach POI's handler, without phonetic runs, and at most {@link #MAX_CELL_CHARS} of them. */
    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (!inCell || inPhonetic) {
            return;
        }
        chars += length;
        if (chars > MAX_CELL_CHARS) {
            throw new SAXException(new LedgerRejectedException("第 " + rowNumber + " 行 " + CellReference.convertNumToColString(column)
                    + " 列的内容超过 " + MAX_CELL_CHARS + " 个字符（Excel 单元格的上限），文件不像项目台账，已拒绝"));
        }
        poi.characters(ch, start, length);
    }

    @Override
    public void endElement(String uri, String local, String qName) throws SAXException {
        poi.endElement(uri, local, qName);
        switch (local) {
            case "c" -> {
                inCell = false;
                if (formula && !hasValue) {
                    cells.put(column, new SheetCell(SheetCell.Kind.NO_RESULT, null, 0, false));
                }
            }
            case "rPh" -> inPhonetic = false;
            case "row" -> listener.row(rowNumber, cells);
            default -> { }
        }
    }

    @Override
    public void startRow(int rowNum) {
        rowNumber = rowNum + 1;
        cells = new HashMap<>();
    }

    @Override
    public void endRow(int rowNum) {
        // the row goes to the listener from endElement, which may stop the parse
    }

    @Override
    public void cell(String reference, String value, XSSFComment comment) {
        SheetCell cell = value == null ? null : typed(value);
        if (cell != null && !cell.blank()) {
            cells.put(column, cell);
        }
    }

    private SheetCell typed(String value) {
        return switch (type == null ? "n" : type) {
            case "s" -> missingString ? new SheetCell(SheetCell.Kind.ERROR, "共享字符串缺失", 0, false) : SheetCell.text(value);
            case "inlineStr", "str", "d" -> SheetCell.text(value);
            case "b" -> new SheetCell(SheetCell.Kind.BOOLEAN, value, 0, false);
            case "e" -> new SheetCell(SheetCell.Kind.ERROR, (value.startsWith(ERROR_PREFIX) ? value.substring(ERROR_PREFIX.length()) : value).trim(), 0, false);
            default -> {
                if (numbers.seen) {
                    yield SheetCell.number(numbers.value, numbers.date);
                }
                if (value.isBlank()) {
                    yield null;
                }
                try {
                    yield SheetCell.number(Double.parseDouble(value.trim()), false);
                } catch (NumberFormatException e) {
                    yield SheetCell.text(value);
                }
            }
        };
    }

    /**
     * Keeps the number POI hands over instead of formatting it, and whether its format shows a date: POI's date formats
     * and the Chinese built-in ones (27–36, 50–58), which POI lists as reserved.
     */
    private static final class Numbers extends DataFormatter {

        double value;
        boolean date;
        boolean seen;

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            this.value = value;
            this.date = formatIndex >= 27 && formatIndex <= 36 || formatIndex >= 50 && formatIndex <= 58
                    || formatString != null && DateUtil.isADateFormat(formatIndex, formatString);
            this.seen = true;
            return "";
        }
    }

    /** The shared strings, where an index that points at none marks the cell instead of failing the whole file. */
    private final class CheckedStrings implements SharedStrings {

        private final SharedStrings strings;

        CheckedStrings(SharedStrings strings) {
            this.strings = strings;
        }

        @Override
        public RichTextString getItemAt(int idx) {
            if (strings != null && idx >= 0) {
                try {
                    return strings.getItemAt(idx);
                } catch (IllegalStateException | IndexOutOfBoundsException e) {
                    // no string at that index: the cell says so
                }
            }
            missingString = true;
            return NO_STRING;
        }

        @Override
        public int getCount() {
            return strings == null ? 0 : strings.getCount();
        }

        @Override
        public int getUniqueCount() {
            return strings == null ? 0 : strings.getUniqueCount();
        }
    }
}
