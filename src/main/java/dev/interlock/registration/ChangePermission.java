package dev.interlock.registration;

import java.util.Map;

import dev.interlock.descriptor.EntityRef;

/**
 * Who may change an entity that is already in the catalog. Registration asks before updating or deleting one; the
 * security layer answers for the signed-in person (owner-team membership, or catalog-admin).
 */
@FunctionalInterface
public interface ChangePermission {

    /** Everyone: the example catalog loaded at start, which runs as the system. */
    ChangePermission SYSTEM = (ref, stored) -> {
    };

    /**
     * Checks that the current person may change this entity.
     *
     * @param ref the entity
     * @param stored the entity as stored (without relations)
     * @throws NotAllowedException saying why not
     */
    void checkChange(EntityRef ref, Map<String, Object> stored);
}
