package cn.tuijin.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.poi.ss.util.CellRangeAddress;
import org.xml.sax.SAXException;

/**
 * Finds the ledger in an uploaded workbook and streams its data rows. The ledger is the first visible sheet whose
 * first {@value #HEADER_SEARCH_ROWS} filled rows include a header row (a row naming at least three ledger columns),
 * whatever the sheet is called; title rows above the header are skipped. Rows without any ledger value are skipped.
 * More than {@code maxRows} data rows stop the reading at once.
 */
final class LedgerSheetReader {

    static final int HEADER_SEARCH_ROWS = 10;
    private static final int MIN_HEADER_MATCHES = 3;

    /** A data row: its number as the user sees it, and its cells by column. */
    record DataRow(int number, Map<LedgerColumn, SheetCell> cells) {
    }

    /** The header row found: its number, the columns present (by index) and the workbook's date system. */
    record Header(int row, Map<LedgerColumn, Integer> columns, boolean date1904) {
    }

    /** What was read: the sheet, its header, how many data rows, and problems of the sheet as a whole (merged cells). */
    record Result(String sheetName, Header header, int dataRows, List<Problem> problems) {
    }

    private final int maxRows;

    LedgerSheetReader(int maxRows) {
        this.maxRows = maxRows;
    }

    /**
     * Reads the workbook; once the header is found, each data row goes to the consumer made for that header.
     * Refuses a file that holds no readable ledger.
     */
    Result read(Path file, Function<Header, Consumer<DataRow>> consumerFor) {
        try (XlsxPackage pkg = XlsxPackage.open(file)) {
            boolean anyContent = false;
            for (XlsxPackage.SheetRef sheet : pkg.sheets()) {
                if (sheet.hidden()) {
                    continue;
                }
                SheetScan scan = new SheetScan(pkg.date1904(), consumerFor);
                SheetEvents handler = new SheetEvents(pkg, scan);
                try {
                    pkg.parseSheet(sheet, handler);
                } catch (NoHeader e) {
                    anyContent |= scan.filledRows > 0;
                    continue;
                }
                if (scan.header == null) {
                    anyContent |= scan.filledRows > 0;
                    continue;
                }
                if (scan.dataRows == 0) {
                    throw new LedgerRejectedException("工作表「" + sheet.name() + "」第 " + scan.header.row() + " 行是表头，但下面没有填写任何项目");
                }
                return new Result(sheet.name(), scan.header, scan.dataRows, mergedCells(handler.mergedRanges(), scan.header));
            }
            if (!anyContent) {
                throw new LedgerRejectedException("工作表是空的：没有表头，也没有项目。请下载模板，在第一个工作表中填写后再导入");
            }
            throw new LedgerRejectedException("没有找到表头行：各工作表的前 " + HEADER_SEARCH_ROWS + " 行中都没有「项目编号」「项目名称」「项目类别」等列名，请使用导入模板");
        } catch (LedgerRejectedException e) {
            throw e;
        } catch (ConsumerFailure e) {
            throw (RuntimeException) e.getCause();
        } catch (Exception e) {
            throw XlsxFailures.rejection(e);
        }
    }

    /** Merged cells touching the header or the data: the rows they span are named; a merged title above the header is fine. */
    private static List<Problem> mergedCells(List<String> ranges, Header header) {
        List<Problem> problems = new ArrayList<>();
        Map<Integer, LedgerColumn> byIndex = new HashMap<>();
        header.columns().forEach((column, index) -> byIndex.put(index, column));
        for (String ref : ranges) {
            CellRangeAddress range;
            try {
                range = CellRangeAddress.valueOf(ref);
            } catch (RuntimeException e) {
                continue;
            }
            int first = range.getFirstRow() + 1;
            int last = range.getLastRow() + 1;
            if (last < header.row()) {
                continue;
            }
            LedgerColumn column = byIndex.get(range.getFirstColumn());
            String rows = first == last ? "第 " + first + " 行" : "第 " + first + "–" + last + " 行";
            problems.add(new Problem(first, column == null ? null : column.header(), rows + "有合并单元格 " + ref
                    + "：导入时每个项目占一行、每格一个值，请取消合并并把内容填到每一行后再导入"));
        }
        return problems;
    }

    /** A failure of the row consumer: a fault of ours, not of the file, so it is passed on as it is. */
    private static final class ConsumerFailure extends RuntimeException {
        ConsumerFailure(RuntimeException cause) {
            super(cause);
        }
    }

    /** Thrown to stop reading a sheet whose first rows hold no header. */
    private static final class NoHeader extends SAXException {
        NoHeader() {
            super("no header");
        }
    }

    private final class SheetScan implements SheetEvents.RowListener {

        private final boolean date1904;
        private final Function<Header, Consumer<DataRow>> consumerFor;
        private Consumer<DataRow> consumer;
        private Header header;
        private int filledRows;
        private int dataRows;

        SheetScan(boolean date1904, Function<Header, Consumer<DataRow>> consumerFor) {
            this.date1904 = date1904;
            this.consumerFor = consumerFor;
        }

        @Override
        public void row(int rowNumber, Map<Integer, SheetCell> cells) throws SAXException {
            if (cells.isEmpty()) {
                return;
            }
            if (header == null) {
                filledRows++;
                if (matches(cells) >= MIN_HEADER_MATCHES) {
                    header = new Header(rowNumber, LedgerHeader.columns(rowNumber, cells), date1904);
                    consumer = consumerFor.apply(header);
                } else if (filledRows >= HEADER_SEARCH_ROWS) {
                    throw new NoHeader();
                }
                return;
            }
            Map<LedgerColumn, SheetCell> values = new EnumMap<>(LedgerColumn.class);
            header.columns().forEach((column, index) -> {
                SheetCell cell = cells.get(index);
                if (cell != null) {
                    values.put(column, cell);
                }
            });
            values.remove(LedgerColumn.SEQ);
            if (values.isEmpty()) {
                return;
            }
            if (++dataRows > maxRows) {
                throw new SAXException(new LedgerRejectedException("数据行超过上限：一次最多导入 " + maxRows + " 行项目（第 "
                        + rowNumber + " 行已超出），请分成几个文件导入"));
            }
            try {
                consumer.accept(new DataRow(rowNumber, values));
            } catch (RuntimeException e) {
                throw new ConsumerFailure(e);
            }
        }

        private int matches(Map<Integer, SheetCell> cells) {
            int n = 0;
            for (SheetCell cell : cells.values()) {
                if (cell.kind() == SheetCell.Kind.TEXT && LedgerColumn.byHeader(cell.text()).isPresent()) {
                    n++;
                }
            }
            return n;
        }
    }
}
