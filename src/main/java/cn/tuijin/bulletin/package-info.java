/** Monthly bulletins (通报): the month's figures per unit and district, the ranking rule, the workbook, published by the monthly process. */
package cn.tuijin.bulletin;
