package cn.tuijin.dashboard;

import java.time.Instant;

/**
 * One line of a project's timeline on the dashboard.
 *
 * @param kind STAGE, CLAIM, REPORT, ISSUE, EXTENSION, ACCOUNTABILITY, NOTICE, EVIDENCE, URGE (催办) or COPY (抄送)
 */
public record TimelineEntry(Instant at, String kind, String kindLabel, String text) {
}
