package cn.tuijin.notification;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import cn.tuijin.notification.NotificationSettings.WebhookFormat;
import cn.tuijin.notification.NotificationSettings.WebhookKind;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Group robots' webhooks in the JSON of DingTalk (钉钉) and WeCom (企业微信): a text or Markdown message; a DingTalk
 * robot with a secret (加签) gets the timestamp and its HMAC-SHA256 signature in the URL. A robot answers
 * {@code {"errcode":0}} when it took the message. The address is checked before each call ({@link WebhookAddresses});
 * a refused one is given up. Of a failed call only a short reason is kept — the HTTP status, the robot's error
 * code — never what the other side wrote.
 */
@Component
class WebhookChannel {

    private final WebhookAddresses addresses;
    private final RobotHttp http = new RobotHttp((SSLSocketFactory) SSLSocketFactory.getDefault());
    private final Duration timeout;
    private final EngineClock clock;
    private final ObjectMapper json = new ObjectMapper();

    WebhookChannel(WebhookAddresses addresses, NotificationProperties properties, EngineClock clock) {
        this.addresses = addresses;
        this.timeout = properties.sender().webhookTimeout();
        this.clock = clock;
    }

    void send(NotificationSettings robot, Message message) throws DeliveryException {
        WebhookAddresses.Target target;
        try {
            target = addresses.check(robot.webhookUrl());
        } catch (WebhookAddresses.Refused e) {
            throw e.unresolved() ? new DeliveryException("群机器人地址无法解析", e) : new DeliveryException("地址不允许：" + e.getMessage(), true);
        }
        String path = target.requestPath();
        if (robot.webhookKind() != WebhookKind.WECOM && robot.webhookSecret() != null && !robot.webhookSecret().isBlank()) {
            path = signed(path, robot.webhookSecret(), clock.now().toEpochMilli());
        }
        RobotHttp.Answer answer;
        try {
            answer = http.post(target, path, body(robot, message), timeout);
        } catch (SocketTimeoutException e) {
            throw new DeliveryException("群机器人连接超时", e);
        } catch (SSLException e) {
            throw new DeliveryException("群机器人的 HTTPS 连接失败（证书或握手）", e);
        } catch (IOException e) {
            throw new DeliveryException("群机器人无法连接", e);
        }
        if (answer.status() / 100 != 2) {
            throw new DeliveryException("群机器人返回 HTTP " + answer.status(), false);
        }
        try {
            JsonNode result = json.readTree(answer.body().isBlank() ? "{}" : answer.body());
            if (result.has("errcode") && result.get("errcode").asInt() != 0) {
                throw new DeliveryException("群机器人拒收（errcode " + result.get("errcode").asInt() + "）", false);
            }
        } catch (JsonProcessingException notJson) {
            // a receiver that answers 2xx without JSON took the message
        }
    }

    /** The message as the robot's JSON. */
    String body(NotificationSettings robot, Message message) {
        boolean markdown = robot.webhookFormat() == WebhookFormat.MARKDOWN;
        Map<String, Object> payload;
        if (!markdown) {
            payload = Map.of("msgtype", "text", "text", Map.of("content", message.subject() + "\n" + message.text()));
        } else if (robot.webhookKind() == WebhookKind.WECOM) {
            payload = Map.of("msgtype", "markdown", "markdown", Map.of("content", message.markdown()));
        } else {
            payload = Map.of("msgtype", "markdown", "markdown", Map.of("title", message.subject(), "text", message.markdown()));
        }
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DingTalk's signature: Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), URL-encoded. */
    static String signed(String url, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sign = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
                    + URLEncoder.encode(Base64.getEncoder().encodeToString(sign), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
