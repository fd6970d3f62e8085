package cn.tuijin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import cn.tuijin.system.WebappBrowser;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What protects a logged-in browser: a change made with the session needs the page's CSRF token, and the pages and
 * answers carry security headers.
 */
@TuijinTest
class BrowserProtectionTest {

    @LocalServerPort int port;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aChangeRidingOnTheSessionNeedsThePagesTokenAndReadingDoesNot() throws Exception {
        WebappBrowser browser = new WebappBrowser("http://localhost:" + port);
        browser.logIn("huangzh", "demo");
        // Reading with the session works, and brings the token cookie.
        assertThat(browser.get("/api/dashboard/summary").statusCode()).isEqualTo(200);
        String token = browser.cookie(WebSecurity.CSRF_COOKIE);
        assertThat(token).as("token cookie").isNotBlank();

        // A page of another site can make the browser send the session cookie, but cannot read the token.
        HttpResponse<String> forged = browser.request("POST", "/api/bulletins").json("{\"period\":\"2026-13\"}").send();
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(json.readTree(forged.body()).get("type").asText()).isEqualTo("urn:tuijin:csrf");
        assertThat(json.readTree(forged.body()).get("detail").asText()).isEqualTo("页面的防伪令牌缺失或已失效，请刷新页面后重试");

        HttpResponse<String> wrongToken = browser.request("POST", "/api/bulletins").header(WebSecurity.CSRF_HEADER, "not-the-token")
                .json("{\"period\":\"2026-13\"}").send();
        assertThat(wrongToken.statusCode()).isEqualTo(403);

        // The dashboard's own request, with the token: past the check, to the input's validation (month 13).
        HttpResponse<String> fromThePage = browser.request("POST", "/api/bulletins").header(WebSecurity.CSRF_HEADER, token)
                .json("{\"period\":\"2026-13\"}").send();
        assertThat(fromThePage.statusCode()).as(fromThePage.body()).isEqualTo(400);
        assertThat(json.readTree(fromThePage.body()).get("field").asText()).isEqualTo("period");
    }

    @Test
    void thePagesMayLoadNothingFromOutsideAndCannotBeFramed() throws Exception {
        for (String page : new String[] {"/dashboard/", "/bulletins/index.html"}) {
            HttpResponse<String> answer = get(page);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValue(WebSecurity.PAGE_POLICY);
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        }
    }

    @Test
    void answersOfTheApiAreNeitherCachedNorSniffedAndAskNoBrowserForAPassword() throws Exception {
        HttpResponse<String> answer = get("/api/projects");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(json.readTree(answer.body()).get("detail").asText()).isEqualTo("请先登录（用户名和密码与任务列表相同）");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return new ApiCalls(port).request("GET", path).send();
    }
}
