import static cn.tuijin.BenchSupport.list;
import static cn.tuijin.BenchSupport.loadAverage;
import static cn.tuijin.BenchSupport.machineSection;
import static cn.tuijin.BenchSupport.median;
import static cn.tuijin.BenchSupport.min;
import static cn.tuijin.BenchSupport.quietLogging;
import static cn.tuijin.BenchSupport.today;
import static cn.tuijin.BenchSupport.writeResults;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Reading an uploaded ledger of 50,000 rows with the ledger module's reader ({@code LedgerSheetReader} on POI's event
 * API: XSSFReader, ReadOnlySharedStringsTable, StylesTable, XSSFSheetXMLHandler), as the import calls it: find the
 * header, then every data row as typed cells by ledger column to a consumer.
 *
 * <p>The ledger is the real import template ({@code LedgerTemplate.build()}, over an in-memory directory of the demo
 * city's districts, units and leaders) with 50,000 rows in all 16 columns, written twice: with shared strings, as Excel
 * and WPS save a workbook, and with inline strings, as POI's streaming writer does. Reported: the median read and rows
 * per second; the bytes allocated per read (this thread); the heap live while the last row is handled (after a GC,
 * minus the heap before the file was opened); the smallest -Xmx with which a fresh JVM reads the file. The comparison
 * with the module's former own reader, measured while both existed, is in
 * {@code bench/results/2026-12-06-ledger-read-own-vs-poi.md}. Run by {@code bench/ledger-read.sh} from the project
 * directory; writes {@code bench/results/<yyyy-MM-dd>-ledger-read.md}.
 */
public class LedgerReadBench {

    static final int ROWS = 50_000;
    static final long SEED = 20261126L;
    static final int WARMUP_ROUNDS = 10;
    static final int ROUNDS = 15;
    static final Path DIR = Path.of("target", "bench-ledger");

    static long sink;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--once")) {
            System.out.println("rows " + read(Path.of(args[1]), null));
            return;
        }
        quietLogging();
        String loadBefore = loadAverage();
        Files.createDirectories(DIR);
        Path shared = DIR.resolve("ledger-50000-shared-strings.xlsx");
        Path inline = DIR.resolve("ledger-50000-inline-strings.xlsx");
        byte[] template = template();
        write(template, shared, true);
        write(template, inline, false);

        List<String> md = new ArrayList<>();
        LocalDate today = today();
        md.add("# Reading a 50,000-row ledger, " + today);
        md.add("");
        md.add("`bash bench/ledger-read.sh` (`bench/LedgerReadBench.java`). The real import template (`LedgerTemplate.build()`) "
                + "with " + String.format(Locale.ROOT, "%,d", ROWS) + " rows in all 16 columns (seed " + SEED + "), read by "
                + "`LedgerSheetReader` (POI's event API: `XSSFReader`, `ReadOnlySharedStringsTable`, `StylesTable`, "
                + "`XSSFSheetXMLHandler`) as the import calls it: header found, every data row as typed cells by column to a "
                + "consumer. " + WARMUP_ROUNDS + " warm-up reads, then " + ROUNDS + " timed reads of each file, alternating, one "
                + "thread. Allocation: bytes allocated by the reading thread per read. Live heap: heap used after a GC while the "
                + "last row is handled, minus the heap used after a GC before the file is opened. Smallest heap: the smallest "
                + "`-Xmx` (to 2 MiB) with which a fresh JVM reads the file once. The former own reader against POI's event "
                + "API, measured while both existed: `bench/results/2026-12-06-ledger-read-own-vs-poi.md`.");
        md.add("");
        md.add("| file | size | sheet XML | median read | fastest | rows / s (median) | allocated / read | live heap while reading | smallest -Xmx |");
        md.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<Path> files = List.of(shared, inline);
        for (Path file : files) {
            read(file, null);
        }
        for (int r = 0; r < WARMUP_ROUNDS; r++) {
            for (Path file : files) {
                time(file);
            }
        }
        double[][] seconds = new double[files.size()][ROUNDS];
        double[][] alloc = new double[files.size()][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            for (int f = 0; f < files.size(); f++) {
                long a0 = allocated();
                seconds[f][r] = time(files.get(f));
                alloc[f][r] = allocated() - a0;
            }
        }
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            md.add(String.format(Locale.ROOT, "| %s | %s MiB | %s MiB | %.3f s | %.3f s | %,.0f | %.1f MiB | %.1f MiB | %d MiB |",
                    file.getFileName(), mib(Files.size(file)), mib(sheetXmlSize(file)), median(seconds[f]), min(seconds[f]),
                    ROWS / median(seconds[f]), median(alloc[f]) / 1024 / 1024, live(file) / 1024 / 1024, smallestHeap(file)));
        }
        for (int f = 0; f < files.size(); f++) {
            md.add("");
            md.add("Rounds, " + files.get(f).getFileName() + " (s): " + list(seconds[f], "%.3f"));
        }
        md.addAll(machineSection(loadBefore));
        md.add("- POI " + org.apache.poi.Version.getVersion());
        md.add("");
        md.add("checksum " + sink);
        writeResults("ledger-read", md);
    }

    /**
     * Reads the file with the module's LedgerSheetReader; each data row goes to {@code atRow} (if any) with its number.
     * Returns the number of cells read.
     */
    static long read(Path file, IntConsumer atRow) throws Exception {
        long[] cells = new long[1];
        Function<Object, Consumer<Object>> consumerFor = header -> row -> {
            try {
                cells[0] += ((Map<?, ?>) CELLS.invoke(row)).size();
                if (atRow != null) {
                    atRow.accept((int) NUMBER.invoke(row));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
        unwrap(() -> READ.invoke(READER, file, consumerFor));
        return cells[0];
    }

    static final Object READER;
    static final Method READ;
    static final Method CELLS;
    static final Method NUMBER;

    static {
        try {
            READER = construct("cn.tuijin.ledger.LedgerSheetReader", new Class<?>[] {int.class}, ROWS);
            READ = accessible(READER.getClass().getDeclaredMethod("read", Path.class, Function.class));
            Class<?> dataRow = Class.forName("cn.tuijin.ledger.LedgerSheetReader$DataRow");
            CELLS = accessible(dataRow.getDeclaredMethod("cells"));
            NUMBER = accessible(dataRow.getDeclaredMethod("number"));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static double time(Path file) throws Exception {
        long t0 = System.nanoTime();
        sink += read(file, null);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Heap live while the last row is handled, above the heap before the file is opened (both after a GC). */
    static double live(Path file) throws Exception {
        System.gc();
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long[] during = new long[1];
        read(file, n -> {
            if (n == ROWS + 1) {
                System.gc();
                during[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }
        });
        return during[0] - before;
    }

    /** The smallest -Xmx (MiB, to 2) with which a fresh JVM reads the file. */
    static int smallestHeap(Path file) throws Exception {
        int low = 2;
        int high = 512;
        if (!readsWith(file, high)) {
            return -1;
        }
        while (high - low > 2) {
            int mid = (low + high) / 2;
            if (readsWith(file, mid)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    static boolean readsWith(Path file, int megabytes) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + megabytes + "m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), LedgerReadBench.class.getName(), "--once", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 && out.contains("rows ");
    }

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getThreadAllocatedBytes(Thread.currentThread().getId());
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

    // ------------------------------------------------------------------------------------------------ figures

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
    }
}
