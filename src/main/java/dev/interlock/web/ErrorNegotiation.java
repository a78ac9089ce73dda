package dev.interlock.web;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.Template;

/**
 * How an error is answered: a page in the site's layout for a browser, the API's JSON otherwise; the page's title and
 * the error's name by status; and what a path would have taken, for a 415's message.
 */
final class ErrorNegotiation {

    private ErrorNegotiation() {}

    /** API paths always answer JSON; other paths answer a page when the client accepts HTML. */
    static boolean wantsHtml(List<MediaType> accepted, String path) {
        if (path.startsWith("/api/") || path.startsWith("/q/")) {
            return false;
        }
        return accepted.stream().anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
    }

    /** The media types a request accepts; none when its {@code Accept} header cannot be parsed (answered in JSON). */
    static List<MediaType> acceptable(HttpHeaders headers) {
        try {
            return headers.getAcceptableMediaTypes();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** The error page, the one layout every error a person sees is shown in. */
    static String page(Template errorPage, int status, String title, String message, List<?> errors) {
        return errorPage
                .data("status", status)
                .data("title", title)
                .data("message", message)
                .data("errors", errors == null ? List.of() : errors)
                .render();
    }

    /** The error page's heading for a status. */
    static String title(int status) {
        return switch (status) {
            case 400 -> "That request could not be used";
            case 403 -> "You are not allowed to do this";
            case 404 -> "Not found";
            case 409 -> "Someone else changed this first";
            default -> "Something went wrong";
        };
    }

    /** The error's {@code name} in the API's shape, as Backstage names it, for a status. */
    static String name(int status) {
        return switch (status) {
            case 400 -> "InputError";
            case 401 -> "AuthenticationError";
            case 403 -> "NotAllowedError";
            case 404 -> "NotFoundError";
            case 405 -> "MethodNotAllowedError";
            case 406 -> "NotAcceptableError";
            case 409 -> "ConflictError";
            case 413 -> "PayloadTooLargeError";
            case 415 -> "UnsupportedMediaTypeError";
            default -> "Error";
        };
    }

    /** What a path takes, for a 415's message. */
    static String acceptedType(String path) {
        if (path.equals("/api/catalog/import")) {
            return "the zip archive an export gave (application/zip)";
        }
        if (path.equals("/login")) {
            return "the sign-in form (application/x-www-form-urlencoded)";
        }
        if (path.equals("/logout")) {
            return "the sign-out form (application/x-www-form-urlencoded)";
        }
        if (path.equals("/api/catalog/entities")) {
            return "application/yaml (or application/x-yaml, text/yaml, text/x-yaml) or application/json";
        }
        if (path.equals("/api/cdevents")) {
            return "application/json or application/cloudevents+json";
        }
        if (!path.startsWith("/api/")) {
            return "the page's form (application/x-www-form-urlencoded or multipart/form-data)";
        }
        return "application/json";
    }
}
