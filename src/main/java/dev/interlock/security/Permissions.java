package dev.interlock.security;

import java.util.Set;

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
     * The permission of a stored account.
     *
     * @param name the account name
     * @param roles its roles as they were when it registered the work (catalog-admin lifts every check); without
     *     catalog-editor (or catalog-admin) every write is refused, creating an entity included, as it is for a
     *     signed-in viewer
     */
    public ChangePermission forAccount(String name, Set<String> roles) {
        Set<String> expanded = Roles.expand(roles);
        if (!expanded.contains(Roles.EDITOR)) {
            return new NoWrites(name);
        }
        Actor actor = Actor.account(name, expanded);
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
