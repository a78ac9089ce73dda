package dev.interlock.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.registration.ChangePermission;

/**
 * Write permissions for work done outside a request on someone's behalf (a location refreshed on a schedule acts
 * with the rights of the account that registered it): the same rules as for the person signed in.
 */
@ApplicationScoped
public class Permissions {

    @Inject
    WriteRules rules;

    /**
     * The permission of a stored account.
     *
     * @param name the account name
     * @param roles its roles as they were when it registered the work (catalog-admin lifts every check)
     */
    public ChangePermission forAccount(String name, Set<String> roles) {
        Actor actor = Actor.account(name, Roles.expand(roles));
        return (ref, before, after) -> rules.check(actor, ref, before, after);
    }
}
