package cn.tuijin.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a group robot may be called, as production configures it (https only, no allowed host), with names resolved
 * by a table instead of DNS: a name that resolves to a public address and to an internal one (DNS rebinding, or a
 * record an attacker controls) is refused for the internal one.
 */
class WebhookAddressesTest {

    private static final Map<String, List<String>> DNS = Map.of(
            "oapi.dingtalk.com", List.of("203.0.113.10"),
            "qyapi.weixin.qq.com", List.of("198.51.100.20", "2001:db8::20"),
            "rebind.example.cn", List.of("203.0.113.11", "10.0.0.7"),
            "metadata.example.cn", List.of("169.254.169.254"),
            "localhost", List.of("127.0.0.1", "::1"),
            "robot.zwy.gov.cn", List.of("10.20.1.5"));

    /** The table's names; IP literals as the JDK reads them (no lookup); any other name does not exist. */
    static InetAddress[] resolve(String host) throws UnknownHostException {
        if (DNS.containsKey(host)) {
            InetAddress[] addresses = new InetAddress[DNS.get(host).size()];
            for (int i = 0; i < addresses.length; i++) {
                addresses[i] = InetAddress.getByAddress(host, InetAddress.getByName(DNS.get(host).get(i)).getAddress());
            }
            return addresses;
        }
        if (host.contains(":") || host.matches("[0-9.]+")) {
            return InetAddress.getAllByName(host);
        }
        throw new UnknownHostException(host);
    }

    private final WebhookAddresses production = new WebhookAddresses(new NotificationProperties.Webhook(false, List.of()),
            WebhookAddressesTest::resolve);

    private String refusal(WebhookAddresses addresses, String url) {
        try {
            addresses.check(url);
            return null;
        } catch (WebhookAddresses.Refused e) {
            return e.getMessage();
        }
    }

