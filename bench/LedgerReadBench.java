import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reading an uploaded ledger of 50,000 rows: the ledger module's own streaming reader (XlsxPackage, XlsxParts,
 * SheetXmlHandler) against a reader on POI's event API (XSSFReader, ReadOnlySharedStringsTable, StylesTable,
 * XSSFSheetXMLHandler), a copy of which is kept here.
 *
 * <p>The ledger is the real import template ({@code LedgerTemplate.build()}, over an in-memory directory of the demo
 * city's districts, units and leaders) with 50,000 rows in all 16 columns, written twice: with shared strings, as Excel
 * and WPS save a workbook, and with inline strings, as POI's streaming writer does. Both readers do the same work: open
 * the package, read the workbook part, the shared strings and the styles, stream the first visible sheet and hand each
 * row, as typed cells by column, to a sink. They must agree on every cell. Timed rounds alternate between the two; the
 * median is reported. Memory: bytes allocated per read (this thread), the heap live while the last row is handled
 * (after a GC, minus the heap before the file was opened), and the smallest -Xmx with which a fresh JVM reads the file.
 * Run by {@code bench/ledger-read.sh} from the project directory; writes {@code bench/results/<yyyy-MM-dd>-ledger-read.md}.
 */
public class LedgerReadBench {

    static final int ROWS = 50_000;
    static final long SEED = 20261126L;
    static final int WARMUP_ROUNDS = 10;
    static final int ROUNDS = 15;
    static final Path DIR = Path.of("target", "bench-ledger");

    static long sink;

    /** Receives a row: its number as the user sees it and its non-empty cells by column index. */
    interface RowSink {
        void row(int number, Map<Integer, ?> cells);
    }

    /** A reader under test: reads the first visible sheet of the file into the sink. */
    interface Reader {
        String name();

        void read(Path file, RowSink sink) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--once")) {
            once(args[1], Path.of(args[2]));
            return;
        }
        quietLogging();
        Files.createDirectories(DIR);
        Path shared = DIR.resolve("ledger-50000-shared-strings.xlsx");
        Path inline = DIR.resolve("ledger-50000-inline-strings.xlsx");
        byte[] template = template();
        write(template, shared, true);
        write(template, inline, false);

        Reader own = new OwnReader();
        Reader poi = new PoiReader();
        List<String> md = new ArrayList<>();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        md.add("# Reading a 50,000-row ledger: own reader vs POI's event API, " + today);
        md.add("");
        md.add("`bash bench/ledger-read.sh` (`bench/LedgerReadBench.java`). The real import template (`LedgerTemplate.build()`) "
                + "with " + String.format(Locale.ROOT, "%,d", ROWS) + " rows in all 16 columns (seed " + SEED + "), read by the ledger "
                + "module's own reader (`XlsxPackage` + `XlsxParts` + `SheetXmlHandler`) and by a reader on POI's event API "
                + "(`XSSFReader`, `ReadOnlySharedStringsTable`, `StylesTable`, `XSSFSheetXMLHandler`; copy in the bench). Each read: open "
                + "the package, workbook part, shared strings, styles, stream the first visible sheet, every row as typed cells by "
                + "column to a sink. " + WARMUP_ROUNDS + " warm-up reads of each, then " + ROUNDS + " timed reads of each, alternating, "
                + "one thread. Allocation: bytes allocated by the reading thread per read. Live heap: heap used after a GC while the "
                + "last row is handled, minus the heap used after a GC before the file is opened. Smallest heap: the smallest "
                + "`-Xmx` (to 2 MiB) with which a fresh JVM reads the file once.");
        md.add("");
        for (Path file : List.of(shared, inline)) {
            md.addAll(compare(file, own, poi));
        }
        md.add("## Machine");
        md.add("");
        md.addAll(machine());
        md.add("");
        md.add("checksum " + sink);
        String text = String.join("\n", md) + "\n";
        System.out.print(text);
        Path out = Path.of("bench", "results", today + "-ledger-read.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("written to " + out);
    }

    /** Child mode: read the file once with the named reader (for the smallest heap). */
    static void once(String reader, Path file) throws Exception {
        Reader r = reader.equals("own") ? new OwnReader() : new PoiReader();
        long[] count = new long[1];
        r.read(file, (n, cells) -> count[0] += cells.size());
        System.out.println("cells " + count[0]);
    }

    static List<String> compare(Path file, Reader own, Reader poi) throws Exception {
        List<String> md = new ArrayList<>();
        // Agreement, untimed: every row and cell rendered the same way.
        List<String> ownRows = new ArrayList<>();
        List<String> poiRows = new ArrayList<>();
        own.read(file, (n, cells) -> ownRows.add(n + " " + render(cells)));
        poi.read(file, (n, cells) -> poiRows.add(n + " " + render(cells)));
        int disagreements = 0;
        for (int i = 0; i < Math.max(ownRows.size(), poiRows.size()); i++) {
            String a = i < ownRows.size() ? ownRows.get(i) : null;
            String b = i < poiRows.size() ? poiRows.get(i) : null;
            if (!java.util.Objects.equals(a, b)) {
                if (disagreements++ < 3) {
                    System.err.println("row " + i + ":\n  own " + a + "\n  poi " + b);
                }
            }
        }
        String sample = ownRows.size() > 1 ? ownRows.get(1) : "";
        ownRows.clear();
        poiRows.clear();

        for (int r = 0; r < WARMUP_ROUNDS; r++) {
            time(own, file);
            time(poi, file);
        }
        double[] ownSeconds = new double[ROUNDS];
        double[] poiSeconds = new double[ROUNDS];
        double[] ownAlloc = new double[ROUNDS];
        double[] poiAlloc = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long a0 = allocated();
            ownSeconds[r] = time(own, file);
            ownAlloc[r] = allocated() - a0;
            a0 = allocated();
            poiSeconds[r] = time(poi, file);
            poiAlloc[r] = allocated() - a0;
        }
        double ownLive = live(own, file);
        double poiLive = live(poi, file);
        int ownMin = smallestHeap("own", file);
        int poiMin = smallestHeap("poi", file);

        double ownMedian = median(ownSeconds);
        double poiMedian = median(poiSeconds);
        md.add("## " + file.getFileName() + " (" + mib(Files.size(file)) + " MiB; sheet XML " + mib(sheetXmlSize(file)) + " MiB, shared strings "
                + mib(entrySize(file, "xl/sharedStrings.xml")) + " MiB)");
        md.add("");
        md.add("| reader | median read | fastest | rows / s (median) | allocated / read | live heap while reading | smallest -Xmx |");
        md.add("|---|---:|---:|---:|---:|---:|---:|");
        md.add(row(own.name(), ownSeconds, ownAlloc, ownLive, ownMin));
        md.add(row(poi.name(), poiSeconds, poiAlloc, poiLive, poiMin));
        md.add("");
        md.add(String.format(Locale.ROOT, "POI ÷ own: time **%.2f×** (median), %.2f× (fastest); allocation %.2f×; live heap %.2f×; "
                        + "smallest heap %.2f×. Both agree on every cell: %s (rows differing: %d).",
                poiMedian / ownMedian, min(poiSeconds) / min(ownSeconds), median(poiAlloc) / median(ownAlloc), poiLive / ownLive,
                (double) poiMin / ownMin, disagreements == 0 ? "yes" : "NO", disagreements));
        md.add("");
        md.add("Rounds, own (s): " + list(ownSeconds));
        md.add("");
        md.add("Rounds, POI (s): " + list(poiSeconds));
        md.add("");
        md.add("A row as both read it: `" + sample + "`");
        md.add("");
        if (disagreements > 0) {
            System.err.println("the readers disagree on " + disagreements + " rows of " + file);
        }
        return md;
    }

    static String row(String name, double[] seconds, double[] alloc, double live, int smallest) {
        return String.format(Locale.ROOT, "| %s | %.3f s | %.3f s | %,.0f | %.1f MiB | %.1f MiB | %d MiB |", name, median(seconds), min(seconds),
                ROWS / median(seconds), median(alloc) / 1024 / 1024, live / 1024 / 1024, smallest);
    }

    static double time(Reader reader, Path file) throws Exception {
        long[] count = new long[1];
        long t0 = System.nanoTime();
        reader.read(file, (n, cells) -> count[0] += n + cells.size());
        double seconds = (System.nanoTime() - t0) / 1e9;
        sink += count[0];
        return seconds;
    }

    /** Heap live while the last row is handled, above the heap before the file is opened (both after a GC). */
    static double live(Reader reader, Path file) throws Exception {
        System.gc();
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long[] during = new long[1];
        reader.read(file, (n, cells) -> {
            if (n == ROWS + 1) {
                System.gc();
                during[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }
        });
        return during[0] - before;
    }

    /** The smallest -Xmx (MiB, to 2) with which a fresh JVM reads the file. */
    static int smallestHeap(String reader, Path file) throws Exception {
        int low = 2;
        int high = 512;
        if (!readsWith(reader, file, high)) {
            return -1;
        }
        while (high - low > 2) {
            int mid = (low + high) / 2;
            if (readsWith(reader, file, mid)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    static boolean readsWith(String reader, Path file, int megabytes) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + megabytes + "m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), LedgerReadBench.class.getName(), "--once", reader, file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 && out.contains("cells ");
    }

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    static String render(Map<Integer, ?> cells) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<Integer, ?> e : new TreeMap<>(cells).entrySet()) {
            s.append(CellReference.convertNumToColString(e.getKey())).append('=').append(describe(e.getValue())).append(' ');
        }
        return s.toString().strip();
    }

    /** A cell of either reader as kind:value, the same way for both. */
    static String describe(Object cell) {
        if (cell instanceof PoiCell c) {
            return c.kind() + ":" + (c.kind().equals("NUMBER") ? c.number() + (c.date() ? "d" : "") : c.text());
        }
        return OwnReader.describe(cell);
    }

    // ------------------------------------------------------------------------------------------------ the ledger

    /** The real import template, built over an in-memory directory of the demo city. */
    static byte[] template() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:ledger-bench;DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        jdbc.execute("create table district (code varchar(32) primary key, name varchar(64) not null)");
        jdbc.execute("create table unit (code varchar(32) primary key, name varchar(128) not null, kind varchar(16) not null, district_code varchar(32))");
        jdbc.execute("create table person (id varchar(64) primary key, name varchar(64) not null, role varchar(16) not null, unit_code varchar(32), "
                + "phone varchar(32), email varchar(128))");
        for (String[] d : DISTRICTS) {
            jdbc.update("insert into district values (?, ?)", d[0], d[1]);
        }
        for (String[] u : UNITS) {
            jdbc.update("insert into unit values (?, ?, ?, ?)", u[0], u[1], u[2], u[3]);
        }
        jdbc.update("insert into person values ('mazy', '马志远', 'LEADER', 'xmb', null, null)");
        jdbc.update("insert into person values ('linxh', '林晓红', 'LEADER', 'xmb', null, null)");
        Object org = construct("cn.tuijin.org.OrgDirectory", new Class<?>[] {JdbcTemplate.class}, jdbc);
        Object template = construct("cn.tuijin.ledger.LedgerTemplate", new Class<?>[] {org.getClass(), int.class, DataSize.class},
                org, ROWS, DataSize.ofMegabytes(10));
        Method build = template.getClass().getDeclaredMethod("build");
        build.setAccessible(true);
        return (byte[]) build.invoke(template);
    }

    static final String[][] DISTRICTS = {{"lj", "临江区"}, {"bh", "北湖区"}, {"gx", "高新区"}};
    static final String[][] UNITS = {{"fgw", "市发展改革委", "DEPARTMENT", null}, {"zjj", "市住房城乡建设局", "DEPARTMENT", null},
            {"zrj", "市自然资源和规划局", "DEPARTMENT", null}, {"sthj", "市生态环境局", "DEPARTMENT", null},
            {"gxj", "市工业和信息化局", "DEPARTMENT", null}, {"xmb", "市重点项目办", "DEPARTMENT", null},
            {"ljq", "临江区人民政府", "DISTRICT", "lj"}, {"bhq", "北湖区人民政府", "DISTRICT", "bh"}, {"gxq", "高新区管委会", "DISTRICT", "gx"},
            {"hxjc", "华芯集成电路有限公司", "ENTERPRISE", "gx"}};
    static final String[] CATEGORIES = {"产业", "基础设施", "城建", "社会民生", "技改"};
    static final String[] LEVELS = {"省重点", "市重点", "区重点"};
    static final String[] STAGES = {"储备", "在谈", "签约", "在建", "竣工", "投产"};
    static final String[] WORKS = {"道路及配套管网", "厂房及生产线", "安置房", "污水处理厂提标改造", "学校教学楼", "医院门诊楼", "智能制造车间",
            "综合管廊", "公园绿地", "数据中心机房"};
    static final String[] LEADERS = {"马志远", "林晓红"};

    /** The template filled with ROWS rows, every column, cells styled as the template's columns are. */
    static void write(byte[] template, Path file, boolean sharedStrings) throws IOException {
        Random random = new Random(SEED);
        try (XSSFWorkbook base = new XSSFWorkbook(new ByteArrayInputStream(template));
             SXSSFWorkbook wb = new SXSSFWorkbook(base, 500, true, sharedStrings);
             OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.getSheetAt(0);
            CellStyle date = base.getSheetAt(0).getColumnStyle(12);
            CellStyle amount = base.getSheetAt(0).getColumnStyle(7);
            CellStyle text = base.getSheetAt(0).getColumnStyle(1);
            LocalDate first = LocalDate.of(2025, 1, 1);
            for (int i = 1; i <= ROWS; i++) {
                Row row = sheet.createRow(i);
                String[] district = DISTRICTS[random.nextInt(DISTRICTS.length)];
                String[] unit = UNITS[random.nextInt(UNITS.length)];
                String work = WORKS[random.nextInt(WORKS.length)];
                row.createCell(0).setCellValue(i);
                styled(row, 1, text).setCellValue(String.format("XM-2026-%05d", i));
                row.createCell(2).setCellValue(district[1] + work + "项目（第" + (i % 97 + 1) + "期）");
                row.createCell(3).setCellValue("新建" + work + "，占地" + (20 + random.nextInt(400)) + "亩，建筑面积" + (1 + random.nextInt(30))
                        + "万平方米，配套建设道路、给排水、电力等设施");
                row.createCell(4).setCellValue(CATEGORIES[random.nextInt(CATEGORIES.length)]);
                row.createCell(5).setCellValue(LEVELS[random.nextInt(LEVELS.length)]);
                row.createCell(6).setCellValue(district[1]);
                double total = 1000 + random.nextInt(200_000) / 10.0;
                styled(row, 7, amount).setCellValue(total);
                styled(row, 8, amount).setCellValue(Math.round(total * random.nextInt(100)) / 100.0);
                row.createCell(9).setCellValue(unit[1]);
                row.createCell(10).setCellValue(UNITS[random.nextInt(UNITS.length)][1] + "、" + district[1] + "人民政府");
                row.createCell(11).setCellValue(LEADERS[random.nextInt(LEADERS.length)]);
                LocalDate sign = first.plusDays(random.nextInt(700));
                styled(row, 12, date).setCellValue(sign);
                styled(row, 13, date).setCellValue(sign.plusDays(30 + random.nextInt(300)));
                styled(row, 14, date).setCellValue(sign.plusDays(400 + random.nextInt(900)));
                row.createCell(15).setCellValue(STAGES[random.nextInt(STAGES.length)]);
            }
            wb.write(out);
        }
    }

    static Cell styled(Row row, int column, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(style);
        return cell;
    }

    static long sheetXmlSize(Path file) throws IOException {
        return entrySize(file, "xl/worksheets/sheet1.xml");
    }

    static long entrySize(Path file, String name) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(name);
            if (e == null) {
                return 0;
            }
            try (InputStream in = zip.getInputStream(e)) {
                return in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the own reader

    /** The ledger module's XlsxPackage and SheetXmlHandler, called through their package-private methods. */
    static final class OwnReader implements Reader {

        static final Method OPEN;
        static final Method SHEETS;
        static final Method PARSE;
        static final Method CLOSE;
        static final Method HIDDEN;
        static final Constructor<?> HANDLER;
        static final Class<?> LISTENER;
        static final Method KIND;
        static final Method TEXT;
        static final Method NUMBER;
        static final Method DATE;

        static {
            try {
                Class<?> pkg = Class.forName("cn.tuijin.ledger.XlsxPackage");
                Class<?> ref = Class.forName("cn.tuijin.ledger.XlsxPackage$SheetRef");
                Class<?> handler = Class.forName("cn.tuijin.ledger.SheetXmlHandler");
                Class<?> cell = Class.forName("cn.tuijin.ledger.SheetCell");
                LISTENER = Class.forName("cn.tuijin.ledger.SheetXmlHandler$RowListener");
                OPEN = accessible(pkg.getDeclaredMethod("open", Path.class));
                SHEETS = accessible(pkg.getDeclaredMethod("sheets"));
                PARSE = accessible(pkg.getDeclaredMethod("parseSheet", ref, DefaultHandler.class));
                CLOSE = accessible(pkg.getDeclaredMethod("close"));
                HIDDEN = accessible(ref.getDeclaredMethod("hidden"));
                HANDLER = handler.getDeclaredConstructor(pkg, LISTENER);
                HANDLER.setAccessible(true);
                KIND = accessible(cell.getDeclaredMethod("kind"));
                TEXT = accessible(cell.getDeclaredMethod("text"));
                NUMBER = accessible(cell.getDeclaredMethod("number"));
                DATE = accessible(cell.getDeclaredMethod("dateFormatted"));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @Override
        public String name() {
            return "own (XlsxPackage + SheetXmlHandler)";
        }

        @Override
        @SuppressWarnings("unchecked")
        public void read(Path file, RowSink sink) throws Exception {
            Object pkg = unwrap(() -> OPEN.invoke(null, file));
            try {
                for (Object sheet : (List<?>) SHEETS.invoke(pkg)) {
                    if ((boolean) HIDDEN.invoke(sheet)) {
                        continue;
                    }
                    Object listener = Proxy.newProxyInstance(LISTENER.getClassLoader(), new Class<?>[] {LISTENER}, (p, m, a) -> {
                        if (m.getName().equals("row")) {
                            sink.row((int) a[0], (Map<Integer, ?>) a[1]);
                            return null;
                        }
                        return m.getName().equals("hashCode") ? 0 : m.getName().equals("equals") ? p == a[0] : "listener";
                    });
                    Object handler = HANDLER.newInstance(pkg, listener);
                    unwrap(() -> PARSE.invoke(pkg, sheet, handler));
                    return;
                }
            } finally {
                CLOSE.invoke(pkg);
            }
        }

        static String describe(Object cell) {
            try {
                String kind = KIND.invoke(cell).toString();
                return kind + ":" + (kind.equals("NUMBER") ? NUMBER.invoke(cell) + ((boolean) DATE.invoke(cell) ? "d" : "") : TEXT.invoke(cell));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    interface Call {
        Object call() throws Exception;
    }

    static Object unwrap(Call call) throws Exception {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
    }

    static Method accessible(Method m) {
        m.setAccessible(true);
        return m;
    }

    static Object construct(String className, Class<?>[] types, Object... args) throws ReflectiveOperationException {
        Constructor<?> constructor = Class.forName(className).getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(args);
    }

    // ------------------------------------------------------------------------------------------------ POI's event API

    /** A cell as the POI reader yields it (the ledger module's SheetCell, kept here). */
    record PoiCell(String kind, String text, double number, boolean date) {
    }

    /**
     * The reader on POI's event API, as the ledger module would use it: XSSFReader for the package, the sheets' parts
     * and the styles; ReadOnlySharedStringsTable (without phonetic runs) for the shared strings; XSSFSheetXMLHandler for
     * the cells, with a DataFormatter that keeps each number and whether its format shows a date instead of formatting
     * it. Three things POI's handler does not report are seen on the way in: each cell's type, a formula saved without
     * a result, and the merged ranges. The workbook part is read by a small SAX handler, because XSSFReader lists the
     * sheets without their visibility and without the date system.
     */
    static final class PoiReader implements Reader {

        static final int MAX_SHEETS = 255;
        static final long MAX_SHARED_STRINGS_BYTES = 128L * 1024 * 1024;
        static final long MAX_STYLES_BYTES = 16L * 1024 * 1024;

        @Override
        public String name() {
            return "POI event API (XSSFReader + XSSFSheetXMLHandler)";
        }

        @Override
        public void read(Path file, RowSink sink) throws Exception {
            if (Files.size(file) == 0 || FileMagic.valueOf(file.toFile()) != FileMagic.OOXML) {
                throw new IllegalStateException("not an .xlsx");
            }
            try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
                XSSFReader reader = new XSSFReader(pkg);
                WorkbookPart workbook = new WorkbookPart();
                try (InputStream in = reader.getWorkbookData()) {
                    parse(in, workbook);
                }
                SharedStrings strings = null;
                try (InputStream in = reader.getSharedStringsData()) {
                    if (in != null) {
                        strings = new ReadOnlySharedStringsTable(new Capped(in, MAX_SHARED_STRINGS_BYTES), false);
                    }
                }
                StylesTable styles = null;
                try (InputStream in = reader.getStylesData()) {
                    if (in != null) {
                        styles = new StylesTable(new Capped(in, MAX_STYLES_BYTES));
                    }
                }
                for (String[] sheet : workbook.sheets) {
                    if (sheet[2] != null) {
                        continue;
                    }
                    SheetEvents events = new SheetEvents(styles, strings, sink);
                    try (InputStream in = reader.getSheet(sheet[1])) {
                        parse(in, events);
                    }
                    return;
                }
            }
        }

        static void parse(InputStream in, DefaultHandler handler) throws Exception {
            XMLReader reader = XMLHelper.newXMLReader();
            reader.setContentHandler(handler);
            reader.parse(new InputSource(in));
        }

        /** xl/workbook.xml: the sheets in order as {name, relationship id, state if not visible} and the date system. */
        static final class WorkbookPart extends DefaultHandler {
            final List<String[]> sheets = new ArrayList<>();
            boolean date1904;

            @Override
            public void startElement(String uri, String local, String qName, Attributes a) throws SAXException {
                if ("workbookPr".equals(local)) {
                    String v = a.getValue("date1904");
                    date1904 = "1".equals(v) || "true".equalsIgnoreCase(v);
                } else if ("sheet".equals(local)) {
                    if (sheets.size() >= MAX_SHEETS) {
                        throw new SAXException("too many sheets");
                    }
                    String state = a.getValue("state");
                    sheets.add(new String[] {a.getValue("name"), a.getValue("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id"),
                            state == null || "visible".equals(state) ? null : state});
                }
            }
        }

        /** Keeps the number POI hands over and whether its format shows a date, instead of formatting it. */
        static final class Numbers extends DataFormatter {
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

        /** Stands in front of POI's sheet handler: notes each cell's column and type, formulas without a result and merged ranges. */
        static final class SheetEvents extends DefaultHandler implements XSSFSheetXMLHandler.SheetContentsHandler {

            static final int MAX_CELL_CHARS = 32_767;
            static final RichTextString NO_STRING = new XSSFRichTextString("");

            private final XSSFSheetXMLHandler poi;
            private final Numbers numbers = new Numbers();
            private final RowSink sink;
            final List<String> merged = new ArrayList<>();
            private Map<Integer, PoiCell> cells = new HashMap<>();
            private int row;
            private int column;
            private String type;
            private boolean inCell;
            private boolean formula;
            private boolean hasValue;
            private boolean inPhonetic;
            private boolean missingString;
            private int chars;

            SheetEvents(StylesTable styles, SharedStrings strings, RowSink sink) {
                this.poi = new XSSFSheetXMLHandler(styles, new CheckedStrings(strings), this, numbers, false);
                this.sink = sink;
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
                        chars = 0;
                        missingString = false;
                        numbers.seen = false;
                    }
                    case "f" -> formula = true;
                    case "v", "is" -> hasValue = true;
                    case "rPh" -> inPhonetic = true;
                    case "mergeCell" -> merged.add(a.getValue("ref"));
                    default -> { }
                }
                poi.startElement(uri, local, qName, a);
            }

            @Override
            public void characters(char[] ch, int start, int length) throws SAXException {
                if (!inCell || inPhonetic) {
                    return;
                }
                chars += length;
                if (chars > MAX_CELL_CHARS) {
                    throw new SAXException("cell too long at row " + row);
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
                            cells.put(column, new PoiCell("NO_RESULT", null, 0, false));
                        }
                    }
                    case "rPh" -> inPhonetic = false;
                    case "row" -> sink.row(row, cells);
                    default -> { }
                }
            }

            @Override
            public void startRow(int rowNum) {
                row = rowNum + 1;
                cells = new HashMap<>();
            }

            @Override
            public void endRow(int rowNum) {
            }

            @Override
            public void cell(String reference, String value, XSSFComment comment) {
                PoiCell cell = typed(value);
                if (cell != null && !(cell.kind().equals("TEXT") && cell.text().isBlank())) {
                    cells.put(column, cell);
                }
            }

            private PoiCell typed(String value) {
                if (value == null) {
                    return null;
                }
                return switch (type == null ? "n" : type) {
                    case "s" -> missingString ? new PoiCell("ERROR", "共享字符串缺失", 0, false) : new PoiCell("TEXT", value, 0, false);
                    case "inlineStr", "str", "d" -> new PoiCell("TEXT", value, 0, false);
                    case "b" -> new PoiCell("BOOLEAN", value, 0, false);
                    case "e" -> new PoiCell("ERROR", value.substring(value.startsWith("ERROR:") ? 6 : 0).trim(), 0, false);
                    default -> {
                        if (numbers.seen) {
                            yield new PoiCell("NUMBER", null, numbers.value, numbers.date);
                        }
                        if (value.isBlank()) {
                            yield null;
                        }
                        try {
                            yield new PoiCell("NUMBER", null, Double.parseDouble(value.trim()), false);
                        } catch (NumberFormatException e) {
                            yield new PoiCell("TEXT", value, 0, false);
                        }
                    }
                };
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

        /** A part's stream that refuses to be read beyond a number of bytes. */
        static final class Capped extends FilterInputStream {
            private final long max;
            private long read;

            Capped(InputStream in, long max) {
                super(in);
                this.max = max;
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

            private void count(int n) throws IOException {
                read += n;
                if (read > max) {
                    throw new IOException("part larger than " + max + " bytes");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ figures and machine

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
    }

    static String list(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return s.toString();
    }

    static List<String> machine() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        lines.add("- nproc: " + command("nproc").strip() + " (JVM sees " + Runtime.getRuntime().availableProcessors() + ")");
        lines.add("- CPU: " + cpuModel());
        lines.add("- memory: " + totalMemory());
        lines.add("- load average at the end: " + Files.readString(Path.of("/proc/loadavg")).strip());
        lines.add("- JVM heap max: " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB; POI "
                + org.apache.poi.Version.getVersion());
        lines.add("- java -version:");
        lines.add("");
        lines.add("```");
        lines.add(command(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").strip());
        lines.add("```");
        return lines;
    }

    static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.exists(cpuinfo)) {
            return "unknown";
        }
        return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
    }

    static String totalMemory() throws IOException {
        Path meminfo = Path.of("/proc/meminfo");
        if (!Files.exists(meminfo)) {
            return "unknown";
        }
        return Files.readAllLines(meminfo).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> {
                    long kb = Long.parseLong(l.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.1f GiB (MemTotal %,d kB)", kb / 1024.0 / 1024.0, kb);
                }).orElse("unknown");
    }

    static String command(String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static void quietLogging() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
