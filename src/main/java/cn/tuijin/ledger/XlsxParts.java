package cn.tuijin.ledger;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * SAX handlers for the workbook-level parts of an .xlsx: the list of sheets, the styles that show dates, and the
 * shared strings (within a character budget).
 */
final class XlsxParts {

    private static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private XlsxParts() {
    }

    /** xl/workbook.xml: the sheets in order (name, relationship id, hidden or not) and the date system. */
    static final class Workbook extends DefaultHandler {

        private final int maxSheets;
        final List<XlsxPackage.SheetRef> sheets = new ArrayList<>();
        boolean date1904;

        Workbook(int maxSheets) {
            this.maxSheets = maxSheets;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) throws SAXException {
            if ("workbookPr".equals(local)) {
                String v = a.getValue("date1904");
                date1904 = "1".equals(v) || "true".equalsIgnoreCase(v);
            } else if ("sheet".equals(local)) {
                if (sheets.size() >= maxSheets) {
                    throw new SAXException(new LedgerRejectedException("工作表过多（超过 " + maxSheets + " 个），不像项目台账，已拒绝"));
                }
                String state = a.getValue("state");
                sheets.add(new XlsxPackage.SheetRef(a.getValue("name"), a.getValue(REL_NS, "id"), state != null && !"visible".equals(state)));
            }
        }
    }

    /** xl/styles.xml: which cell styles (cellXfs) show a date — POI's date formats and the Chinese built-in ones (27–36, 50–58). */
    static final class Styles extends DefaultHandler {

        private final Map<Integer, String> custom = new HashMap<>();
        private final List<Integer> xfs = new ArrayList<>();
        private boolean inCellXfs;

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) {
            switch (local) {
                case "numFmt" -> custom.put(integer(a.getValue("numFmtId")), a.getValue("formatCode"));
                case "cellXfs" -> inCellXfs = true;
                case "xf" -> {
                    if (inCellXfs) {
                        xfs.add(integer(a.getValue("numFmtId")));
                    }
                }
                default -> { }
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            if ("cellXfs".equals(local)) {
                inCellXfs = false;
            }
        }

        BitSet dateStyles() {
            BitSet dates = new BitSet();
            for (int i = 0; i < xfs.size(); i++) {
                int id = xfs.get(i);
                String format = custom.containsKey(id) ? custom.get(id) : BuiltinFormats.getBuiltinFormat(id);
                boolean chineseDate = id >= 27 && id <= 36 || id >= 50 && id <= 58;
                if (chineseDate || format != null && DateUtil.isADateFormat(id, format)) {
                    dates.set(i);
                }
            }
            return dates;
        }
    }

    /** xl/sharedStrings.xml: each string item's text without phonetic runs; refuses more than {@code maxChars} in all. */
    static final class SharedStrings extends DefaultHandler {

        private final long maxChars;
        final List<String> strings = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private boolean inText;
        private boolean inPhonetic;
        private long total;

        SharedStrings(long maxChars) {
            this.maxChars = maxChars;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) {
            switch (local) {
                case "si" -> text.setLength(0);
                case "rPh" -> inPhonetic = true;
                case "t" -> inText = !inPhonetic;
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (inText) {
                total += length;
                if (total > maxChars) {
                    throw new SAXException(new LedgerRejectedException("文件中的文字总量过大（超过 " + maxChars / 10_000 + " 万字），不像项目台账，已拒绝"));
                }
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            switch (local) {
                case "t" -> inText = false;
                case "rPh" -> inPhonetic = false;
                case "si" -> strings.add(text.toString());
                default -> { }
            }
        }
    }

    private static int integer(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
