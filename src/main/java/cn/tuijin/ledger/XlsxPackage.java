package cn.tuijin.ledger;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An uploaded .xlsx opened with POI's event API: {@link XSSFReader} for the package and its parts, the shared strings
 * in a {@link ReadOnlySharedStringsTable} (without phonetic runs), the styles in a {@link StylesTable}. XSSFReader
 * lists the sheets without their visibility and without the date system, so the workbook part is read here, with SAX.
 * Every part is parsed by POI's hardened XML parsers (no DTDs, no external entities). Zip bombs are stopped by POI's
 * {@link ZipSecureFile} (an entry inflating more than 100 times its compressed size, or beyond
 * {@link #MAX_PART_BYTES}); the shared strings and the styles, which are held in memory, by smaller budgets.
 */
final class XlsxPackage implements Closeable {

    /** No part of a ledger may inflate beyond this (the sheet of 50,000 rows takes about a tenth of it). */
    static final long MAX_PART_BYTES = 256L * 1024 * 1024;
    /** An entry inflating more than 100 times its compressed size is a zip bomb (POI's default, stated here). */
    static final double MIN_INFLATE_RATIO = 0.01;
    /** The shared strings are held in memory: at most this much XML (50,000 rows of distinct texts take about 15 MB). */
    static final long MAX_SHARED_STRINGS_BYTES = 128L * 1024 * 1024;
    /** The styles are held in memory as POI's object model: at most this much XML (Excel's 64,000 formats take less). */
    static final long MAX_STYLES_BYTES = 16L * 1024 * 1024;
    private static final int MAX_SHEETS = 255;
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    static {
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
    }

    /** A sheet as the workbook lists it. */
    record SheetRef(String name, String relationId, boolean hidden) {
    }

    private final OPCPackage pkg;
    private final XSSFReader reader;
    private final WorkbookPart workbook = new WorkbookPart();
    private ReadOnlySharedStringsTable sharedStrings;
    private StylesTable styles;

    private XlsxPackage(OPCPackage pkg, XSSFReader reader) {
        this.pkg = pkg;
        this.reader = reader;
    }

    /** Opens the file, or refuses it with a Chinese message saying what it is instead. */
    static XlsxPackage open(Path file) {
        checkSignature(file);
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (Exception e) {
            throw XlsxFailures.rejection(e);
        }
        try {
            checkWorkbook(pkg);
            XlsxPackage opened = new XlsxPackage(pkg, new XSSFReader(pkg));
            opened.readParts();
            return opened;
        } catch (LedgerRejectedException e) {
            pkg.revert();
            throw e;
        } catch (Exception e) {
            pkg.revert();
            throw XlsxFailures.rejection(e);
        }
    }

    private static void checkSignature(Path file) {
        FileMagic magic;
        try {
            if (Files.size(file) == 0) {
                throw new LedgerRejectedException("上传的文件是空的（0 字节）");
            }
            magic = FileMagic.valueOf(file.toFile());
        } catch (IOException e) {
            throw new LedgerRejectedException("上传的文件无法读取，请重新上传");
        }
        if (magic == FileMagic.OLE2) {
            throw new LedgerRejectedException("这是旧版 Excel 97-2003（.xls）文件或加了密码的文件，请在 Excel 中另存为「Excel 工作簿（*.xlsx）」并取消密码后再导入");
        }
        if (magic != FileMagic.OOXML) {
            throw new LedgerRejectedException("文件不是有效的 Excel（.xlsx）文件，请用 Excel 或 WPS 另存为「Excel 工作簿（*.xlsx）」后再导入");
        }
    }

    /** A package whose main part is not a workbook (a Word or PowerPoint file) is refused by name. */
    private static void checkWorkbook(OPCPackage pkg) {
        PackageRelationshipCollection core = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
        PackagePart main;
        try {
            main = core.isEmpty() ? null : pkg.getPart(core.getRelationship(0));
        } catch (RuntimeException e) {
            main = null;
        }
        if (main == null || !main.getContentType().contains("spreadsheetml") && !main.getContentType().contains("ms-excel")) {
            throw new LedgerRejectedException("文件不是 Excel 工作簿（可能是 Word 等其他 Office 文件），请上传 .xlsx 格式的项目台账");
        }
    }

    private void readParts() throws Exception {
        try (InputStream in = reader.getWorkbookData()) {
            parse(in, workbook);
        }
        try (InputStream in = reader.getSharedStringsData()) {
            if (in != null) {
                sharedStrings = new ReadOnlySharedStringsTable(new Capped(in, MAX_SHARED_STRINGS_BYTES,
                        "文件中的文字总量过大（共享字符串超过 " + MAX_SHARED_STRINGS_BYTES / 1024 / 1024 + " MB），不像项目台账，已拒绝"), false);
            }
        }
        try (InputStream in = reader.getStylesData()) {
            if (in != null) {
                styles = new StylesTable(new Capped(in, MAX_STYLES_BYTES,
                        "文件中的单元格格式过多（格式表超过 " + MAX_STYLES_BYTES / 1024 / 1024 + " MB），不像项目台账，已拒绝"));
            }
        }
    }

    List<SheetRef> sheets() {
        return workbook.sheets;
    }

    boolean date1904() {
        return workbook.date1904;
    }

    /** The shared strings, or null if the workbook has none. */
    ReadOnlySharedStringsTable sharedStrings() {
        return sharedStrings;
    }

    /** The styles, or null if the workbook has none. */
    StylesTable styles() {
        return styles;
    }

    /** Parses a sheet's XML with the handler. */
    void parseSheet(SheetRef sheet, DefaultHandler handler) throws Exception {
        try (InputStream in = sheetData(sheet)) {
            parse(in, handler);
        }
    }

    private InputStream sheetData(SheetRef sheet) throws Exception {
        try {
            if (sheet.relationId() != null) {
                return reader.getSheet(sheet.relationId());
            }
        } catch (IllegalArgumentException e) {
            // no such relationship or part: refused below
        }
        throw new LedgerRejectedException("工作表「" + sheet.name() + "」在文件中缺失，文件可能已损坏");
    }

    @Override
    public void close() {
        pkg.revert();
    }

    private static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException {
        XMLReader reader;
        try {
            reader = XMLHelper.newXMLReader();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        reader.setContentHandler(handler);
        reader.parse(new InputSource(in));
    }

    /** xl/workbook.xml: the sheets in order (name, relationship id, hidden or not) and the date system. */
    private static final class WorkbookPart extends DefaultHandler {

        final List<SheetRef> sheets = new ArrayList<>();
        boolean date1904;

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) throws SAXException {
            if ("workbookPr".equals(local)) {
                String v = a.getValue("date1904");
                date1904 = "1".equals(v) || "true".equalsIgnoreCase(v);
            } else if ("sheet".equals(local)) {
                if (sheets.size() >= MAX_SHEETS) {
                    throw new SAXException(new LedgerRejectedException("工作表过多（超过 " + MAX_SHEETS + " 个），不像项目台账，已拒绝"));
                }
                String state = a.getValue("state");
                sheets.add(new SheetRef(a.getValue("name"), a.getValue(RELATIONSHIPS, "id"), state != null && !"visible".equals(state)));
            }
        }
    }

    /** A part's stream that refuses to be read beyond a budget, with the message given. */
    private static final class Capped extends FilterInputStream {

        private final long max;
        private final String refusal;
        private long read;

        Capped(InputStream in, long max, String refusal) {
            super(in);
            this.max = max;
            this.refusal = refusal;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new LedgerRejectedException(refusal);
            }
        }
    }
}
