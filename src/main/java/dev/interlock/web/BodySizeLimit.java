package dev.interlock.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Refuses a body larger than {@code quarkus.http.limits.max-body-size} before reading it, with a 413 in the API's
 * error shape. (Quarkus enforces the same limit on bodies without a Content-Length.)
 */
@ApplicationScoped
public class BodySizeLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > limit) {
                String message = "the body has " + declared + " bytes; the limit is " + limit
                        + " bytes (quarkus.http.limits.max-body-size); split it into smaller bodies";
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close")
                        .end(Json.encode(ErrorBody.of(413, "PayloadTooLargeError", message, null,
                                ctx.request().method().name(), ctx.request().uri())));
                return;
            }
            ctx.next();
        });
    }
}
