package dev.interlock.registration;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;

/**
 * Who may make a write. Registration asks before creating, updating or deleting an entity; the security layer
 * answers for the person (or the stored account) behind the request: owner-team membership for changes, the right to
 * change a team for anything that adds someone to it, catalog-admin for everything.
 */
@FunctionalInterface
public interface ChangePermission {

    /** Everyone: the example catalog loaded at start, which runs as the system. */
    ChangePermission SYSTEM = (ref, before, after) -> {};

    /**
     * Checks that this write is allowed.
     *
     * @param ref the entity
     * @param before the entity as stored (without relations), or {@code null} when the write creates it
     * @param after the entity as it would be stored, or {@code null} when the write deletes it
     * @throws NotAllowedException saying why not
     */
    void checkWrite(EntityRef ref, Entity before, Entity after);
}
