package dev.interlock.registration;

import java.util.Collection;
import java.util.Map;

import dev.interlock.descriptor.EntityRef;

/**
 * Asked once per registration through the API or the register page: which of its entities another feature keeps in
 * sync with a source of its own (a location's file), each with a warning saying what a direct write to it means. A
 * warning, not a refusal: the write is stored, and the source's next change puts its own version back.
 */
public interface SyncedEntities {

    /**
     * @param refs the entities written directly
     * @return a warning for each of them kept in sync with another source
     */
    Map<EntityRef, String> warnings(Collection<EntityRef> refs);
}
