package cn.tuijin.system;

import java.nio.charset.StandardCharsets;

import cn.tuijin.ApiCalls;

/**
 * One generated malformed request and what its refusal must say.
 *
 * @param mutation    what was broken, as a short label that groups failures ("newDueDate: bad date")
 * @param method      the HTTP method
 * @param pathAndQuery the path with its (already encoded) query
 * @param contentType the Content-Type header, or null for none
 * @param body        the body's bytes, or null for none
 * @param field       the field the problem detail must name ({@code body} for the body as a whole)
 * @param status      the one status expected, or 0 for any refusal of bad input (400, 404, 409, 413, 415, 422)
 */
record Attempt(String mutation, String method, String pathAndQuery, String contentType, byte[] body, String field,
               int status) {

    ApiCalls.Request request(ApiCalls api) {
        return api.request(method, pathAndQuery).body(contentType, body).header("Accept", "application/json");
    }

    /** The request as a failure report shows it: method, path, content type and the start of the body. */
    String shown() {
        StringBuilder s = new StringBuilder(method).append(' ').append(cut(pathAndQuery, 160));
        if (contentType != null) {
            s.append(" [").append(cut(contentType, 80)).append(']');
        }
        if (body != null) {
            String text = new String(body, StandardCharsets.UTF_8);
            s.append(' ').append(cut(text, 240).replace("\n", "\\n").replace("\r", "\\r"));
            if (body.length > 240) {
                s.append(" (").append(body.length).append(" bytes)");
            }
        }
        return s.toString();
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
