package cn.tuijin.desk;

import java.time.Instant;

/**
 * 抄送: a project or an issue copied to a person or a unit for information, with a note; {@code readAt} is when the
 * person looking at it opened it (null: unread).
 */
record Copy(long id, SubjectKind subjectKind, String subjectCode, String projectCode, RecipientKind recipientKind,
            String recipient, String note, String sentBy, Instant sentAt, Instant readAt) {

    /** What is copied. */
    enum SubjectKind {
        PROJECT("项目"), ISSUE("问题");

        private final String label;

        SubjectKind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** Whom it is copied to. */
    enum RecipientKind { PERSON, UNIT }
}
