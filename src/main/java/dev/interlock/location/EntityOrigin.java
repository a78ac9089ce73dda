package dev.interlock.location;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.catalog.LocationRecord;

/** Where an entity comes from, for its page ({@code inject:entityOrigin.of(ref)}): its location and that location's state. */
@Named("entityOrigin")
@RequestScoped
public class EntityOrigin {

    @Inject
    LocationViews views;

    /**
     * An entity's origin.
     *
     * @param location its location
     * @param file the file it was read from
     * @param problems the location's last problems (errors and conflicts)
     * @param conflicting other locations that also produce it
     * @param changedBy who changed it through the API or the register page since it was read from its file, or
     *     {@code null}
     */
    public record Origin(
            LocationRecord location,
            String file,
            List<Reading.Problem> problems,
            List<LocationRecord> conflicting,
            String changedBy) {}

    /** The origin of the entity with this canonical reference, or empty when it does not come from a location. */
    @Transactional
    public Optional<Origin> of(String ref) {
        ProducedEntity row = ProducedEntity.findById(ref);
        List<LocationRecord> conflicting = ConflictRow.<ConflictRow>list("entityRef", ref).stream()
                .map(c -> (LocationRecord) LocationRecord.findById(c.locationId))
                .filter(java.util.Objects::nonNull)
                .toList();
        if (row == null) {
            return conflicting.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Origin(null, null, List.of(), conflicting, null));
        }
        LocationRecord location = LocationRecord.findById(row.locationId);
        // Written since through the API (or the register page), the stored version is not the file's.
        String changedBy = CatalogEntity.<CatalogEntity>find("entityRef", ref)
                .firstResultOptional()
                .map(e -> e.location)
                .filter(l -> l != null && l.startsWith("api:"))
                .map(l -> l.substring("api:".length()))
                .orElse(null);
        return Optional.ofNullable(location)
                .map(l -> new Origin(l, row.sourceFile, LocationApplier.problems(l), conflicting, changedBy));
    }
}
