package dev.interlock.location;

import jakarta.enterprise.context.ApplicationScoped;

import dev.interlock.catalog.LocationRecord;
import dev.interlock.registration.ChangePermission;

/**
 * The rights a location's refresh writes with: those of the account that registered it (its name and roles are
 * stored on the location). The first read, by the signed-in person registering it, uses the request's permission
 * instead. This is the single place a refresh's permission is built.
 */
@ApplicationScoped
public class LocationPermissions {

    /** The permission of the account that registered the location. */
    public ChangePermission forRefresh(LocationRecord location) {
        // TODO(security): use main's factory for a stored account (location.registeredBy, location.registeredRoles)
        // once it lands. Until then a refresh writes as the system, so that an entity whose owner team changed after
        // registration can still be refreshed; the first read was checked against the registering person's rights.
        return ChangePermission.SYSTEM;
    }
}
