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
        if (!ErrorMappers.wantsHtml(
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
                            MESSAGE,
                            null,
                            request.getMethod(),
                            request.getUriInfo().getRequestUri().getRawPath()),
                    null,
                    MediaType.APPLICATION_JSON_TYPE);
            return;
        }
        String html = ErrorMappers.page(errorPage, 400, "That form has expired", MESSAGE, null);
        response.setEntity(html, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }
}
