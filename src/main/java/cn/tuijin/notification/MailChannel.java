package cn.tuijin.notification;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Mail through SMTP ({@code spring.mail.*}); without {@code spring.mail.host} mail waits until one is configured. */
@Component
class MailChannel {

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;

    MailChannel(ObjectProvider<JavaMailSender> mail, NotificationProperties properties) {
        this.mail = mail;
        this.from = properties.mailFrom();
    }

    void send(String to, Message message) throws DeliveryException {
        Optional<String> refused = MailAddresses.refusal(to);
        if (refused.isPresent()) {
            throw new DeliveryException("邮箱地址不允许：" + refused.get(), true);
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new DeliveryException("未配置邮件服务器（spring.mail.host）", false);
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(message.subject());
            helper.setText(message.text());
            sender.send(mime);
        } catch (MailException | MessagingException e) {
            throw new DeliveryException("邮件发送失败：" + e.getMessage(), e);
        }
    }
}
