package dev.interlock.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Backstage's error body: {@code {error:{name, message}, request:{method, url}, response:{statusCode}}}. */
public final class ErrorBody {

    private ErrorBody() {}

    /**
     * The body, with the list of problems in {@code errors} when there are some.
     *
     * @param errors the problems, as maps or as records Jackson serialises; {@code null} when none
     */
    public static Map<String, Object> of(
            int status, String name, String message, List<?> errors, String method, String url) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", Map.of("name", name, "message", message));
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.put("request", Map.of("method", method, "url", url));
        body.put("response", Map.of("statusCode", status));
        return body;
    }

    /** A JSON answer with this body, for an exception mapper of the API. */
    public static jakarta.ws.rs.core.Response response(
            int status, String name, String message, List<?> errors, io.vertx.core.http.HttpServerRequest request) {
        return jakarta.ws.rs.core.Response.status(status)
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .entity(of(status, name, message, errors, request.method().name(), request.uri()))
                .build();
    }
}
