package cn.tuijin.notice;

import java.time.Instant;

/**
 * A supervision notice (督办单): a supervisor's notice to the unit holding an overdue item, which must answer with a
 * rectification report (整改情况) by the rectification deadline (限期整改).
 *
 * @param taskId         the overdue item's task
 * @param holderUserId   who had claimed the item when the notice was issued, '' if nobody
 * @param workingDays    the working days given to rectify, or null when the supervisor gave a date
 * @param dueAt          the rectification deadline of the current round (a rejected answer starts a new round)
 * @param reviewNote     why the latest answer was sent back, or null
 * @param raisedToLeader a rectification deadline was missed and the notice went to the project's contracting leader
 */
public record Notice(
        long id,
        String number,
        int year,
        int seq,
        String projectCode,
        String taskId,
        String itemName,
        String itemKind,
        Instant itemDueAt,
        String unitCode,
        String holderUserId,
        String issuedBy,
        Instant issuedAt,
        String requirement,
        Integer workingDays,
        Instant dueAt,
        Instant warnAt,
        Status status,
        String answer,
        String answeredBy,
        Instant answeredAt,
        int answerCount,
        String reviewNote,
        String reviewedBy,
        Instant reviewedAt,
        Instant closedAt,
        boolean raisedToLeader,
        Instant raisedAt,
        String leaderId,
        String processInstanceId) {

    /** Where the notice stands. */
    public enum Status {
        OPEN("待整改"),
        ESCALATED("逾期未整改，已提交分包领导"),
        ANSWERED("整改情况待审核"),
        RETURNED("退回重新整改"),
        CLOSED("已办结");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
