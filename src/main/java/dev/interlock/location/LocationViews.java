package dev.interlock.location;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.LocationRecord;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.model.Metadata;

/** The read side of locations: Backstage's shapes, ancestry, and what the pages show ({@link LocationPaging} pages). */
@ApplicationScoped
public class LocationViews {

    @Inject
    CatalogQueries queries;

    /**
     * A location's state for the pages.
     *
     * @param location the location
     * @param problems its last reading's problems and conflicts
     * @param entityRefs the entities it produces
     * @param contested entities it keeps that other locations produce too (their side of the conflict)
     */
    public record State(
            LocationRecord location,
            List<Reading.Problem> problems,
            List<EntityRef> entityRefs,
            List<Contested> contested) {}

    /** An entity a location keeps, and another location that produces it too but does not keep it. */
    public record Contested(EntityRef entityRef, LocationRecord other) {}

    /**
     * A location as the list of locations shows it.
     *
     * @param location the location
     * @param lost how many entities it produces that another location, registered first, keeps (its conflicts)
     */
    public record Listed(LocationRecord location, long lost) {}

    @Transactional
    public List<LocationRecord> all() {
        return LocationRecord.list("order by type, target");
    }

    /** Every location with the number of conflicts it lost, for the list page. */
    @Transactional
    public List<Listed> listed() {
        Map<String, Long> lost = new HashMap<>();
        ConflictRow.getEntityManager()
                .createQuery("select c.locationId, count(c) from ConflictRow c group by c.locationId", Object[].class)
                .getResultList()
                .forEach(row -> lost.put((String) row[0], ((Number) row[1]).longValue()));
        return all().stream()
                .map(l -> new Listed(l, lost.getOrDefault(l.id, 0L)))
                .toList();
    }

    @Transactional
    public Optional<LocationRecord> byId(String id) {
        return LocationRecord.findByIdOptional(id);
    }

    /** One location with its problems and entities, for its page. */
    @Transactional
    public Optional<State> state(String id) {
        return LocationRecord.<LocationRecord>findByIdOptional(id).map(l -> {
            List<EntityRef> refs = ProducedEntity.ofLocation(id).stream()
                    .map(ProducedEntity::ref)
                    .sorted(Comparator.comparing(EntityRef::toString))
                    .toList();
            return new State(l, LocationApplier.problems(l), refs, contested(id, refs));
        });
    }

    /** The conflicts this location wins: the other side records them on the location that lost (ConflictRow). */
    private static List<Contested> contested(String id, List<EntityRef> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        return ConflictRow.<ConflictRow>list(
                        "entityRef in ?1 and locationId <> ?2",
                        refs.stream().map(EntityRef::toString).toList(),
                        id)
                .stream()
                .map(c -> new Contested(
                        EntityRef.ofCanonical(c.entityRef), LocationRecord.<LocationRecord>findById(c.locationId)))
                .filter(c -> c.other() != null)
                .sorted(Comparator.comparing((Contested c) -> c.entityRef().toString())
                        .thenComparing(c -> c.other().target))
                .toList();
    }

    /**
     * Backstage's ancestry: the entity, the {@code kind: Location} entities whose targets led to it, and the
     * registered location itself (as Backstage's generated Location entity), each with its parents.
     */
    @Transactional
    public Optional<LocationAnswers.Ancestry> ancestry(EntityRef ref) {
        Optional<Entity> entity = queries.byRef(ref).map(Entity::of);
        if (entity.isEmpty()) {
            return Optional.empty();
        }
        List<LocationAnswers.AncestryItem> items = new ArrayList<>();
        Set<EntityRef> seen = new HashSet<>();
        EntityRef current = ref;
        Entity body = entity.get();
        LocationRecord root = null;
        while (body != null && seen.add(current)) {
            ProducedEntity row = ProducedEntity.of(current);
            if (row == null) {
                items.add(new LocationAnswers.AncestryItem(body.root().raw(), List.of()));
                break;
            }
            root = LocationRecord.findById(row.locationId);
            String parent = row.parentRef != null ? row.parentRef : root == null ? null : generatedRef(root);
            items.add(
                    new LocationAnswers.AncestryItem(body.root().raw(), parent == null ? List.of() : List.of(parent)));
            if (row.parentRef == null) {
                break;
            }
            current = EntityRef.ofCanonical(row.parentRef);
            body = queries.byRef(current).map(Entity::of).orElse(null);
        }
        if (root != null) {
            items.add(new LocationAnswers.AncestryItem(GeneratedLocation.of(root), List.of()));
        }
        return Optional.of(new LocationAnswers.Ancestry(ref.toString(), items));
    }

    /** Backstage's name for the Location entity of a registered location: {@code generated-<sha1 of type:target>}. */
    static String generatedRef(LocationRecord l) {
        return new EntityRef("location", EntityRef.DEFAULT_NAMESPACE, generatedName(l)).toString();
    }

    private static String generatedName(LocationRecord l) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1")
                    .digest((l.type + ":" + l.target).getBytes(StandardCharsets.UTF_8));
            return "generated-" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Backstage's generated Location entity of a registered location.
     *
     * @param relations always empty
     */
    record GeneratedLocation(
            String apiVersion,
            String kind,
            GeneratedMetadata metadata,
            LocationAnswers.Target spec,
            List<Object> relations) {

        static GeneratedLocation of(LocationRecord l) {
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put(Metadata.MANAGED_BY_LOCATION, l.type + ":" + l.target);
            annotations.put(Metadata.MANAGED_BY_ORIGIN, l.type + ":" + l.target);
            return new GeneratedLocation(
                    "backstage.io/v1alpha1",
                    "Location",
                    new GeneratedMetadata(EntityRef.DEFAULT_NAMESPACE, generatedName(l), l.id, annotations),
                    new LocationAnswers.Target(l.type, l.target),
                    List.of());
        }
    }

    /** The metadata of a generated Location entity. */
    record GeneratedMetadata(String namespace, String name, String uid, Map<String, String> annotations) {}
}
