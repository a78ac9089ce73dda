package dev.interlock.security;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

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
        return new AsActor(rules, actorOf.apply(expanded));
    }

    /**
     * A permission for many checks against the catalog as it stands, none of them followed by a write (a location's
     * warnings about what its refreshes could not change): the account's Users and teams are read once, at the first
     * check that needs them, rather than once per check. Any other permission is returned as it is.
     */
    public static ChangePermission readingTeamsOnce(ChangePermission permission) {
        if (permission instanceof AsActor asActor) {
            Supplier<Set<String>> identities =
                    WriteRules.once(() -> asActor.rules().identities(asActor.actor()));
            return (ref, before, after) -> asActor.rules().check(asActor.actor(), identities, ref, before, after);
        }
        return permission;
    }

    /** The permission of an account that may write: {@link WriteRules} for this actor, each check reading afresh. */
    record AsActor(WriteRules rules, Actor actor) implements ChangePermission {

        @Override
        public void checkWrite(EntityRef ref, Entity before, Entity after) {
            rules.check(actor, ref, before, after);
        }
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
