package dev.interlock.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.BasicAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

import dev.interlock.errors.ErrorBody;

/**
 * HTTP Basic for scripts. Quarkus's own Basic mechanism stays silent (no {@code WWW-Authenticate}) when the form
 * mechanism is on; this one always challenges, and answers 401 in the API's JSON error shape.
 */
@ApplicationScoped
public class ApiBasicAuthentication implements HttpAuthenticationMechanism {

    private static final String REALM = "Interlock";
    /** Routing-context key: set when sign-in is throttled, to the time to wait. */
    static final String RETRY_AFTER = "interlock.retry-after";

    private final BasicAuthenticationMechanism basic = new BasicAuthenticationMechanism(REALM, false);

    @jakarta.inject.Inject
    SignInThrottle throttle;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String user = basicUser(context.request().getHeader("Authorization"));
        if (user != null) {
            var wait = throttle.blocked(user, address(context));
            if (wait.isPresent()) {
                context.put(RETRY_AFTER, wait.get());
                return Uni.createFrom().failure(new AuthenticationFailedException("too many failed sign-ins"));
            }
        }
        return basic.authenticate(context, identityProviderManager);
    }

    /** The user name of an HTTP Basic header, or null. */
    private static String basicUser(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String plain = new String(
                    java.util.Base64.getDecoder().decode(header.substring(6).trim()),
                    java.nio.charset.StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return colon < 0 ? null : plain.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return basic.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.response().ended() && context.get(RETRY_AFTER) instanceof java.time.Duration wait) {
            long seconds = Math.max(1, wait.toSeconds());
            context.response()
                    .setStatusCode(429)
                    .putHeader("Retry-After", Long.toString(seconds))
                    .putHeader("Content-Type", "application/json")
                    .end(Json.encode(ErrorBody.of(
                            429,
                            "TooManyRequestsError",
                            "too many failed sign-ins for this " + "account or from this address; try again in "
                                    + seconds + " seconds",
                            null,
                            context.request().method().name(),
                            context.request().uri())));
        } else if (!context.response().ended()) {
            context.response()
                    .setStatusCode(401)
                    .putHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"")
                    .putHeader("Content-Type", "application/json")
                    .end(Json.encode(ErrorBody.of(
                            401,
                            "AuthenticationError",
                            "sign in: send HTTP Basic credentials of an account with the "
                                    + (sendsRuns(context)
                                            ? "run-reporter role (or catalog-editor)"
                                            : "catalog-viewer role (or higher)"),
                            null,
                            context.request().method().name(),
                            context.request().uri())));
        }
        return Uni.createFrom().item(true);
    }

    /** Whether the request goes to an endpoint that takes run events (which needs run-reporter, not reading). */
    private static boolean sendsRuns(RoutingContext context) {
        String path = context.normalizedPath();
        return path.equals("/api/v1/lineage") || path.equals("/api/cdevents");
    }

    /** The client's address, for throttling (the direct peer; behind a proxy, Quarkus's forwarded-header support). */
    static String address(RoutingContext context) {
        var remote = context.request().remoteAddress();
        return remote == null ? "" : remote.hostAddress();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return basic.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return basic.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return basic.getPriority();
    }
}
