package cn.tuijin.notification;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.tuijin.notification.NotificationOutbox.Event;
import cn.tuijin.notification.NotificationSettings.OwnerKind;
import cn.tuijin.notification.NotificationSettings.WebhookFormat;
import cn.tuijin.notification.NotificationSettings.WebhookKind;
import cn.tuijin.org.Caller;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.org.Person;
import cn.tuijin.org.Role;
import cn.tuijin.system.EngineClock;
import cn.tuijin.system.ForbiddenException;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes the settings of a person (their own: mail and events) and of a unit (its officers: mailbox and
 * events; the project office and administrators: also its group robot, the one channel that makes the server call an
 * address). Input is checked field by field; refusals name the field in Chinese. A robot's address is checked by
 * {@link WebhookAddresses} before it is stored.
 */
@Service
public class NotificationSettingsService {

    private final SettingsRepository settings;
    private final WebhookAddresses addresses;
    private final OrgDirectory org;
    private final EngineClock clock;

    NotificationSettingsService(SettingsRepository settings, WebhookAddresses addresses, OrgDirectory org, EngineClock clock) {
        this.settings = settings;
        this.addresses = addresses;
        this.org = org;
        this.clock = clock;
    }

    /** What a caller sends; a field left out (null) keeps its value, an empty secret removes it. */
    record Change(Boolean mailEnabled, String mailAddress, Boolean webhookEnabled, String webhookKind, String webhookFormat,
                  String webhookUrl, String webhookSecret, List<String> events) {

        /** The first group-robot field given, or null. */
        String webhookField() {
            return Stream.of(webhookEnabled == null ? null : "webhookEnabled", webhookKind == null ? null : "webhookKind",
                    webhookFormat == null ? null : "webhookFormat", webhookUrl == null ? null : "webhookUrl",
                    webhookSecret == null ? null : "webhookSecret").filter(Objects::nonNull).findFirst().orElse(null);
        }
    }

    /** Settings as the API shows them: never the secret, the robot's address with its token hidden. */
    record View(String ownerKind, String ownerId, String name, boolean mailEnabled, String mailAddress,
                String ledgerMailAddress, boolean webhookEnabled, String webhookKind, String webhookFormat, String webhookUrl,
                boolean webhookSecretSet, List<String> events, List<EventOption> eventOptions, String updatedBy,
                java.time.Instant updatedAt) {
    }

    /** An event one can choose, with its Chinese name. */
    record EventOption(String event, String label) {
    }

    View mine(Caller caller) {
        return view(settings.person(caller.userId()));
    }

    @Transactional
    View changeMine(Caller caller, Change change) {
        if (change.webhookField() != null) {
            throw new InvalidInputException(change.webhookField(), "个人通知只能通过邮件；群机器人是单位的设置");
        }
        NotificationSettings s = apply(settings.person(caller.userId()), change, caller.userId());
        settings.save(s);
        return view(s);
    }

    View unit(Caller caller, String unitCode) {
        requireUnitAccess(caller, unitCode);
        return view(settings.unit(unitCode));
    }

    @Transactional
    View changeUnit(Caller caller, String unitCode, Change change) {
        requireUnitAccess(caller, unitCode);
        if (change.webhookField() != null && !caller.is(Role.PROJECT_OFFICE) && !caller.is(Role.ADMIN)) {
            throw new ForbiddenException("单位的群机器人只有重点项目办和系统管理员可以设置；本单位人员可以修改单位邮箱和通知事件");
        }
        NotificationSettings s = apply(settings.unit(unitCode), change, caller.userId());
        settings.save(s);
        return view(s);
    }

    /**
     * Gives a unit without settings a group robot (the demo city's own receiver); a unit that has settings keeps them.
     */
    @Transactional
    public void robotUnlessConfigured(String unitCode, String url, boolean wecom, boolean markdown) {
        if (settings.find(OwnerKind.UNIT, unitCode).isEmpty()) {
            settings.save(new NotificationSettings(OwnerKind.UNIT, unitCode, false, null, true,
                    wecom ? WebhookKind.WECOM : WebhookKind.DINGTALK, markdown ? WebhookFormat.MARKDOWN : WebhookFormat.TEXT,
                    url, null, EnumSet.allOf(Event.class), "system", clock.now()));
        }
    }

    private void requireUnitAccess(Caller caller, String unitCode) {
        if (org.unit(unitCode).isEmpty()) {
            throw new NotFoundException("单位 " + unitCode + " 不存在");
        }
        if (!caller.is(Role.PROJECT_OFFICE) && !caller.is(Role.ADMIN) && !caller.inUnit(unitCode)) {
            throw new ForbiddenException("单位的通知设置只有本单位人员、重点项目办和系统管理员可以查看和修改");
        }
    }

