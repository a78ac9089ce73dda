package dev.interlock.location;

import java.util.List;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.registration.Outcome;

/**
 * What applying a reading did (or, in a dry run, would do).
 *
 * @param outcomes each entity the location produces and keeps: created, updated or unchanged
 * @param conflicts entities the location produces that another location keeps
 * @param orphaned entities the location no longer produces
 * @param warnings one for each entity the location's refreshes could not change later ({@link RefreshRights})
 */
public record Applied(
        List<Outcome> outcomes, List<Conflict> conflicts, List<EntityRef> orphaned, List<Reading.Problem> warnings) {

    /**
     * An entity claimed by two locations.
     *
     * @param entityRef the entity
     * @param locationId the location that keeps it
     * @param target that location's {@code type:target}
     */
    public record Conflict(EntityRef entityRef, String locationId, String target) {

        public String message() {
            return entityRef + " is already produced by location " + target + " (" + locationId
                    + "), which keeps it; remove it from one of the two";
        }
    }

    /** Whether anything in the catalog changed. */
    public boolean changedCatalog() {
        return !orphaned.isEmpty()
                || outcomes.stream().anyMatch(o -> !o.action().equals("unchanged"));
    }
}