    @Test
    void aRobotOnTheInternetOverHttpsIsCalledAtTheAddressesChecked() throws Exception {
        WebhookAddresses.Target target = production.check("https://oapi.dingtalk.com/robot/send?access_token=abc");
        assertThat(target.addresses()).extracting(InetAddress::getHostAddress).containsExactly("203.0.113.10");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.hostHeader()).isEqualTo("oapi.dingtalk.com");
        assertThat(target.requestPath()).isEqualTo("/robot/send?access_token=abc");
        assertThat(production.check("https://qyapi.weixin.qq.com:8443").requestPath()).isEqualTo("/");
        assertThat(production.check("https://qyapi.weixin.qq.com:8443").hostHeader()).isEqualTo("qyapi.weixin.qq.com:8443");
        assertThat(production.check("HTTPS://203.0.113.9/x").addresses()).extracting(InetAddress::getHostAddress).containsExactly("203.0.113.9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/", "https://127.1.2.3/", "https://localhost/", "https://[::1]/",
            "https://[0:0:0:0:0:0:0:1]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/", "https://[::127.0.0.1]/",
            "https://[64:ff9b::7f00:1]/", "https://[2002:7f00:1::]/"})
    void thisMachineIsRefused(String url) {
        assertThat(refusal(production, url)).isEqualTo("本机地址");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://10.0.0.1/", "https://172.16.0.1/", "https://172.31.255.254/", "https://192.168.1.1/",
            "https://100.64.0.1/", "https://100.127.255.254/", "https://[fc00::1]/", "https://[fd12:3456::1]/",
            "https://[::ffff:10.1.2.3]/", "https://[::ffff:c0a8:101]/", "https://rebind.example.cn/", "https://robot.zwy.gov.cn/"})
    void internalNetworksAreRefusedAlsoWhenOnlyOneOfANamesAddressesIsInternal(String url) {
        assertThat(refusal(production, url)).isEqualTo("内网地址");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data/", "https://metadata.example.cn/", "https://[fe80::1]/",
            "https://[::ffff:169.254.169.254]/", "https://[::ffff:a9fe:a9fe]/"})
    void linkLocalAndTheCloudsMetadataServiceAreRefused(String url) {
        assertThat(refusal(production, url)).isEqualTo("链路本地地址");
    }

    @Test
    void multicastUnspecifiedAndReservedAreRefused() {
        assertThat(refusal(production, "https://224.0.0.1/")).isEqualTo("组播地址");
        assertThat(refusal(production, "https://[ff02::1]/")).isEqualTo("组播地址");
        assertThat(refusal(production, "https://0.0.0.0/")).startsWith("未指定地址");
        assertThat(refusal(production, "https://[::]/")).startsWith("未指定地址");
        assertThat(refusal(production, "https://0.1.2.3/")).isEqualTo("保留地址");
        assertThat(refusal(production, "https://240.0.0.1/")).isEqualTo("保留地址");
        assertThat(refusal(production, "https://255.255.255.255/")).isEqualTo("保留地址");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://2130706433/", "https://0x7f.1/", "https://0177.0.0.1/", "https://0x7f000001/",
            "https://017700000001/", "https://127.1/", "https://127.0.1/", "https://127.000.000.001/", "https://1.2.3.999/",
            "https://1.2.3.4.5/", "https://134744072/", "https://0251.0376.0251.0376/", "https://0/", "https://127.0.0.1./"})
    void anIpAddressInAnyButItsStandardFormIsRefusedWithoutALookup(String url) {
        assertThat(refusal(production, url)).startsWith("IP 地址须写成标准的四段十进制形式");
    }

    @Test
    void onlyHttpsAWholeAddressNoCredentialsAndAPortThatExists() {
        assertThat(refusal(production, "http://oapi.dingtalk.com/")).isEqualTo("须以 https:// 开头");
        for (String url : List.of("ftp://oapi.dingtalk.com/", "file:///etc/passwd", "gopher://oapi.dingtalk.com/", "//oapi.dingtalk.com/",
                "oapi.dingtalk.com/robot", "javascript:alert(1)")) {
            assertThat(refusal(production, url)).as(url).isEqualTo("须以 https:// 开头");
        }
        for (String url : List.of("https://user:pass@oapi.dingtalk.com/", "https://user@oapi.dingtalk.com/",
                "https://oapi.dingtalk.com@127.0.0.1/", "https://a@b@oapi.dingtalk.com/", "https://:@oapi.dingtalk.com/")) {
            assertThat(refusal(production, url)).as(url).isEqualTo("不得包含用户名或密码");
        }
        for (String url : List.of("https://oapi.dingtalk.com:0/", "https://oapi.dingtalk.com:65536/", "https://oapi.dingtalk.com:99999/")) {
            assertThat(refusal(production, url)).as(url).isEqualTo("端口须在 1–65535 之间");
        }
        for (String url : List.of("https://oapi.dingtalk.com:-1/", "https://oapi.dingtalk.com:4294967297/", "https:///robot",
                "https://oapi_dingtalk.com/", "https://[fe80::1%25eth0]/")) {
            assertThat(refusal(production, url)).as(url).startsWith("不是完整的网址");
        }
        assertThat(refusal(production, "https://oapi.dingtalk.com/" + "a".repeat(500))).isEqualTo("超过500个字符");
        for (String url : List.of("https://oapi.dingtalk.com/ x", "https://oapi.dingtalk.com/\r\nHost: 10.0.0.1", "https://例子.cn/",
                "https://ｌｏｃａｌｈｏｓｔ/", "https://127。0。0。1/", "https://oapi.dingtalk.com/\u0000")) {
            assertThat(refusal(production, url)).as(url).startsWith("含有空格、控制字符或非 ASCII 字符");
        }
    }

    @Test
    void aNameThatDoesNotResolveIsRefusedAsUnresolved() {
        assertThatThrownBy(() -> production.check("https://robot.invalid/send"))
                .isInstanceOfSatisfying(WebhookAddresses.Refused.class, e -> assertThat(e.unresolved()).isTrue())
                .hasMessage("主机名无法解析");
    }

    @Nested
    class AllowedHosts {

        private final WebhookAddresses city = new WebhookAddresses(
                new NotificationProperties.Webhook(false, List.of("Robot.ZWY.gov.cn", "127.0.0.1:8025")), WebhookAddressesTest::resolve);

        @Test
        void exactlyTheAllowedHostsSkipTheAddressCheck() throws Exception {
            assertThat(city.check("https://robot.zwy.gov.cn/send").addresses()).extracting(InetAddress::getHostAddress)
                    .containsExactly("10.20.1.5");
            assertThat(city.check("https://ROBOT.zwy.gov.cn:8443/send").port()).isEqualTo(8443);
            assertThat(city.check("https://127.0.0.1:8025/robot/zjj").port()).isEqualTo(8025);
            assertThat(refusal(city, "https://127.0.0.1:8026/")).as("another port of an allowed host:port").isEqualTo("本机地址");
            assertThat(refusal(city, "https://localhost:8025/")).as("another name of it").isEqualTo("本机地址");
            assertThat(refusal(city, "https://2130706433:8025/")).startsWith("IP 地址须写成标准的四段十进制形式");
            assertThat(refusal(city, "https://rebind.example.cn/")).isEqualTo("内网地址");
        }

        @Test
        void theOtherRulesStillHold() {
            assertThat(refusal(city, "http://robot.zwy.gov.cn/")).isEqualTo("须以 https:// 开头");
            assertThat(refusal(city, "https://u:p@robot.zwy.gov.cn/")).isEqualTo("不得包含用户名或密码");
            assertThat(refusal(city, "https://robot.zwy.gov.cn:70000/")).isEqualTo("端口须在 1–65535 之间");
        }

        @Test
        void httpOnlyWhereConfiguredAndAnEntryThatIsNoHostStopsTheStart() throws Exception {
            WebhookAddresses rig = new WebhookAddresses(new NotificationProperties.Webhook(true, List.of("localhost")),
                    WebhookAddressesTest::resolve);
            assertThat(rig.check("http://localhost:9000/robot").https()).isFalse();
            assertThat(refusal(rig, "ftp://localhost/")).isEqualTo("须以 http:// 或 https:// 开头");
            assertThatThrownBy(() -> new WebhookAddresses(new NotificationProperties.Webhook(false, List.of("https://robot.zwy.gov.cn/")),
                    WebhookAddressesTest::resolve)).isInstanceOf(IllegalStateException.class).hasMessageContaining("allowed-hosts");
        }
    }

    @Test
    void everyMalformedSettingOfTheApiTestIsRefusedByTheRulesAlone() {
        WebhookAddresses rig = new WebhookAddresses(new NotificationProperties.Webhook(true, List.of("localhost")),
                WebhookAddressesTest::resolve);
        for (MalformedRobotSettings.Attempt attempt : MalformedRobotSettings.all(8025)) {
            if (attempt.field().equals("webhookUrl")) {
                assertThat(refusal(rig, attempt.value())).as(attempt.value()).isNotNull();
            } else {
                assertThat(MailAddresses.refusal(attempt.value())).as(attempt.value()).isPresent();
            }
        }
        assertThat(refusal(rig, "http://localhost:8025/robot")).isNull();
    }
}
