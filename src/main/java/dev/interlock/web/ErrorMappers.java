package dev.interlock.web;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.ForbiddenException;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.interlock.descriptor.DescriptorSyntaxException;
import dev.interlock.descriptor.Position;
import dev.interlock.errors.ErrorBody;
import dev.interlock.errors.RepeatedParameter;
import dev.interlock.registration.ConflictException;
import dev.interlock.registration.RegistrationRejected;
import dev.interlock.security.Roles;
import dev.interlock.validation.Problem;

/**
 * The one place errors become answers: Backstage's JSON error shape for the API
 * ({@code {error:{name, message}, request:{method, url}, response:{statusCode}}}), a page in the site's layout for
 * browsers. No class name, stack trace or SQL ever reaches a client; unexpected errors are logged with a reference
 * the page shows.
 */
public class ErrorMappers {

    /**
     * One problem of a refused body, as the API lists it under {@code errors} and the error page shows it.
     *
     * @param name always {@code InputError}
     * @param document 1-based document index in the body (0 for the body as a whole)
     * @param line 1-based line, or {@code null}
     * @param column 1-based column, or {@code null}
     * @param field dotted field path, or {@code null}
     * @param message what is wrong
     */
    @JsonPropertyOrder({"name", "document", "line", "column", "field", "message"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @TemplateData
    public record InputProblem(String name, int document, Integer line, Integer column, String field, String message) {

        static InputProblem of(Problem p) {
            return new InputProblem("InputError", p.document(), p.line(), p.column(), p.field(), p.message());
        }

        static InputProblem of(DescriptorSyntaxException e) {
            Position pos = e.position();
            return new InputProblem(
                    "InputError",
                    e.document(),
                    pos == null ? null : pos.line(),
                    pos == null ? null : pos.column(),
                    null,
                    e.describe());
        }
    }

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @Inject
    @Location("error.html")
    Template errorPage;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @ServerExceptionMapper
    public Response rejected(RegistrationRejected e, HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        List<InputProblem> errors = e.errors().stream().map(InputProblem::of).toList();
        return answer(400, "InputError", e.getMessage(), errors, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response syntax(DescriptorSyntaxException e, HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        return answer(400, "InputError", e.describe(), List.of(InputProblem.of(e)), headers, uri, request);
    }

    @ServerExceptionMapper
    public Response repeated(RepeatedParameter e, HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        return answer(
                400,
                "InputError",
                e.getMessage(),
                List.of(new InputProblem("InputError", 0, null, null, e.parameter(), e.getMessage())),
                headers,
                uri,
                request);
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e, HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        return answer(409, "ConflictError", e.getMessage(), null, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response notAllowed(
            dev.interlock.registration.NotAllowedException e,
            HttpHeaders headers,
            UriInfo uri,
            HttpServerRequest request) {
        return answer(403, "NotAllowedError", e.getMessage(), null, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        boolean reader = identity.isAnonymous() || Roles.canRead(identity);
        return answer(
                403,
                "NotAllowedError",
                !reader
                        ? "you are signed in, but your account may not read the catalog (reading needs catalog-viewer;"
                                + " an account that only reports runs has no pages)"
                        : "you are signed in, but your role does not allow this "
                                + "(writing needs catalog-editor; export, import and operations need catalog-admin)",
                null,
                headers,
                uri,
                request);
    }

    /** Replaces Quarkus's own mapper, whose answer is not in the API's shape. */
    @ServerExceptionMapper
    public Response mismatched(
            com.fasterxml.jackson.databind.exc.MismatchedInputException e,
            HttpHeaders headers,
            UriInfo uri,
            HttpServerRequest request) {
        return json(e, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response json(
            com.fasterxml.jackson.core.JsonProcessingException e,
            HttpHeaders headers,
            UriInfo uri,
            HttpServerRequest request) {
        var location = e.getLocation();
        String where =
                location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        String field = "";
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m
                && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (var part : m.getPath()) {
                if (part.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(part.getFieldName());
                } else {
                    path.append('[').append(part.getIndex()).append(']');
                }
            }
            field = " at \"" + path + "\"";
        }
        return answer(
                400,
                "InputError",
                "the body is not JSON of the expected shape" + field + where,
                null,
                headers,
                uri,
                request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        // A body the JSON reader refused reaches here wrapped; say where it went wrong, as for the other bodies.
        for (Throwable t = e.getCause(); t != null && status == 400; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
                return json(j, headers, uri, request);
            }
        }
        String message = e.getMessage();
        // Only messages Interlock wrote reach clients; the framework's may name its internals.
        if (!ErrorCauses.thrownByInterlock(e) || message == null) {
            message = switch (status) {
                case 404 -> "nothing here: " + request.path();
                case 405 -> request.method() + " is not allowed on " + request.path();
                case 406 -> "this resource cannot answer in the requested media type";
                case 413 -> "the body is too large";
                case 415 ->
                    "the body's content type is not accepted here; send "
                            + ErrorNegotiation.acceptedType(request.path());
                default -> status >= 500 ? "the server could not answer" : "the request is not valid";
            };
        }
        if (status >= 500) {
            return unexpected(e, headers, uri, request);
        }
        return answer(status, ErrorNegotiation.name(status), message, null, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        ErrorCauses.Cause cause = ErrorCauses.of(e).orElse(null);
        if (cause == null) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            LOG.errorf(e, "Unexpected error %s on %s %s", ref, request.method(), request.path());
            return answer(
                    500,
                    "Error",
                    "an unexpected error occurred (reference " + ref + "); it has been logged",
                    null,
                    headers,
                    uri,
                    request);
        }
        // The others are the client's doing, not an error of Interlock's: one line in the log, no stack trace.
        return switch (cause) {
            case CONCURRENT_WRITE ->
                answer(
                        409,
                        "ConflictError",
                        "another change to the same entity, location or run was made at the same time; "
                                + "nothing of this request was stored, try again",
                        null,
                        headers,
                        uri,
                        request);
            case TOO_LARGE -> {
                LOG.infof(
                        "Refused %s %s: the body is larger than quarkus.http.limits.max-body-size",
                        request.method(), request.path());
                yield answer(
                        413,
                        "PayloadTooLargeError",
                        "the body is larger than the limit; send smaller bodies",
                        null,
                        headers,
                        uri,
                        request);
            }
            case MALFORMED_FORM ->
                answer(
                        400,
                        "InputError",
                        "the form could not be read: the multipart/form-data body is malformed or cut short",
                        null,
                        headers,
                        uri,
                        request);
            case CLIENT_CLOSED -> {
                LOG.infof(
                        "%s %s: the client closed the connection before the request was read",
                        request.method(), request.path());
                yield answer(
                        400,
                        "InputError",
                        "the connection was closed before the request was read",
                        null,
                        headers,
                        uri,
                        request);
            }
        };
    }

    private Response answer(
            int status,
            String name,
            String message,
            List<InputProblem> errors,
            HttpHeaders headers,
            UriInfo uri,
            HttpServerRequest request) {
        if (ErrorNegotiation.wantsHtml(ErrorNegotiation.acceptable(headers), request.path())) {
            String html = ErrorNegotiation.page(errorPage, status, ErrorNegotiation.title(status), message, errors);
            return Response.status(status)
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(html)
                    .build();
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(
                        status, name, message, errors, request.method().name(), request.uri()))
                .build();
    }
}