    private NotificationSettings apply(NotificationSettings s, Change c, String user) {
        String mailAddress = c.mailAddress() == null ? s.mailAddress() : blankToNull(c.mailAddress());
        if (c.mailAddress() != null && mailAddress != null) {
            MailAddresses.refusal(mailAddress).ifPresent(why -> {
                throw new InvalidInputException("mailAddress", "「邮箱地址」" + why);
            });
        }
        boolean mailEnabled = c.mailEnabled() == null ? s.mailEnabled() : c.mailEnabled();
        if (mailEnabled && mailAddress == null && ledgerAddress(s) == null) {
            throw new InvalidInputException("mailAddress", s.ownerKind() == OwnerKind.UNIT
                    ? "启用邮件通知须填写单位的「邮箱地址」" : "台账中没有您的邮箱，启用邮件通知须填写「邮箱地址」");
        }
        WebhookKind kind = c.webhookKind() == null ? s.webhookKind() : parse(WebhookKind.class, c.webhookKind(), "webhookKind",
                "「机器人类型」只能是 DINGTALK（钉钉）或 WECOM（企业微信）");
        WebhookFormat format = c.webhookFormat() == null ? s.webhookFormat() : parse(WebhookFormat.class, c.webhookFormat(),
                "webhookFormat", "「消息格式」只能是 TEXT（文本）或 MARKDOWN");
        String url = c.webhookUrl() == null || c.webhookUrl().equals(masked(s.webhookUrl())) ? s.webhookUrl() : blankToNull(c.webhookUrl());
        boolean webhookEnabled = c.webhookEnabled() == null ? s.webhookEnabled() : c.webhookEnabled();
        if (webhookEnabled && url == null) {
            throw new InvalidInputException("webhookUrl", "启用群机器人须填写「群机器人地址」（Webhook）");
        }
        if (url != null && (c.webhookUrl() != null || Boolean.TRUE.equals(c.webhookEnabled()))) {
            checkUrl(url);
        }
        String secret = c.webhookSecret() == null ? s.webhookSecret() : blankToNull(c.webhookSecret());
        if (secret != null && secret.length() > 200) {
            throw new InvalidInputException("webhookSecret", "「加签密钥」不能超过200个字符");
        }
        Set<Event> events = c.events() == null ? s.events() : events(c.events());
        return new NotificationSettings(s.ownerKind(), s.ownerId(), mailEnabled, mailAddress, webhookEnabled,
                kind == null && webhookEnabled ? WebhookKind.DINGTALK : kind,
                format == null && webhookEnabled ? WebhookFormat.MARKDOWN : format, url, secret, events, user, clock.now());
    }

    /** A robot's address is stored only if it may be called now (it is checked again before each call). */
    private void checkUrl(String url) {
        try {
            addresses.check(url);
        } catch (WebhookAddresses.Refused e) {
            throw new InvalidInputException("webhookUrl", "「群机器人地址」不允许：" + e.getMessage());
        }
    }

    private static Set<Event> events(List<String> names) {
        Set<Event> events = EnumSet.noneOf(Event.class);
        for (String name : names) {
            events.add(parse(Event.class, name, "events", "未知的通知事件「" + name + "」，可选："
                    + Arrays.stream(Event.values()).map(e -> e.name() + "（" + e.label() + "）").collect(Collectors.joining("、"))));
        }
        return events;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String message) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, message);
        }
    }

    private String ledgerAddress(NotificationSettings s) {
        return s.ownerKind() == OwnerKind.PERSON ? org.person(s.ownerId()).map(Person::email).filter(e -> !e.isBlank()).orElse(null) : null;
    }

    private View view(NotificationSettings s) {
        String name = s.ownerKind() == OwnerKind.PERSON ? org.person(s.ownerId()).map(Person::name).orElse(s.ownerId())
                : org.unit(s.ownerId()).map(u -> u.name()).orElse(s.ownerId());
        return new View(s.ownerKind().name(), s.ownerId(), name, s.mailEnabled(), s.mailAddress(), ledgerAddress(s),
                s.webhookEnabled(), s.webhookKind() == null ? null : s.webhookKind().name(),
                s.webhookFormat() == null ? null : s.webhookFormat().name(), masked(s.webhookUrl()),
                s.webhookSecret() != null, s.events().stream().map(Enum::name).toList(),
                Arrays.stream(Event.values()).map(e -> new EventOption(e.name(), e.label())).toList(), s.updatedBy(), s.updatedAt());
    }

    /** The robot's address with the values of its query (the robot's token) hidden. */
    static String masked(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q + 1) + url.substring(q + 1).replaceAll("=([^&]*)", "=***");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
