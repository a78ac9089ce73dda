package dev.interlock.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MultivaluedHashMap;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.common.headers.HeaderUtil;

import dev.interlock.errors.ErrorBody;

/**
 * Checks every request gets before any resource sees it, each answered in the API's error shape: a body over
 * {@code quarkus.http.limits.max-body-size} (413: refused before it is read when its length is declared, as soon as
 * the limit is passed when it comes in chunks), a URL that does not decode or holds a NUL character (400), and wrong
 * credentials on the API (401).
 */
@ApplicationScoped
public class RequestGuards {

    /**
     * Where chunked bodies are read: after Quarkus's authentication (-200) and its path permissions (-100), so that
     * only requests the path lets in are read ahead (the public paths, and requests a resource then refuses by role,
     * are read as they were before: whole, up to the limit), and before the application's routes.
     */
    private static final int CHUNKED_BODY_ORDER = -1;

    /** The methods that change things, and must carry a page form's CSRF token. */
    private static final java.util.Set<String> UNSAFE = java.util.Set.of("POST", "PUT", "PATCH", "DELETE");

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            long declared = declaredLength(ctx);
            if (declared > limit) {
                ctx.response().putHeader("Connection", "close");
                send(
                        ctx,
                        413,
                        "PayloadTooLargeError",
                        "the body has " + declared + " bytes; the limit is " + limit
                                + " bytes (quarkus.http.limits.max-body-size); split it into smaller bodies");
                return;
            }
            String problem = urlProblem(ctx.request().uri());
            if (problem == null) {
                problem = headerProblem(ctx);
            }
            if (problem != null) {
                send(ctx, 400, "InputError", problem);
                return;
            }
            // No API endpoint takes a form; refused here, before Quarkus REST parses (or fails to parse) it as one.
            // Nor a body without a Content-Type: what a cross-site page can send without asking (a Blob in a no-cors
            // fetch) with the Basic credentials a browser keeps, and what no API client means to send.
            String path = ctx.request().path();
            String contentType = ctx.request().getHeader("Content-Type");
            if (path != null && path.startsWith("/api/") && hasBody(ctx)) {
                if (contentType == null || contentType.isBlank()) {
                    send(
                            ctx,
                            415,
                            "UnsupportedMediaTypeError",
                            "the body has no Content-Type; send it as " + ErrorNegotiation.acceptedType(path)
                                    + " (curl: -H 'Content-Type: ...')");
                    return;
                }
                if (isForm(contentType)) {
                    send(
                            ctx,
                            415,
                            "UnsupportedMediaTypeError",
                            "the body's content type is not accepted here; send "
                                    + ErrorNegotiation.acceptedType(path));
                    return;
                }
            }
            // Pages change things only through their forms, which carry the CSRF token; Quarkus's check reads the token
            // from form bodies alone, so a change without a form body is refused here, before any resource runs.
            if (path != null
                    && !path.startsWith("/api/")
                    && !path.startsWith("/q/")
                    && UNSAFE.contains(ctx.request().method().name())
                    && !isPageForm(contentType)) {
                send(
                        ctx,
                        415,
                        "UnsupportedMediaTypeError",
                        "this request to " + path + " has "
                                + (contentType == null || contentType.isBlank()
                                        ? "no Content-Type"
                                        : "Content-Type " + contentType)
                                + "; send " + ErrorNegotiation.acceptedType(path)
                                + " with its security token (csrf-token). Nothing was changed; scripts use the API"
                                + " under /api instead");
                return;
            }
            ctx.next();
        });
        // A chunked body declares no length. Quarkus REST would count it as it reads and, past the limit, end the
        // answer with an empty 413 before the application could say why; read here instead (the resources take a
        // body read ahead as it is), so that passing the limit fails the request and is answered below.
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(limit);
        router.route().order(CHUNKED_BODY_ORDER).handler(ctx -> {
            if (declaredLength(ctx) < 0 && isChunkedButNotAForm(ctx)) {
                chunkedBodies.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                ctx.response().putHeader("Connection", "close");
                send(
                        ctx,
                        413,
                        "PayloadTooLargeError",
                        "the body is larger than the limit of " + limit
                                + " bytes (quarkus.http.limits.max-body-size); split it into smaller bodies");
                return;
            }
            // Vert.x fails a request with no path before any route runs ("GET ?q HTTP/1.1").
            String path = ctx.request().path();
            if (ctx.statusCode() == 400
                    && (path == null || path.isEmpty())
                    && !ctx.response().ended()) {
                send(ctx, 400, "InputError", "the URL has no path: it must start with /");
                return;
            }
            ctx.next();
        });
        router.route("/api/*").order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.failure() instanceof AuthenticationFailedException
                    && !ctx.response().ended()) {
                ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"Interlock\", charset=\"UTF-8\"");
                send(
                        ctx,
                        401,
                        "AuthenticationError",
                        "the credentials are not valid: a wrong user name or password, or a"
                                + " token that is forged, expired or from another provider");
                return;
            }
            ctx.next();
        });
    }

    private static long declaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whether a body comes in chunks, and not as a form: forms are parsed by Quarkus REST from the request itself
     * (browsers send them with a length anyway).
     */
    private static boolean isChunkedButNotAForm(RoutingContext ctx) {
        String encoding = ctx.request().getHeader("Transfer-Encoding");
        if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return false;
        }
        return !isForm(ctx.request().getHeader("Content-Type"));
    }

    /** Whether a request has a body: a length over zero, or chunks. */
    private static boolean hasBody(RoutingContext ctx) {
        String encoding = ctx.request().getHeader("Transfer-Encoding");
        return declaredLength(ctx) > 0 || encoding != null && !encoding.isBlank();
    }

    /** Whether a content type is a form's: URL-encoded or multipart. */
    static boolean isForm(String contentType) {
        String type = String.valueOf(contentType).trim().toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }

    /** Whether a content type is one whose CSRF token Quarkus's check reads: URL-encoded or multipart/form-data. */
    static boolean isPageForm(String contentType) {
        String type = String.valueOf(contentType).trim().toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }

    /**
     * What is wrong with the {@code Accept} header, or {@code null}. Parsed as the REST layer parses it for content
     * negotiation, so that what passes here also passes there, where a value it cannot parse fails the request
     * without saying which header was wrong.
     */
    static String headerProblem(RoutingContext ctx) {
        List<String> values = ctx.request().headers().getAll("Accept").stream()
                .filter(v -> !v.isBlank())
                .toList();
        // Health, metrics and the OpenAPI document do not negotiate through the REST layer: any Accept will do.
        if (values.isEmpty()
                || ctx.request().path() == null
                || ctx.request().path().startsWith("/q/")) {
            return null;
        }
        MultivaluedHashMap<String, String> parsed = new MultivaluedHashMap<>();
        parsed.put("Accept", values);
        try {
            HeaderUtil.getAcceptableMediaTypes(parsed);
            return null;
        } catch (RuntimeException e) {
            return "the Accept header is not valid: expected media types such as application/json, separated by commas";
        }
    }

    /**
     * What is wrong with a request URI, or {@code null}. The URI syntax check is the one Quarkus makes before any route
     * (which answers an empty 400 and is turned off by {@link dev.interlock.InterlockMain#URI_CHECK_OFF}), made here
     * to say what is wrong.
     */
    static String urlProblem(String uri) {
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            return "the URL is not valid: " + e.getReason() + (e.getIndex() >= 0 ? " at character " + e.getIndex() : "")
                    + "; encode % as %25 and spaces as %20";
        }
        try {
            if (URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8)
                            .indexOf('\0')
                    >= 0) {
                return "the URL holds a NUL character";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "the URL is not valid: " + e.getMessage();
        }
    }

    private static void send(RoutingContext ctx, int status, String name, String message) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Json.encode(ErrorBody.of(
                        status,
                        name,
                        message,
                        null,
                        ctx.request().method().name(),
                        ctx.request().uri())));
    }
}
