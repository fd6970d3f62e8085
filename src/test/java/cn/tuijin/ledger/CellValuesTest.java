package cn.tuijin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.apache.poi.ss.usermodel.DateUtil;
import org.junit.jupiter.api.Test;

/**
 * Dates, amounts and text as offices type them into a ledger.
 */
class CellValuesTest {

    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);

    @Test
    void datesAsDateCellsSerialNumbersAndTextInTheUsualFormats() {
        double serial = DateUtil.getExcelDate(MARCH_1);
        assertThat(CellValues.date(SheetCell.number(serial, true), false)).isEqualTo(MARCH_1);
        assertThat(CellValues.date(SheetCell.number(serial, false), false)).as("a date cell that lost its format").isEqualTo(MARCH_1);
        assertThat(CellValues.date(SheetCell.number(20260301, false), false)).isEqualTo(MARCH_1);
        for (String text : new String[] {"2026-03-01", "2026/3/1", "2026.3.1", "2026年3月1日", "2026年03月01日", "20260301",
                " 2026-3-1 ", "2026-03-01 08:30:00", "2026-03-01T00:00", "２０２６／３／１"}) {
            assertThat(CellValues.date(SheetCell.text(text), false)).as(text).isEqualTo(MARCH_1);
        }
    }

    @Test
    void theDateSystemOf1904IsHonoured() {
        double serial1904 = DateUtil.getExcelDate(MARCH_1.atStartOfDay(), true);
        assertThat(CellValues.date(SheetCell.number(serial1904, true), true)).isEqualTo(MARCH_1);
    }

    @Test
    void whatIsNoDateSaysSoInChinese() {
        assertThatThrownBy(() -> CellValues.date(SheetCell.text("下月初"), false)).hasMessageContaining("「下月初」不是日期");
        assertThatThrownBy(() -> CellValues.date(SheetCell.text("2026-13-01"), false)).hasMessageContaining("不存在");
        assertThatThrownBy(() -> CellValues.date(SheetCell.text("1899-01-01"), false)).hasMessageContaining("年份不在");
        assertThatThrownBy(() -> CellValues.date(SheetCell.number(12.5, false), false)).hasMessageContaining("不是日期");
        assertThatThrownBy(() -> CellValues.date(new SheetCell(SheetCell.Kind.NO_RESULT, null, 0, false), false))
                .hasMessageContaining("公式没有保存计算结果");
    }

    @Test
    void amountsAsNumbersOrText() {
        assertThat(CellValues.amount(SheetCell.number(1200.456, false))).isEqualByComparingTo("1200.46");
        assertThat(CellValues.amount(SheetCell.text("1,200.5"))).isEqualByComparingTo("1200.50");
        assertThat(CellValues.amount(SheetCell.text("１２００"))).isEqualByComparingTo("1200");
        assertThat(CellValues.amount(SheetCell.text("3000万元"))).isEqualByComparingTo("3000");
        assertThatThrownBy(() -> CellValues.amount(SheetCell.text("约三千"))).hasMessageContaining("不是数字");
        assertThatThrownBy(() -> CellValues.amount(SheetCell.number(-1, false))).hasMessageContaining("不能为负数");
        assertThatThrownBy(() -> CellValues.amount(new SheetCell(SheetCell.Kind.ERROR, "#N/A", 0, false))).hasMessageContaining("#N/A");
    }

    @Test
    void textOfNumbersAndDates() {
        assertThat(CellValues.text(SheetCell.number(2026001, false), false)).isEqualTo("2026001");
        assertThat(CellValues.text(SheetCell.number(DateUtil.getExcelDate(MARCH_1), true), false)).isEqualTo("2026-03-01");
        assertThat(CellValues.text(SheetCell.text("  临江区 "), false)).isEqualTo("临江区");
    }

    @Test
    void headersMatchWhateverTheBracketsAndBlanks() {
        assertThat(LedgerColumn.byHeader("总投资（万元）")).contains(LedgerColumn.TOTAL_INVESTMENT);
        assertThat(LedgerColumn.byHeader(" 总投资 (万元) *")).contains(LedgerColumn.TOTAL_INVESTMENT);
        assertThat(LedgerColumn.byHeader("计划\n开工日期")).contains(LedgerColumn.PLANNED_START);
        assertThat(LedgerColumn.byHeader("备注")).isEmpty();
    }
}
