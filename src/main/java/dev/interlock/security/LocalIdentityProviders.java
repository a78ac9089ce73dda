package dev.interlock.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus identity providers for local mode: user name and password (HTTP Basic), and the sign-in session of pages.
 */
public final class LocalIdentityProviders {

    private LocalIdentityProviders() {}

    static SecurityIdentity build(String name, Set<String> roles) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(roles)
                .build();
    }

    /** Checks a user name and password against the local accounts. */
    @ApplicationScoped
    public static class Password implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        @Inject
        LocalAccounts accounts;

        @Inject
        SignInThrottle throttle;

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(
                UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
            String name = request.getUsername();
            // ApiBasicAuthentication refused throttled attempts before they got here; this counts the outcome.
            RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
            String address = http == null ? "" : ApiBasicAuthentication.address(http);
            char[] password = request.getPassword().getPassword();
            return context.runBlocking(() -> {
                        Optional<Set<String>> roles = accounts.authenticate(name, password);
                        if (roles.isEmpty()) {
                            throttle.failed(name, address);
                            return null;
                        }
                        throttle.succeeded(name);
                        return build(name, roles.get());
                    })
                    .onItem()
                    .ifNull()
                    .failWith(() -> new AuthenticationFailedException("unknown user or wrong password"));
        }
    }

    /** Restores the identity of a live sign-in session; the account must still exist. */
    @ApplicationScoped
    public static class Session implements IdentityProvider<SessionAuthentication.Request> {

        @Inject
        LocalAccounts accounts;

        @Inject
        SessionStore sessions;

        @Override
        public Class<SessionAuthentication.Request> getRequestType() {
            return SessionAuthentication.Request.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(
                SessionAuthentication.Request request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> sessions.account(request.token())
                            .flatMap(name -> accounts.roles(name).map(roles -> build(name, roles)))
                            .orElse(null))
                    .onItem()
                    .ifNull()
                    .failWith(() -> new AuthenticationFailedException("no live session"));
        }
    }
}
