package dev.interlock.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.interlock.errors.ErrorBody;

/**
 * A form refused by the CSRF check gets a page that says why and what to do, not an empty answer. The check (Quarkus's
 * own filter) answers a bare 400 when the form's token is missing or no longer matches its cookie: most often a page
 * left open for hours, until its cookie expired and another took its place, or a browser that refuses cookies.
 */
public class ExpiredForms {

    static final String MESSAGE = "This form could not be accepted: its security token is missing or has expired (the"
            + " page was left open for hours, or this browser does not keep this site's cookies). Nothing was changed."
            + " Reload the page and send the form again.";

    /**
     * The same refusal on the API, which takes JSON or YAML: an empty form there is most often {@code curl -d ''}. It is
     * still refused, since a cross-site page can post an empty form with the victim's session cookie.
     */
    static final String API_MESSAGE = "A form body (application/x-www-form-urlencoded) sent to the API must carry the"
            + " sign-in page's security token, and this one does not. Nothing was changed. Send JSON or YAML with its"
            + " Content-Type, or no body and no Content-Type (curl: -X POST without -d).";

    @Inject
    @Location("error.html")
    Template errorPage;

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 400
                || response.hasEntity()
                || !request.getMethod().equals("POST")) {
            return;
        }
        if (!ErrorNegotiation.wantsHtml(
                request.getAcceptableMediaTypes(), request.getUriInfo().getPath())) {
            // Only forms are checked for their token: another bare 400 is not this one.
            if (!RequestGuards.isForm(request.getHeaderString("Content-Type"))) {
                return;
            }
            // A script posting a form without the token: the same reason, in the API's error shape.
            response.setEntity(
                    ErrorBody.of(
                            400,
                            "InputError",
                            request.getUriInfo().getPath().startsWith("/api/") ? API_MESSAGE : MESSAGE,
                            null,
                            request.getMethod(),
                            request.getUriInfo().getRequestUri().getRawPath()),
                    null,
                    MediaType.APPLICATION_JSON_TYPE);
            return;
        }
        String html = ErrorNegotiation.page(errorPage, 400, "That form has expired", MESSAGE, null);
        response.setEntity(html, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }
}
