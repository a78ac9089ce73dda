package dev.interlock.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who is acting, as far as authorization cares: the account name, whether it is a catalog-admin, an e-mail address
 * the identity provider has verified (used to find the person's catalog User when no User has the account's name),
 * and the team names the provider asserts (a token's groups claim; empty in local mode).
 */
public record Actor(String name, boolean admin, Optional<String> verifiedEmail, Set<String> assertedGroups) {

    /**
     * A local account (or another principal that is not a token), known by name and roles only. Its name counts as a
     * verified e-mail address when it is one: local accounts are named by whoever configures the server. A token's
     * account name does not (the provider may let people choose it); a token's actor is built from its claims.
     */
    public static Actor account(String name, Set<String> roles) {
        return new Actor(
                name, roles.contains(Roles.ADMIN), name.contains("@") ? Optional.of(name) : Optional.empty(), Set.of());
    }
}
