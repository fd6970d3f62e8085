package cn.tuijin.notification;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * A mail address as the settings take it: one plain address ({@code name@unit.gov.cn}) that Jakarta Mail parses
 * strictly as itself — no display name, no list, no comment, no quoted or escaped local part — of printable ASCII (an internationalised
 * domain in its xn-- form), whose domain is a host name with a dot; no domain literal ({@code a@[10.0.0.1]}) or IP
 * address, which would have the mail server deliver to an address of the caller's choosing.
 */
final class MailAddresses {

    static final int MAX_LENGTH = 200;
    /** What a local part without quotes may hold (RFC 5322 atext, and dots). */
    private static final String ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.";

    private MailAddresses() {
    }

    /** Why the address is refused (Chinese), or empty when it is a plain mail address. */
    static Optional<String> refusal(String address) {
        if (address.length() > MAX_LENGTH) {
            return Optional.of("不能超过" + MAX_LENGTH + "个字符");
        }
        if (address.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            return Optional.of("含有空格、控制字符或非 ASCII 字符（中文域名请写成 xn-- 形式）");
        }
        int at = address.lastIndexOf('@');
        if (at < 1 || at > 64 || !address.substring(0, at).chars().allMatch(c -> ATEXT.indexOf(c) >= 0)
                || !host(address.substring(at + 1))) {
            return Optional.of("格式不正确，如 zhangsan@example.cn");
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            if (parsed.getPersonal() != null || parsed.isGroup() || !address.equals(parsed.getAddress())) {
                return Optional.of("格式不正确，如 zhangsan@example.cn");
            }
        } catch (AddressException e) {
            return Optional.of("格式不正确，如 zhangsan@example.cn");
        }
        return Optional.empty();
    }

    /** A host name with at least one dot, as the JDK's URI reads one, whose last label is not a number. */
    private static boolean host(String domain) {
        try {
            String host = new URI("mailto", null, domain, -1, null, null, null).getHost();
            int dot = domain.lastIndexOf('.');
            return domain.equals(host) && dot > 0 && dot < domain.length() - 1 && Character.isLetter(domain.charAt(dot + 1));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
