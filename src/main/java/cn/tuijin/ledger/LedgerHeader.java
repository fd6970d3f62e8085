package cn.tuijin.ledger;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.ss.util.CellReference;

/**
 * The header row of an uploaded ledger: which column holds what, matched by name. A required column missing or a
 * column named twice refuses the file, naming every such column; columns the ledger does not know (备注 …) are ignored.
 */
final class LedgerHeader {

    private LedgerHeader() {
    }

    static Map<LedgerColumn, Integer> columns(int row, Map<Integer, SheetCell> cells) {
        Map<LedgerColumn, Integer> columns = new EnumMap<>(LedgerColumn.class);
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<Integer, SheetCell> e : new TreeMap<>(cells).entrySet()) {
            SheetCell cell = e.getValue();
            if (cell.kind() != SheetCell.Kind.TEXT) {
                continue;
            }
            LedgerColumn column = LedgerColumn.byHeader(cell.text()).orElse(null);
            if (column == null) {
                continue;
            }
            Integer earlier = columns.putIfAbsent(column, e.getKey());
            if (earlier != null) {
                problems.add(Problem.of(row, column, "表头「" + column.header() + "」出现了两次（" + letter(earlier) + " 列和 "
                        + letter(e.getKey()) + " 列），请删去一列"));
            }
        }
        for (LedgerColumn column : LedgerColumn.values()) {
            if (column.required() && !columns.containsKey(column)) {
                problems.add(Problem.of(row, column, "缺少必填列「" + column.header() + "」：请在第 " + row + " 行的表头中加上这一列（可对照导入模板）"));
            }
        }
        if (!problems.isEmpty()) {
            throw new LedgerRejectedException("导入被拒绝：第 " + row + " 行的表头有 " + problems.size() + " 处问题，未写入任何数据", problems);
        }
        return columns;
    }

    private static String letter(int index) {
        return CellReference.convertNumToColString(index);
    }
}
