package cn.tuijin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser tab on the Camunda webapps for HTTP tests: keeps the session and XSRF cookies and, like the webapps'
 * front end, sends the XSRF token back in the {@code X-XSRF-TOKEN} header of every modifying request.
 */
public class WebappBrowser {

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public WebappBrowser(String base) {
        this.base = base;
    }

    /** Opens Tasklist, logs in through its login form and loads the logged-in user; returns that user as JSON. */
    public String logIn(String user, String password) throws IOException, InterruptedException {
        return logIn("default", "tasklist", user, password);
    }

    /**
     * Opens Tasklist, logs into one webapp (tasklist, cockpit, admin) of a named engine through its login form and loads
     * the logged-in user; returns that user as JSON.
     */
    public String logIn(String engine, String app, String user, String password) throws IOException, InterruptedException {
        openTasklist();
        HttpResponse<String> login = postLogin(engine, app, user, password);
        assertThat(login.statusCode()).as("login of %s: %s", user, login.body()).isEqualTo(200);
        // The login starts a new session; Tasklist's next request (the user) brings the new session's token.
        HttpResponse<String> me = get("/camunda/api/admin/auth/user/" + engine);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        return me.body();
    }

    public void openTasklist() throws IOException, InterruptedException {
        HttpResponse<String> page = get("/camunda/app/tasklist/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(xsrfToken()).as("XSRF-TOKEN cookie").isNotBlank();
    }

    public HttpResponse<String> postLogin(String user, String password) throws IOException, InterruptedException {
        return postLogin("default", "tasklist", user, password);
    }

    public HttpResponse<String> postLogin(String engine, String app, String user, String password)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/" + engine + "/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", xsrfToken())
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET());
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", xsrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    /** Camunda's CSRF token for the webapps' own API. */
    public String xsrfToken() {
        return cookie("XSRF-TOKEN");
    }

    /** The value of a cookie the browser keeps ("" if none). */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> name.equals(c.getName()))
                .map(HttpCookie::getValue)
                .reduce((first, second) -> second)
                .orElse("");
    }
}
