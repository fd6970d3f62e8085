package cn.tuijin.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Mail addresses as the settings take them: one plain address on a host name, nothing the mail server would read otherwise. */
class MailAddressesTest {

    @Test
    void plainAddressesOnAHostNameAreTaken() {
        for (String good : List.of("wang@zjj.example.cn", "li.na+tuijin@xn--fiqs8s.cn", "O'Brien_1990@sub.example-city.gov.cn")) {
            assertThat(MailAddresses.refusal(good)).as(good).isEmpty();
        }
    }

    @Test
    void anythingElseIsRefusedInChinese() {
        for (String bad : List.of("不是邮箱", "a", "a@", "@b.cn", "a@b", "a@@b.cn", "a b@c.cn", "a@[127.0.0.1]", "a@127.0.0.1",
                "\"a b\"@c.cn", "Name <a@b.cn>", "a@b.cn,c@d.cn", "a@b.cn\r\nBcc: x@y.cn", "a@例子.cn", "用户@b.cn", "a@b.cn.",
                "a@.b.cn", "a@b..cn", "a..b@c.cn", ".a@b.cn", "a@-b.cn", "a@b_c.cn", "a\\@b@c.cn", "a(comment)@b.cn",
                "x".repeat(65) + "@b.cn", "a@" + "b".repeat(200) + ".cn", "mailto:a@b.cn", "a@b.cn?subject=x", "a@localhost")) {
            assertThat(MailAddresses.refusal(bad)).as(bad).hasValueSatisfying(why -> assertThat(why).containsPattern("\\p{IsHan}"));
        }
    }
}
