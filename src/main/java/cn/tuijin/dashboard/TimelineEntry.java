package cn.tuijin.dashboard;

import java.time.Instant;

/**
 * One line of a project's timeline on the dashboard.
 *
 * @param kind STAGE, CLAIM, REPORT, ISSUE, EXTENSION, ACCOUNTABILITY, NOTICE, EVIDENCE, URGE (催办), COPY (抄送) or DELEGATION (代办)
 */
public record TimelineEntry(Instant at, String kind, String kindLabel, String text) {
}
