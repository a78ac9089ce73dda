package dev.interlock.registration;

import dev.interlock.descriptor.EntityRef;

/**
 * Asked before an entity is deleted through the API: a feature that keeps entities in sync with something else (a
 * location that still produces the entity) refuses, saying what to do instead.
 */
public interface DeletionGuard {

    /**
     * @throws ConflictException when the entity must not be deleted, saying why and what to do
     */
    void checkDelete(EntityRef ref);
}
