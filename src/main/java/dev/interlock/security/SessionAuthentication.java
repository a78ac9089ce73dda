package dev.interlock.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * Local mode's sign-in for pages: the session cookie set at sign-in ({@link LoginResource}) names a server-side
 * session ({@link SessionStore}); without a live one, pages send the browser to {@code /login}. Selected for pages by
 * the authentication scheme {@value #SCHEME}.
 */
@ApplicationScoped
public class SessionAuthentication implements HttpAuthenticationMechanism {

    /** The scheme name that {@code quarkus.http.auth.permission.<name>.auth-mechanism} selects. */
    public static final String SCHEME = "session";
    /** The cookie holding the session token. */
    public static final String COOKIE = "interlock-session";

    @Inject
    SecurityConfig config;

    /** Authentication by a session token. */
    public static final class Request extends BaseAuthenticationRequest {
        private final String token;

        Request(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = context.request().getCookie(COOKIE);
        if (config.oidc() || cookie == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        // A session the server ended (signed out, idle, past its lifetime) or never knew: the request is anonymous, so
        // that the sign-in page works and other pages send the browser to it, and the stale cookie is cleared.
        return identityProviderManager
                .authenticate(new Request(cookie.getValue()))
                .onFailure(AuthenticationFailedException.class)
                .recoverWithUni(() -> {
                    clear(context);
                    return Uni.createFrom().nullItem();
                });
    }

    /** Tells the browser to drop the session cookie (a sign-in in the same request sets a new one instead). */
    private void clear(RoutingContext context) {
        if (!context.response().headWritten()) {
            context.response()
                    .addCookie(Cookie.cookie(COOKIE, "")
                            .setPath("/")
                            .setMaxAge(0)
                            .setHttpOnly(true)
                            .setSecure(config.secureCookies())
                            .setSameSite(CookieSameSite.STRICT));
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        String next = context.request().uri();
        String location = "/login"
                + (next == null || next.equals("/") || next.startsWith("/login")
                        ? ""
                        : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        return Uni.createFrom().item(new ChallengeData(302, "Location", location));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(Request.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, COOKIE, SCHEME));
    }
}
