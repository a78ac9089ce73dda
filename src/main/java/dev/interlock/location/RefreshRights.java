package dev.interlock.location;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.LocationRecord;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.registration.ChangePermission;
import dev.interlock.registration.NotAllowedException;
import dev.interlock.security.Memberships;
import dev.interlock.security.Permissions;

/**
 * Which entities a location produces that its refreshes could not change later. Refreshes write with the rights of
 * whoever registered the location, and an editor may create an entity owned by a team she is not in; a later edit of
 * its file would then fail every refresh, so registering (and each applied refresh) warns of it, at the entity's
 * {@code spec.owner} line. Groups, Users and Locations are left out: who changes them follows from the entities
 * themselves.
 */
@ApplicationScoped
public class RefreshRights {

    private static final Set<String> LEFT_OUT = Set.of("group", "user", "location");

    @Inject
    LocationPermissions locationPermissions;

    /**
     * A warning for each entity of {@code kept} its location's refreshes could not change.
     *
     * @param dryRun whether nothing was stored: memberships the reading itself declares are not in the catalog yet,
     *     so an entity owned by a team the reading defines is not judged
     */
    List<Reading.Problem> beyond(LocationRecord location, Reading reading, Set<EntityRef> kept, boolean dryRun) {
        if (location.registeredBy == null) {
            return List.of(); // the system's (the example catalog's): it may change anything
        }
        // Nothing is written while the entities are judged: the registrant's teams are read once, not once each.
        ChangePermission refresh = Permissions.readingTeamsOnce(locationPermissions.forRefresh(location));
        Set<EntityRef> declared = dryRun
                ? reading.documents().stream()
                        .map(Reading.Produced::ref)
                        .filter(r -> r != null && r.kind().equals("group"))
                        .collect(Collectors.toSet())
                : Set.of();
        List<Reading.Problem> out = new ArrayList<>();
        for (Reading.Produced p : reading.documents()) {
            EntityRef ref = p.ref();
            if (ref == null || !kept.contains(ref) || LEFT_OUT.contains(ref.kind())) {
                continue;
            }
            Entity entity = Entity.of(p.descriptor().root());
            String owner = entity.spec().get("owner").text();
            if (owner != null && declared.stream().anyMatch(g -> Memberships.ownerIs(owner, ref.namespace(), g))) {
                continue;
            }
            try {
                refresh.checkWrite(ref, entity, entity);
            } catch (NotAllowedException e) {
                out.add(new Reading.Problem(
                        "warning",
                        p.file(),
                        p.descriptor().positionOf("spec.owner").line(),
                        e.getMessage() + ": the refreshes of this location act as " + location.registeredBy
                                + " and cannot apply later changes of " + ref + " from its file; let one of its"
                                + " owners (or a catalog-admin) register the location"));
            }
        }
        return out;
    }
}
