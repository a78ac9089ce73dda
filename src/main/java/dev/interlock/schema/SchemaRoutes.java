package dev.interlock.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.interlock.errors.ErrorBody;

/**
 * The descriptor schemas for editors (VS Code's YAML extension, IntelliJ) and CI: {@code /schemas/catalog-info.json}
 * for any descriptor, {@code /schemas/kinds/<Kind>.<version>.json} for one kind and {@code /schemas} listing them;
 * public (no sign-in) and self-contained. Their {@code $id} is under {@code interlock.public-url}, or
 * {@code http://localhost:<port>} when that is not set.
 *
 * <p>Plain routes rather than REST resources: they hold no user data and set no cookie (the REST layer hands out a
 * CSRF cookie with every GET), so shared caches may keep them.
 */
@ApplicationScoped
public class SchemaRoutes {

    /** JSON Schema's media type. */
    public static final String SCHEMA_JSON = "application/schema+json";

    private static final String CACHE = "public, max-age=300";

    private final SchemaRegistry registry = new SchemaRegistry();
    private final Map<String, String> rendered = new ConcurrentHashMap<>();

    @ConfigProperty(name = "interlock.public-url")
    Optional<String> publicUrl;

    void install(@Observes Router router) {
        router.get("/schemas").handler(ctx -> send(ctx, 200, "application/json", Json.encodePrettily(index())));
        router.get("/schemas/catalog-info.json")
                .handler(ctx -> send(
                        ctx,
                        200,
                        SCHEMA_JSON,
                        rendered.computeIfAbsent(
                                base(), b -> registry.catalogInfo(b).toPrettyString())));
        router.get("/schemas/kinds/:file").handler(this::kind);
    }

    private void kind(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        String name = file.endsWith(".json") ? file.substring(0, file.length() - ".json".length()) : file;
        Optional<String> schema = SchemaRegistry.KINDS.stream()
                .filter(k -> k.equalsIgnoreCase(name))
                .findFirst()
                .map(k -> rendered.computeIfAbsent(
                        base() + " " + k,
                        n -> registry.kind(k, base()).orElseThrow().toPrettyString()));
        if (schema.isPresent()) {
            send(ctx, 200, SCHEMA_JSON, schema.get());
            return;
        }
        String message = "no schema for \"" + file + "\"; the kinds with one are "
                + String.join(
                        ", ",
                        SchemaRegistry.KINDS.stream().map(k -> k + ".json").toList())
                + " (and /schemas/catalog-info.json for any descriptor)";
        ctx.response().putHeader("Cache-Control", "no-store");
        send(
                ctx,
                404,
                "application/json",
                Json.encode(ErrorBody.of(
                        404,
                        "NotFoundError",
                        message,
                        null,
                        ctx.request().method().name(),
                        ctx.request().uri())));
    }

    private Map<String, Object> index() {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("catalogInfo", base() + "/schemas/catalog-info.json");
        List<Map<String, String>> kinds = SchemaRegistry.KINDS.stream()
                .map(k -> Map.of(
                        "kind",
                        k.substring(0, k.indexOf('.')),
                        "version",
                        k.substring(k.indexOf('.') + 1),
                        "url",
                        base() + "/schemas/kinds/" + k + ".json"))
                .toList();
        index.put("kinds", kinds);
        return index;
    }

    /** Any site may read the schemas (they hold no user data), and keep them for five minutes. */
    private static void send(RoutingContext ctx, int status, String type, String body) {
        if (!ctx.response().headers().contains("Cache-Control")) {
            ctx.response().putHeader("Cache-Control", CACHE);
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", type)
                .putHeader("Access-Control-Allow-Origin", "*")
                .end(body);
    }

    /** Read at request time: the port is known for sure only once the server listens (a test's is random). */
    private String base() {
        return publicUrl
                .map(u -> u.replaceAll("/+$", ""))
                .filter(u -> !u.isBlank())
                .orElseGet(() -> "http://localhost:"
                        + ConfigProvider.getConfig()
                                .getOptionalValue("quarkus.http.port", Integer.class)
                                .orElse(8080));
    }
}
