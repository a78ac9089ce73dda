package dev.interlock.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.registration.ChangePermission;

/**
 * The write permission of the person behind the current request ({@link WriteRules} decides). With single sign-on,
 * the token's e-mail counts only when the provider says it is verified ({@code email_verified}), and the teams of
 * its groups claim ({@code interlock.security.groups-claim}) count as memberships.
 */
@RequestScoped
public class Ownership implements ChangePermission {

    @Inject
    SecurityIdentity identity;

    @Inject
    WriteRules rules;

    @Inject
    SecurityConfig config;

    private Actor actor;

    @Override
    public void checkWrite(EntityRef ref, Entity before, Entity after) {
        rules.check(actor(), ref, before, after);
    }

    /** The signed-in person's catalog User followed by the Groups they belong to (canonical references). */
    public Set<String> identities() {
        return rules.identities(actor());
    }

    /** Who is acting in this request, as the identity provider (or the local account) says. */
    public Actor actor() {
        if (actor == null) {
            String name = identity.getPrincipal().getName();
            boolean admin = identity.hasRole(Roles.ADMIN);
            if (identity.getPrincipal() instanceof JsonWebToken jwt) {
                Object email = jwt.getClaim("email");
                Object verified = jwt.getClaim("email_verified");
                boolean isVerified = Boolean.TRUE.equals(verified) || "true".equals(String.valueOf(verified));
                Optional<String> verifiedEmail =
                        isVerified && email != null ? Optional.of(String.valueOf(email)) : Optional.empty();
                actor = new Actor(
                        name,
                        admin,
                        verifiedEmail,
                        config.groupsClaim().map(c -> groups(jwt.getClaim(c))).orElse(Set.of()));
            } else if (config.oidc()) {
                // With single sign-on a principal that is no token (one the provider answered an introspection for) is
                // known by its name only, which the provider may let people choose: no verified address, no teams.
                actor = new Actor(name, admin, Optional.empty(), Set.of());
            } else {
                actor = Actor.account(name, identity.getRoles());
            }
        }
        return actor;
    }

    private static Set<String> groups(Object claim) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof Iterable<?> values) {
            values.forEach(v -> out.add(unquote(String.valueOf(v))));
        } else if (claim instanceof String s) {
            out.addAll(List.of(s.split(",")));
        }
        return out;
    }

    private static String unquote(String s) {
        // JSON-P string values print with their quotes.
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
