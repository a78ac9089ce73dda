package dev.interlock.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Absolute links the application gives out ({@code Location}, {@code Link}) never echo the request's {@code Host}
 * header, which a client or a misconfigured proxy controls: they use {@code interlock.public-url} when it is set,
 * and otherwise become relative to this site.
 */
public class PublicUrls {

    /** The address people and clients reach Interlock at, e.g. {@code https://catalog.example.com}. */
    @ConfigProperty(name = "interlock.public-url")
    Optional<String> publicUrl;

    @ServerResponseFilter
    public void rewrite(ContainerRequestContext request, ContainerResponseContext response) {
        String self = request.getUriInfo().getBaseUri().getRawAuthority();
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION, site(location.toString(), self));
        }
        List<Object> links = response.getHeaders().get("Link");
        if (links != null) {
            response.getHeaders()
                    .put(
                            "Link",
                            links.stream()
                                    .map(l -> (Object) link(l.toString(), self))
                                    .toList());
        }
    }

    private String link(String value, String self) {
        int open = value.indexOf('<');
        int close = value.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
            return value;
        }
        return value.substring(0, open + 1) + site(value.substring(open + 1, close), self) + value.substring(close);
    }

    /**
     * An address built from the request's own host ({@code self}) as the same address on this site: the path, query
     * and fragment, under the public URL when one is set. Addresses of other hosts are left alone.
     */
    String site(String uri, String self) {
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            return uri;
        }
        // A request with an empty Host header has no authority, and the addresses built from it none either
        // ("http:/api/..."): those are this site's too.
        if (!parsed.isAbsolute() || !java.util.Objects.equals(parsed.getRawAuthority(), self)) {
            return uri;
        }
        String rest = (parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath())
                + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery())
                + (parsed.getRawFragment() == null ? "" : "#" + parsed.getRawFragment());
        return publicUrl.map(p -> p.replaceAll("/+$", "") + rest).orElse(rest);
    }
}
