package dev.interlock.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Local mode's sign-in and sign-out. Signing in checks the password (throttled per account and per address),
 * starts a server-side session and sets its cookie; signing out ends the session, so a copy of the cookie stops
 * working too. Both forms carry the CSRF token (checked by quarkus-rest-csrf) and accept form bodies only.
 */
@Path("/")
public class LoginResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, long waitSeconds, boolean demo, String next);

        static native TemplateInstance logout();
    }

    @Inject
    SecurityConfig config;

    @Inject
    LocalAccounts accounts;

    @Inject
    SessionStore sessions;

    @Inject
    SignInThrottle throttle;

    @Inject
    RoutingContext http;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Object login(@QueryParam("error") String error, @QueryParam("next") String next) {
        if (config.oidc()) {
            // Single sign-on: the start page is protected, so going there signs people in at the provider.
            return Response.seeOther(URI.create("/")).build();
        }
        return Templates.login(error != null, 0, config.demoAccounts(), safeNext(next));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Blocking
    public Response signIn(@RestForm String username, @RestForm String password, @RestForm String next) {
        if (config.oidc()) {
            return Response.seeOther(URI.create("/")).build();
        }
        String name = username == null ? "" : username.trim();
        String address = ApiBasicAuthentication.address(http);
        Optional<Duration> wait = throttle.blocked(name, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            return Response.status(429)
                    .header("Retry-After", seconds)
                    .entity(Templates.login(true, seconds, config.demoAccounts(), safeNext(next)))
                    .build();
        }
        Optional<Set<String>> roles =
                accounts.authenticate(name, password == null ? new char[0] : password.toCharArray());
        if (roles.isEmpty()) {
            throttle.failed(name, address);
            // Back to the form, still on the way to the page asked for.
            String back = safeNext(next);
            return Response.seeOther(URI.create("/login?error=true"
                            + (back.equals("/") ? "" : "&next=" + URLEncoder.encode(back, StandardCharsets.UTF_8))))
                    .build();
        }
        throttle.succeeded(name);
        String token = sessions.create(name);
        // The stale cookie this request came with is not cleared: the new one replaces it.
        http.response().removeCookie(SessionAuthentication.COOKIE, false);
        NewCookie cookie = new NewCookie.Builder(SessionAuthentication.COOKIE)
                .value(token)
                .path("/")
                .httpOnly(true)
                .secure(config.secureCookies())
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) config.sessionLifetime().toSeconds())
                .build();
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookie).build();
    }

    /**
     * A page with the sign-out form, for pages that cannot carry it themselves (error pages, whose request may not
     * have reached the CSRF filter that makes the form's token).
     */
    @GET
    @Path("logout")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signOutPage() {
        return Templates.logout();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Blocking
    public Response logout(@CookieParam(SessionAuthentication.COOKIE) String token) {
        sessions.end(token);
        NewCookie expired = new NewCookie.Builder(SessionAuthentication.COOKIE)
                .path("/")
                .maxAge(0)
                .value("")
                .httpOnly(true)
                .secure(config.secureCookies())
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
        return Response.seeOther(URI.create("/")).cookie(expired).build();
    }

    /**
     * Where to go after signing in: a path of this site only (never another host), else the start page. Characters a
     * URI cannot hold as written (a space, quotes, non-ASCII letters, a {@code %} that starts no escape) are
     * percent-encoded, so any link a person followed to the sign-in page leads back to it.
     */
    static String safeNext(String next) {
        if (next == null
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || next.length() > 2000) {
            return "/";
        }
        try {
            URI uri = new URI(quote(next));
            if (uri.getScheme() != null
                    || uri.getRawAuthority() != null
                    || !uri.getRawPath().startsWith("/")) {
                return "/";
            }
            return uri.toASCIIString();
        } catch (URISyntaxException e) {
            return "/";
        }
    }

    private static final String URI_MARKS = "-._~!$&'()*+,;=:@/?#";

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean escape = c == '%'
                    && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0;
            if (escape || c < 0x80 && (Character.isLetterOrDigit(c) || URI_MARKS.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }
}
