package dev.interlock.runs.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.interlock.errors.ErrorBody;

/** A refused event as the API's error shape, with the field at fault in {@code errors[0].field}. */
public class RunErrorMapper {

    @ServerExceptionMapper
    public Response bad(BadRunEvent e, HttpServerRequest request) {
        String name = switch (e.status()) {
            case 401 -> "AuthenticationError";
            case 404 -> "NotFoundError";
            case 413 -> "PayloadTooLargeError";
            case 415 -> "UnsupportedMediaTypeError";
            default -> "InputError";
        };
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("name", name);
        problem.put("field", e.field());
        problem.put("message", e.getMessage());
        return Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(
                        e.status(),
                        name,
                        e.getMessage(),
                        List.of(problem),
                        request.method().name(),
                        request.uri()))
                .build();
    }
}
