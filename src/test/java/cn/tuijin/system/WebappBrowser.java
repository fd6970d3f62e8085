package cn.tuijin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import cn.tuijin.ApiCalls;

/**
 * A browser tab on the Camunda webapps for HTTP tests: keeps the session and XSRF cookies ({@link ApiCalls#withCookies()})
 * and, like the webapps' front end, sends the XSRF token back in the {@code X-XSRF-TOKEN} header of every modifying
 * request.
 */
public class WebappBrowser {

    private final ApiCalls tab;

    public WebappBrowser(String base) {
        this.tab = new ApiCalls(base).withCookies();
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
        return request("POST", "/camunda/api/admin/auth/user/" + engine + "/login/" + app)
                .header("X-XSRF-TOKEN", xsrfToken())
                .body("application/x-www-form-urlencoded", loginForm(user, password))
                .send();
    }

    /** The body of the webapps' login form. */
    public static String loginForm(String user, String password) {
        return "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return request("GET", path).header("Accept", "application/json").send();
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return request("POST", path)
                .header("Accept", "application/json")
                .header("X-XSRF-TOKEN", xsrfToken())
                .json(json)
                .send();
    }

    /** A request in this tab: its cookies go along, and nothing else unless added (no XSRF token). */
    public ApiCalls.Request request(String method, String path) {
        return tab.request(method, path);
    }

    /** Camunda's CSRF token for the webapps' own API. */
    public String xsrfToken() {
        return cookie("XSRF-TOKEN");
    }

    /** The value of a cookie the browser keeps ("" if none). */
    public String cookie(String name) {
        return tab.cookie(name);
    }
}
