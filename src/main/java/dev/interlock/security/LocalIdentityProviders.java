package dev.interlock.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Quarkus identity providers for local mode: user name and password (HTTP Basic and the sign-in form), and the
 * trusted re-authentication of the form's encrypted session cookie.
 */
public final class LocalIdentityProviders {

    private LocalIdentityProviders() {
    }

    static Uni<SecurityIdentity> identity(String name, Optional<Set<String>> roles) {
        if (roles.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown user or wrong password"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name))
                .addRoles(roles.get()).build());
    }

    /** Checks a user name and password against the local accounts. */
    @ApplicationScoped
    public static class Password implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        @Inject
        LocalAccounts accounts;

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                AuthenticationRequestContext context) {
            String name = request.getUsername();
            return identity(name, accounts.authenticate(name, request.getPassword().getPassword()));
        }
    }

    /** Restores the identity of a signed-in session; the account must still exist. */
    @ApplicationScoped
    public static class Trusted implements IdentityProvider<TrustedAuthenticationRequest> {

        @Inject
        LocalAccounts accounts;

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                AuthenticationRequestContext context) {
            return identity(request.getPrincipal(), accounts.roles(request.getPrincipal()));
        }
    }
}
