package cn.tuijin.notification;

import java.util.List;

/**
 * What one delivery sends: a subject and the same content as plain text and as Markdown (group robots).
 */
record Message(String subject, String text, String markdown) {

    /** A single notice: its lines and the link to act on it. */
    static Message single(String subject, String body, String link) {
        return new Message(subject, body + "\n办理链接：" + link,
                "#### " + subject + "\n\n" + body.replace("\n", "  \n") + "\n\n[在任务列表中办理](" + link + ")");
    }

    /** A leader's digest: an opening and numbered lines, each with its link. */
    static Message digest(String subject, String opening, List<Delivery> lines) {
        StringBuilder text = new StringBuilder(opening).append('\n');
        StringBuilder markdown = new StringBuilder("#### ").append(subject).append("\n\n").append(opening).append("\n\n");
        int n = 0;
        for (Delivery line : lines) {
            n++;
            text.append(n).append(". ").append(line.body()).append("\n   ").append(line.link()).append('\n');
            markdown.append(n).append(". ").append(line.body()).append(" [办理](").append(line.link()).append(")\n");
        }
        return new Message(subject, text.toString().stripTrailing(), markdown.toString().stripTrailing());
    }
}
