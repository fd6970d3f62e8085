/**
 * Working days: the State Council's holiday arrangements and 调休 make-up days of each year (shipped, or entered by an
 * administrator), the calendar that counts working days with them, and the engine's business calendar that reads
 * due dates in working days. Knows no feature of the application.
 */
package cn.tuijin.calendar;
