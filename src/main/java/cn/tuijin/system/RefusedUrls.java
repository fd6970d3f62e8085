package cn.tuijin.system;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Addresses under {@code /api} that Tomcat refuses before the application sees them — an encoded slash ({@code %2F})
 * or NUL ({@code %00}) in the path, say a task id {@code a/b} — are answered like every other refused input: a problem
 * detail in Chinese naming the {@code path}, instead of Tomcat's HTML error page.
 */
@Component
class RefusedUrls implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> context.getParent().getPipeline().addValve(new ProblemValve()));
    }

    /** Writes the problem detail for a refused /api address; other errors go to Tomcat's report as before. */
    static final class ProblemValve extends ErrorReportValve {

        ProblemValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            String uri = request.getRequestURI();
            if (response.getStatus() != 400 || uri == null || !uri.startsWith("/api/") || response.getContentWritten() > 0
                    || response.isCommitted()) {
                super.report(request, response, throwable);
                return;
            }
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("{\"type\":\"urn:tuijin:invalid-input\",\"title\":\"输入有误\",\"status\":400,"
                            + "\"detail\":\"请求地址中含有不允许的字符（如编码的斜杠 %2F、反斜杠或空字符 %00），无法识别要访问的资源\","
                            + "\"field\":\"path\"}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response was taken: nothing more to say.
            }
        }
    }
}
