package cn.tuijin.notification;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Settings that must be refused, as the project office would send them: group-robot addresses at this machine, at
 * internal networks and at the cloud's metadata service in every way one can write them (IP literals, decimal, octal
 * and hex forms, IPv6 and IPv4-mapped IPv6, names that do not exist), with every scheme, user names and passwords,
 * ports that do not exist, overlong, with control characters and in Unicode; and mail addresses that are not plain
 * ones. Each robot address points at the test's listener where it names a port. No name needs a DNS server to be
 * refused: names end in .invalid (the resolver answers at once that they do not exist) or are refused as written.
 * The test rig allows plain http and the host localhost, so localhost appears only with another fault.
 */
final class MalformedRobotSettings {

    /** One PUT: where, the JSON body, the field the refusal must name and its value. */
    record Attempt(String path, String body, String field, String value) {
    }

    static final String UNIT = "/api/notifications/settings/units/zjj";
    static final String MINE = "/api/notifications/settings/me";

    static final List<String> HOSTS = List.of(
            // this machine
            "127.0.0.1", "127.0.0.2", "127.255.255.254", "localhost.", "[::1]", "[0:0:0:0:0:0:0:1]", "[0000::1]",
            "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]",
            // IPv4 in decimal, octal, hex and short forms
            "2130706433", "017700000001", "0x7f000001", "0x7f.1", "0x7f.0.0.1", "0177.0.0.1", "0177.1", "127.1", "127.0.1",
            "127.000.000.001", "127.0.0.01", "0x7F.0X0.0.01", "3232235521", "167772161", "2852039166", "0xA9FEA9FE",
            "0251.0376.0251.0376", "169.254.43518", "1.2.3.999", "256.1.1.1", "1.2.3.4.5", "08.1.1.1", "134744072", "0",
            "0.0", "127.0.0.1.",
            // internal networks
            "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.0.1", "192.168.1.1", "100.64.0.1",
            "100.127.255.254", "[fc00::1]", "[fd12:3456::1]", "[fec0::1]", "[::ffff:10.1.2.3]", "[::ffff:c0a8:101]",
            // link-local, the metadata service
            "169.254.169.254", "169.254.0.1", "[fe80::1]", "[fe80::1%25lo]", "[::ffff:169.254.169.254]", "[::ffff:a9fe:a9fe]",
            // multicast, unspecified, reserved
            "224.0.0.1", "239.255.255.250", "[ff02::1]", "[ff05::1:3]", "0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]", "0.1.2.3",
            "240.0.0.1", "255.255.255.255", "192.0.0.8", "198.18.0.1", "[2001::1]",
            // names that do not exist, names that are not names
            "robot.invalid", "metadata.google.internal.invalid", "127.0.0.1.invalid", "localhost.invalid",
            "oapi_dingtalk.invalid", "-robot.invalid", "robot-.invalid", "robot..invalid", ".invalid",
            // Unicode
            "例子.cn", "ｌｏｃａｌｈｏｓｔ", "127。0。0。1", "①②⑦.0.0.1", "locаlhost", "localhost\u200b", "[::1\uff05]");

    /** The ways each host is written into an address; %s the host, %d the listener's port. */
    static final List<String> SHAPES = List.of("http://%s:%d/robot/send?access_token=t", "https://%s:%d/",
            "http://%s/", "HTTP://%s:%d/cgi-bin/webhook/send?key=k", "https://%s:443/robot/send?access_token=t",
            "http://user:pass@%s:%d/", "http://%s:%d/#fragment", "http://%s:%d", "https://%s/latest/meta-data/",
            "http://%s:%d/%%0d%%0aX-Injected:%%201");

