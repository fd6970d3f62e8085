package cn.tuijin.ledger;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An uploaded .xlsx opened for streaming with POI's package layer (no workbook object model): its sheets in workbook
 * order, the date system, which cell styles show dates, and the shared strings. Every part is read with SAX.
 * Zip bombs are stopped by POI's {@link ZipSecureFile} (an entry inflating more than 100 times its compressed size,
 * or beyond {@link #MAX_PART_BYTES}), the shared strings by a character budget.
 */
final class XlsxPackage implements Closeable {

    /** No part of a ledger may inflate beyond this (the sheet of 50,000 rows takes about a tenth of it). */
    static final long MAX_PART_BYTES = 256L * 1024 * 1024;
    /** An entry inflating more than 100 times its compressed size is a zip bomb (POI's default, stated here). */
    static final double MIN_INFLATE_RATIO = 0.01;
    private static final long MAX_SHARED_CHARS = 40_000_000;
    private static final int MAX_SHEETS = 255;
    private static final String STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
    private static final String SHARED_STRINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";

    static {
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
    }

    /** A sheet as the workbook lists it. */
    record SheetRef(String name, String relationId, boolean hidden) {
    }

    private final OPCPackage pkg;
    private final PackagePart workbook;
    private final List<SheetRef> sheets = new ArrayList<>();
    private final BitSet dateStyles = new BitSet();
    private final List<String> sharedStrings = new ArrayList<>();
    private boolean date1904;

    private XlsxPackage(OPCPackage pkg, PackagePart workbook) {
        this.pkg = pkg;
        this.workbook = workbook;
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
            PackageRelationshipCollection core = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
            PackagePart workbook = core.isEmpty() ? null : pkg.getPart(core.getRelationship(0));
            if (workbook == null || !workbook.getContentType().contains("spreadsheetml") && !workbook.getContentType().contains("ms-excel")) {
                throw new LedgerRejectedException("文件不是 Excel 工作簿（可能是 Word 等其他 Office 文件），请上传 .xlsx 格式的项目台账");
            }
            XlsxPackage opened = new XlsxPackage(pkg, workbook);
            opened.readWorkbook();
            opened.readStyles();
            opened.readSharedStrings();
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
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            throw new LedgerRejectedException("上传的文件无法读取，请重新上传");
        }
        if (n == 0) {
            throw new LedgerRejectedException("上传的文件是空的（0 字节）");
        }
        if (n == 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11 && (head[3] & 0xFF) == 0xE0) {
            throw new LedgerRejectedException("这是旧版 Excel 97-2003（.xls）文件或加了密码的文件，请在 Excel 中另存为「Excel 工作簿（*.xlsx）」并取消密码后再导入");
        }
        if (n < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            throw new LedgerRejectedException("文件不是有效的 Excel（.xlsx）文件，请用 Excel 或 WPS 另存为「Excel 工作簿（*.xlsx）」后再导入");
        }
    }

    List<SheetRef> sheets() {
        return sheets;
    }

    boolean date1904() {
        return date1904;
    }

    boolean isDateStyle(int style) {
        return style >= 0 && dateStyles.get(style);
    }

    /** The shared string at the index, or null if there is none. */
    String sharedString(int index) {
        return index >= 0 && index < sharedStrings.size() ? sharedStrings.get(index) : null;
    }

    /** Parses a sheet's XML with the handler. */
    void parseSheet(SheetRef sheet, DefaultHandler handler) throws Exception {
        PackageRelationship rel = workbook.getRelationship(sheet.relationId());
        PackagePart part = rel == null ? null : workbook.getRelatedPart(rel);
        if (part == null) {
            throw new LedgerRejectedException("工作表「" + sheet.name() + "」在文件中缺失，文件可能已损坏");
        }
        try (InputStream in = part.getInputStream()) {
            parse(in, handler);
        }
    }

    @Override
    public void close() {
        pkg.revert();
    }

    private void readWorkbook() throws Exception {
        XlsxParts.Workbook handler = new XlsxParts.Workbook(MAX_SHEETS);
        try (InputStream in = workbook.getInputStream()) {
            parse(in, handler);
        }
        sheets.addAll(handler.sheets);
        date1904 = handler.date1904;
    }

    private void readStyles() throws Exception {
        PackagePart styles = related(STYLES);
        if (styles != null) {
            XlsxParts.Styles handler = new XlsxParts.Styles();
            try (InputStream in = styles.getInputStream()) {
                parse(in, handler);
            }
            dateStyles.or(handler.dateStyles());
        }
    }

    private void readSharedStrings() throws Exception {
        PackagePart strings = related(SHARED_STRINGS);
        if (strings != null) {
            XlsxParts.SharedStrings handler = new XlsxParts.SharedStrings(MAX_SHARED_CHARS);
            try (InputStream in = strings.getInputStream()) {
                parse(in, handler);
            }
            sharedStrings.addAll(handler.strings);
        }
    }

    private PackagePart related(String type) throws Exception {
        PackageRelationshipCollection rels = workbook.getRelationshipsByType(type);
        return rels.isEmpty() ? null : workbook.getRelatedPart(rels.getRelationship(0));
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
}
