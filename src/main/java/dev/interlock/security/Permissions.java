package dev.interlock.security;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.registration.ChangePermission;
import dev.interlock.registration.NotAllowedException;

/**
 * Write permissions for work done outside a request on someone's behalf (a location refreshed on a schedule acts
 * with the rights of the account that registered it): the same rules as for the person signed in, who needs
 * catalog-editor to write at all.
 */
@ApplicationScoped
public class Permissions {

    @Inject
    WriteRules rules;

    /**
     * The permission of a stored local account.
     *
     * @param name the account name
     * @param roles its roles (catalog-admin lifts every check); without catalog-editor (or catalog-admin) every write is
     *     refused, creating an entity included, as it is for a signed-in viewer
     */
    public ChangePermission forAccount(String name, Set<String> roles) {
        return of(name, roles, expanded -> Actor.account(name, expanded));
    }

    /**
     * The permission of a person who signed in with single sign-on, as her token said when she registered the work
     * (the provider cannot be asked again outside her request).
     *
     * @param name her account name
     * @param roles the roles her token carried (as for {@link #forAccount})
     * @param verifiedEmail the e-mail address her token verified, if any
     * @param assertedGroups the teams her token asserted (empty unless a groups claim is configured)
     */
    public ChangePermission forSignedIn(
            String name, Set<String> roles, Optional<String> verifiedEmail, Set<String> assertedGroups) {
        return of(
                name,
                roles,
                expanded -> new Actor(name, expanded.contains(Roles.ADMIN), verifiedEmail, assertedGroups));
    }

    private ChangePermission of(String name, Set<String> roles, Function<Set<String>, Actor> actorOf) {
        Set<String> expanded = Roles.expand(roles);
        if (!expanded.contains(Roles.EDITOR)) {
            return new NoWrites(name);
        }
        Actor actor = actorOf.apply(expanded);
        return (ref, before, after) -> rules.check(actor, ref, before, after);
    }

    /**
     * The permission of an account that may not write (any longer): every write is refused, naming the account.
     *
     * @param account the account the work is done for
     */
    public record NoWrites(String account) implements ChangePermission {

        @Override
        public void checkWrite(EntityRef ref, Entity before, Entity after) {
            throw new NotAllowedException(ref + " is not written: " + account
                    + ", on whose behalf this is done, no longer has catalog-editor (or catalog-admin), which writing"
                    + " needs; a catalog-admin may delete the location or register it again");
        }
    }
}