    /** Addresses on the allowed host with one fault each; %d the listener's port. */
    static final List<String> ONE_FAULT = List.of(
            "ftp://localhost:%d/", "file:///etc/passwd", "gopher://localhost:%d/_x", "dict://localhost:%d/", "ldap://localhost:%d/",
            "jar:http://localhost:%d/x!/", "javascript:alert(1)", "data:text/plain,x", "ws://localhost:%d/", "wss://localhost:%d/",
            "//localhost:%d/", "localhost:%d/robot", "http:/localhost:%d/", "http:localhost:%d", "http:\\\\localhost:%d\\",
            "http://u:p@localhost:%d/", "http://u@localhost:%d/", "http://:@localhost:%d/", "http://@localhost:%d/",
            "http://localhost:%d@127.0.0.1:%1$d/", "http://a@b@localhost:%d/", "http://localhost%%40127.0.0.1:%d/",
            "http://localhost:0/", "http://localhost:65536/", "http://localhost:99999/", "http://localhost:-1/",
            "http://localhost:4294967297/", "http://localhost:+80/", "http://localhost:0x50/", "http://localhost:８０/",
            "http://localhost:80:80/", "http://localhost: 80/", "http://localhost:%d/" + "a".repeat(500),
            "http://" + "a".repeat(600) + ".invalid/", "http://" + "a".repeat(64) + ".invalid/",
            "http://localhost:%d/\r\nX-Injected: 1", "http://localhost:%d/a\u0000b", "http://local\thost:%d/",
            "http://localhost:%d/\u007f", "http://localhost:%d/路径", "http://localhost:%d/a b", "http://[::1:%d/",
            "http://[localhost]:%d/", "http://[v1.x]/", "http://[::1]]:%d/", "http://localhost:%d\\@127.0.0.1/",
            "https://", "http://", "http:///", "://localhost", "not a url", "https://:443/", "https://?x");

    static final List<String> MAILS = List.of(
            "不是邮箱", "a", "a@", "@b.cn", "a@b", "a@@b.cn", "a b@c.cn", "a@b .cn", "a@[127.0.0.1]", "a@[IPv6:::1]",
            "a@127.0.0.1", "a@2130706433", "\"a b\"@c.cn", "\"a\"@c.cn", "a@localhost", "Name <a@b.cn>", "<a@b.cn>",
            "a@b.cn, c@d.cn", "a@b.cn,c@d.cn", "a@b.cn;c@d.cn", "a@b.cn\r\nBcc: x@y.cn", "a@b.cn\nx", "a\u0000@b.cn",
            "a@b.cn\u007f", "a@例子.cn", "用户@b.cn", "a@b.cn.", "a@.b.cn", "a@b..cn", "a..b@c.cn", ".a@b.cn", "a.@b.cn",
            "a@-b.cn", "a@b-.cn", "a@b_c.cn", "x".repeat(65) + "@b.cn", "a@" + "b".repeat(200) + ".cn",
            "a".repeat(1_000_000), "mailto:a@b.cn", "a@b.cn?subject=x", "a@b.cn#x", "a@b.123",
            "a(comment)@b.cn", "a@(comment)b.cn", "group: a@b.cn;", "a@b.cn>", "a\\@b@c.cn", "ａ@b.cn",
            "a@ｂ.cn", "a@b.cn\u2028", "a@b.cn\tx");

    private MalformedRobotSettings() {
    }

    /** Every attempt, robot addresses first; about a thousand. */
    static List<Attempt> all(int port) {
        ObjectMapper json = new ObjectMapper();
        List<Attempt> attempts = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (String host : HOSTS) {
            for (String shape : SHAPES) {
                urls.add(shape.contains("%d") ? shape.formatted(host, port) : shape.formatted(host));
            }
        }
        ONE_FAULT.forEach(u -> urls.add(u.contains("%d") ? u.formatted(port) : u));
        for (int i = 0; i < urls.size(); i++) {
            ObjectNode body = json.createObjectNode().put("webhookUrl", urls.get(i));
            if (i % 2 == 0) {
                body.put("webhookEnabled", true).put("webhookKind", i % 4 == 0 ? "WECOM" : "DINGTALK");
            }
            attempts.add(new Attempt(UNIT, body.toString(), "webhookUrl", urls.get(i)));
        }
        for (String mail : MAILS) {
            attempts.add(new Attempt(UNIT, json.createObjectNode().put("mailAddress", mail).toString(), "mailAddress", mail));
            attempts.add(new Attempt(UNIT, json.createObjectNode().put("mailEnabled", true).put("mailAddress", mail).toString(),
                    "mailAddress", mail));
            attempts.add(new Attempt(MINE, json.createObjectNode().put("mailAddress", mail).toString(), "mailAddress", mail));
        }
        return attempts;
    }
}
