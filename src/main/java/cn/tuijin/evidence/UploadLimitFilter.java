package cn.tuijin.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An upload of evidence above the limit, refused in Chinese (413) before anything is read into the application: when
 * the request says its length, at once; otherwise when the servlet's multipart limit trips while the parts are read
 * (the ledger's answer to that, UploadLimitAdvice, speaks of ledgers). The rest of the body is read and dropped (up to
 * a bound) so that the browser receives the answer instead of a reset connection.
 */
class UploadLimitFilter extends OncePerRequestFilter {

    /** Room for the multipart framing and the kind field around the file. */
    private static final long FRAMING = 64 * 1024;
    /** How much of a refused body is read and dropped before the connection is left to close. */
    private static final long DRAIN = 64L * 1024 * 1024;

    private final DataSize limit;
    private final ObjectMapper json = new ObjectMapper();

    /** @param limit the smaller of the evidence limit and the servlet's multipart limit */
    UploadLimitFilter(DataSize limit) {
        this.limit = limit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !"POST".equals(request.getMethod()) || type == null
                || !type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit.toBytes() + FRAMING) {
            refuse(request, response);
            return;
        }
        try {
            request.getParts();
        } catch (IllegalStateException | IOException | ServletException e) {
            if (sizeExceeded(e)) {
                refuse(request, response);
                return;
            }
            // another fault of the body: Spring answers it as it does for every upload
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (InputStream rest = request.getInputStream()) {
            long dropped = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int n; dropped < DRAIN && (n = rest.read(buffer)) > 0; ) {
                dropped += n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client stopped sending: the answer goes out anyway
        }
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), Map.of(
                "type", "urn:tuijin:upload-too-large",
                "title", "文件过大",
                "status", HttpStatus.PAYLOAD_TOO_LARGE.value(),
                "detail", EvidenceService.tooLarge(limit),
                "field", ContentCheck.FIELD,
                "instance", request.getRequestURI()));
    }

    /** Whether the servlet refused the parts for their size (the test Spring's multipart resolver makes). */
    private static boolean sizeExceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("exceed") && (message.contains("size") || message.contains("length"))) {
                return true;
            }
        }
        return false;
    }
}
