package cn.tuijin.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.notification.NotificationSettingsService;
import cn.tuijin.org.Unit;
import cn.tuijin.org.UnitKind;
import cn.tuijin.system.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.annotation.PreDestroy;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo city's own mail catcher and group-robot receiver on this machine, so that its notices can be read without
 * any other server: GreenMail's SMTP server on 127.0.0.1:2525 takes every mail, a small HTTP server on
 * 127.0.0.1:8025 takes the robots' webhook calls at {@code /robot/{unit}} and shows everything caught at
 * {@code /} (and as JSON at {@code /messages.json}). Each demo unit gets its robot there unless it has settings.
 * Started before the demo city is seeded; a port in use is logged and skipped.
 */
@Component
@ConditionalOnProperty(name = "tuijin.demo.inbox.enabled", havingValue = "true")
class DemoInbox {

    private static final Logger log = LoggerFactory.getLogger(DemoInbox.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int KEPT = 1000;

    private final NotificationSettingsService settings;
    private final int smtpPort;
    private final int httpPort;
    private final EngineClock clock;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final Deque<Caught> robots = new ConcurrentLinkedDeque<>();
    private GreenMail mail;
    private HttpServer http;

    /** A message the inbox caught: a mail or a robot call. */
    record Caught(String kind, Instant at, String to, String subject, String text) {
    }

    DemoInbox(NotificationSettingsService settings, EngineClock clock, @Value("${tuijin.demo.inbox.smtp-port:2525}") int smtpPort,
              @Value("${tuijin.demo.inbox.http-port:8025}") int httpPort) {
        this.settings = settings;
        this.clock = clock;
        this.smtpPort = smtpPort;
        this.httpPort = httpPort;
    }

    @Order(5)
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        try {
            mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
        } catch (RuntimeException e) {
            log.warn("演示收件箱：SMTP 端口 {} 无法使用，邮件将留在待发送队列：{}", smtpPort, e.getMessage());
            mail = null;
        }
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
            http.createContext("/robot/", this::robot);
            http.createContext("/messages.json", exchange -> answer(exchange, 200, "application/json",
                    json.writeValueAsString(caught())));
            http.createContext("/", exchange -> answer(exchange, 200, "text/html", page()));
            http.start();
        } catch (IOException e) {
            log.warn("演示收件箱：HTTP 端口 {} 无法使用，群机器人消息将留在待发送队列：{}", httpPort, e.getMessage());
            http = null;
            return;
        }
        for (Unit unit : DemoProjects.UNITS) {
            // Districts' groups are on WeCom (text), the others on DingTalk (Markdown): the demo shows both.
            boolean wecom = unit.kind() == UnitKind.DISTRICT;
            settings.robotUnlessConfigured(unit.code(), "http://127.0.0.1:" + httpPort + "/robot/" + unit.code()
                    + (wecom ? "?key=demo-" : "?access_token=demo-") + unit.code(), wecom, !wecom);
        }
        log.info("演示收件箱：邮件 SMTP 127.0.0.1:{}，群机器人与收到的全部消息 http://127.0.0.1:{}/", smtpPort, httpPort);
    }

    @PreDestroy
    void stop() {
        if (http != null) {
            http.stop(0);
        }
        if (mail != null) {
            mail.stop();
        }
    }

    private void robot(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "application/json", "{\"errcode\":405,\"errmsg\":\"POST only\"}");
            return;
        }
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonNode message = json.readTree(body.isBlank() ? "{}" : body);
        String unit = exchange.getRequestURI().getPath().substring("/robot/".length());
        JsonNode content = message.path(message.path("msgtype").asText("text"));
        String text = content.has("content") ? content.get("content").asText() : content.path("text").asText();
        robots.addFirst(new Caught("群机器人（" + message.path("msgtype").asText() + "）", clock.now(), unit,
                content.path("title").asText(text.lines().findFirst().orElse("")), text));
        while (robots.size() > KEPT) {
            robots.removeLast();
        }
        answer(exchange, 200, "application/json", "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    /** Everything caught, the latest first. */
    List<Caught> caught() {
        List<Caught> all = new ArrayList<>(robots);
        if (mail != null) {
            for (MimeMessage m : mail.getReceivedMessages()) {
                try {
                    List<String> to = new ArrayList<>();
                    for (Address a : m.getAllRecipients()) {
                        to.add(a.toString());
                    }
                    all.add(new Caught("邮件", m.getSentDate() == null ? clock.now() : m.getSentDate().toInstant(),
                            String.join(", ", to), m.getSubject(), String.valueOf(m.getContent())));
                } catch (Exception unreadable) {
                    all.add(new Caught("邮件", clock.now(), "", "（无法读取）", unreadable.toString()));
                }
            }
        }
        all.sort((a, b) -> b.at().compareTo(a.at()));
        return all;
    }

    private String page() {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><title>演示收件箱 · 推进</title>
                <style>body{font-family:sans-serif;margin:2em;color:#1e293b}article{border:1px solid #cbd5e1;border-radius:6px;
                padding:.6em 1em;margin:.8em 0}h2{font-size:1em;margin:.2em 0}pre{white-space:pre-wrap;margin:.4em 0}
                .meta{color:#64748b;font-size:.85em}</style></head><body><h1>演示收件箱</h1>
                <p class="meta">推进演示城市发出的邮件（SMTP 127.0.0.1:%d）和各单位群机器人消息，最新的在前。刷新页面查看新消息。</p>
                """.formatted(smtpPort));
        List<Caught> all = caught();
        if (all.isEmpty()) {
            html.append("<p>还没有消息。</p>");
        }
        for (Caught c : all) {
            html.append("<article><div class=\"meta\">").append(escape(c.kind())).append(" · ")
                    .append(TIME.format(LocalDateTime.ofInstant(c.at(), WorkingDayCalendar.ZONE))).append(" · 发给 ")
                    .append(escape(c.to())).append("</div><h2>").append(escape(c.subject())).append("</h2><pre>")
                    .append(escape(c.text()).replaceAll("(https?://[^\\s)<]+)", "<a href=\"$1\">$1</a>"))
                    .append("</pre></article>");
        }
        return html.append("</body></html>").toString();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
