package cn.tuijin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import cn.tuijin.ApiCalls;
import cn.tuijin.TuijinTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API is documented: the OpenAPI document names our endpoints, and its page opens.
 */
@TuijinTest
class ApiDocumentationTest {

    @LocalServerPort int port;

    private HttpResponse<String> get(String path) throws Exception {
        return new ApiCalls(port).request("GET", path).followRedirects().send();
    }

    @Test
    void openApiDocumentListsTheApplicationsEndpoints() throws Exception {
        HttpResponse<String> doc = get("/v3/api-docs");
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.body()).contains("/api/projects/{code}", "/api/issues", "/api/notices", "/api/bulletins",
                "/api/ledger/import", "/api/tasks/{taskId}/extension-requests", "/api/dashboard/overdue",
                "/api/worklist/done", "/api/worklist/started", "/api/tasks/deadlines");
        assertThat(doc.body()).doesNotContain("/engine-rest");
        assertThat(get("/swagger-ui.html").statusCode()).isEqualTo(200);
    }
}
