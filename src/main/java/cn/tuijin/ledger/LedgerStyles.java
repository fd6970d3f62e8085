package cn.tuijin.ledger;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The cell styles the ledger's template and export share: headers (required ones marked by colour), dates as
 * yyyy-mm-dd, amounts with two decimals, codes as text.
 */
final class LedgerStyles {

    final CellStyle requiredHeader;
    final CellStyle optionalHeader;
    final CellStyle date;
    final CellStyle amount;
    final CellStyle text;
    final CellStyle wrapped;

    LedgerStyles(Workbook wb) {
        requiredHeader = header(wb, IndexedColors.LIGHT_ORANGE);
        optionalHeader = header(wb, IndexedColors.GREY_25_PERCENT);
        date = wb.createCellStyle();
        date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
        amount = wb.createCellStyle();
        amount.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
        text = wb.createCellStyle();
        text.setDataFormat(wb.createDataFormat().getFormat("@"));
        wrapped = wb.createCellStyle();
        wrapped.setWrapText(true);
        wrapped.setVerticalAlignment(VerticalAlignment.TOP);
    }

    /** A filled style for a light's cell. */
    static CellStyle filled(Workbook wb, IndexedColors colour) {
        CellStyle style = wb.createCellStyle();
        style.setFillForegroundColor(colour.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        style.setAlignment(HorizontalAlignment.CENTER);
        return style;
    }

    /** The style of a column's cells: dates, amounts or text. */
    CellStyle of(LedgerColumn column) {
        return switch (column.kind()) {
            case DATE -> date;
            case NUMBER -> amount;
            default -> column == LedgerColumn.CODE ? text : null;
        };
    }

    private static CellStyle header(Workbook wb, IndexedColors fill) {
        Font bold = wb.createFont();
        bold.setBold(true);
        CellStyle style = wb.createCellStyle();
        style.setFont(bold);
        style.setFillForegroundColor(fill.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        style.setAlignment(HorizontalAlignment.CENTER);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        style.setWrapText(true);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
        return style;
    }
}
