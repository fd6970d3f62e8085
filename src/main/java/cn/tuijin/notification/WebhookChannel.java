package cn.tuijin.notification;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
 * {@code {"errcode":0}} when it took the message.
 */
@Component
class WebhookChannel {

    private final HttpClient http;
    private final Duration timeout;
    private final EngineClock clock;
    private final ObjectMapper json = new ObjectMapper();

    WebhookChannel(NotificationProperties properties, EngineClock clock) {
        this.timeout = properties.sender().webhookTimeout();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    void send(NotificationSettings robot, Message message) throws DeliveryException {
        String url = robot.webhookUrl();
        if (robot.webhookKind() != WebhookKind.WECOM && robot.webhookSecret() != null && !robot.webhookSecret().isBlank()) {
            url = signed(url, robot.webhookSecret(), clock.now().toEpochMilli());
        }
        HttpResponse<String> answer;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body(robot, message), StandardCharsets.UTF_8)).build();
            answer = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new DeliveryException("群机器人无法连接：" + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("群机器人发送被中断", e);
        }
        if (answer.statusCode() / 100 != 2) {
            throw new DeliveryException("群机器人返回 HTTP " + answer.statusCode() + "：" + abbreviate(answer.body()), false);
        }
        try {
            JsonNode result = json.readTree(answer.body().isBlank() ? "{}" : answer.body());
            if (result.has("errcode") && result.get("errcode").asInt() != 0) {
                throw new DeliveryException("群机器人拒收（errcode " + result.get("errcode").asInt() + "）："
                        + result.path("errmsg").asText(), false);
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

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
