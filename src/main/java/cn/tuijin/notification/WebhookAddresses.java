package cn.tuijin.notification;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decides whether a group robot's address may be called, when it is set and again before each call (a name may
 * resolve elsewhere by then): https (http only where configured), no user name or password, a port of 1–65535, an IP
 * address only in its standard form, and a host every address of which is outside this machine and the internal
 * networks ({@link InternalAddresses}), unless the host is one of the allowed hosts of the configuration. The answer
 * is the addresses checked: the call goes to one of them, never to a new lookup of the name.
 */
@Component
class WebhookAddresses {

    static final int MAX_LENGTH = 500;
    private static final String STANDARD_IPV4 = "IP 地址须写成标准的四段十进制形式，如 203.0.113.10";

    /** How a name becomes addresses (the JDK's resolver; another in tests). */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A checked address: where to connect and what to say in the request. */
    record Target(URI uri, String host, int port, List<InetAddress> addresses) {

        boolean https() {
            return "https".equalsIgnoreCase(uri.getScheme());
        }

        /** The Host header: the host as written, with the port when it is not the scheme's default. */
        String hostHeader() {
            return uri.getPort() == -1 ? host : host + ":" + port;
        }

        /** The path and query as sent in the request line. */
        String requestPath() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /** An address that may not be called; the reason in Chinese. Unresolved: the name has no address (now). */
    static final class Refused extends Exception {

        private final boolean unresolved;

        Refused(String reason, boolean unresolved) {
            super(reason);
            this.unresolved = unresolved;
        }

        boolean unresolved() {
            return unresolved;
        }
    }

    private final boolean allowHttp;
    private final Set<String> allowedHosts;
    private final Resolver resolver;

    @Autowired
    WebhookAddresses(NotificationProperties properties) {
        this(properties.webhook(), InetAddress::getAllByName);
    }

    WebhookAddresses(NotificationProperties.Webhook config, Resolver resolver) {
        this.allowHttp = config.allowHttp();
        this.allowedHosts = config.allowedHosts().stream().map(WebhookAddresses::allowedHost).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** The addresses the robot at {@code url} may be called at, or why it may not. */
    Target check(String url) throws Refused {
        if (url.length() > MAX_LENGTH) {
            throw refused("超过" + MAX_LENGTH + "个字符");
        }
        if (url.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw refused("含有空格、控制字符或非 ASCII 字符（中文域名请写成 xn-- 形式）");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("不是完整的网址");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw refused(allowHttp ? "须以 http:// 或 https:// 开头" : "须以 https:// 开头");
        }
        if (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw refused("不得包含用户名或密码");
        }
        String host = uri.getHost();
        if (host == null || host.contains("%")) {
            String written = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst(":[^:\\]]*$", "");
            throw refused(!written.startsWith("[") && numeric(written) ? STANDARD_IPV4 : "不是完整的网址（主机名或端口不正确）");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw refused("端口须在 1–65535 之间");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String name = host.toLowerCase(Locale.ROOT);
        boolean ipv6 = name.startsWith("[");
        if (!ipv6 && numeric(name) && !standardIpv4(name)) {
            throw refused(STANDARD_IPV4);
        }
        List<InetAddress> addresses = resolve(ipv6 ? name.substring(1, name.length() - 1) : name);
        if (!allowedHosts.contains(name) && !allowedHosts.contains(name + ":" + port)) {
            for (InetAddress address : addresses) {
                Optional<String> refusal = InternalAddresses.refusal(address);
                if (refusal.isPresent()) {
                    throw refused(refusal.get());
                }
            }
        }
        return new Target(uri, host, port, addresses);
    }

    private List<InetAddress> resolve(String host) throws Refused {
        try {
            InetAddress[] addresses = resolver.resolve(host);
            if (addresses.length > 0) {
                return List.of(addresses);
            }
        } catch (UnknownHostException e) {
            // below
        }
        throw new Refused("主机名无法解析", true);
    }

    /** A host meant as a number: its last label starts with a digit (no top-level domain does). */
    private static boolean numeric(String host) {
        String labels = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = labels.substring(labels.lastIndexOf('.') + 1);
        return !last.isEmpty() && Character.isDigit(last.charAt(0));
    }

    /**
     * Four decimal numbers of 0–255 without leading zeros: the one form every resolver reads alike (the JDK reads
     * {@code 0177.0.0.1} as 177.0.0.1, C libraries as 127.0.0.1; {@code 2130706433} and {@code 0x7f.1} are 127.0.0.1).
     */
    private static boolean standardIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static Refused refused(String reason) {
        return new Refused(reason, false);
    }

    /** An entry of the allowed hosts, {@code host} or {@code host:port}, as compared: lower case, IPv6 in brackets. */
    private static String allowedHost(String entry) {
        try {
            URI uri = new URI("https://" + entry.trim());
            if (uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
                throw new URISyntaxException(entry, "not host[:port]");
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("tuijin.notifications.webhook.allowed-hosts: 「" + entry + "」不是主机名或 主机名:端口", e);
        }
    }
}
