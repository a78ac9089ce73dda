package dev.interlock.location;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.catalog.EntityJson;
import dev.interlock.catalog.LocationRecord;
import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.registration.ChangePermission;
import dev.interlock.registration.Outcome;
import dev.interlock.registration.RegistrationService;
import dev.interlock.sql.Jdbc;

/**
 * Applies a reading of a location to the catalog, all or nothing, in the caller's transaction: every entity it
 * produces is registered through {@link RegistrationService} (so the same validation and the same rights apply),
 * entities another location keeps are left alone and recorded as conflicts, entities it no longer produces become
 * orphans (or are deleted, by {@code interlock.locations.orphan-strategy}), and the location's state and its
 * entities' {@code status.items} are brought up to date.
 */
@ApplicationScoped
public class LocationApplier {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RegistrationService registration;

    @Inject
    RefreshRights refreshRights;

    @Inject
    EntityMarks marks;

    @Inject
    EntityJson entityJson;

    @Inject
    LocationsConfig config;

    /**
     * Applies a reading without errors.
     *
     * @param actor who the history names
     * @param permission whose rights the writes need
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Applied apply(
            LocationRecord location, Reading reading, String actor, ChangePermission permission, boolean dryRun) {
        Map<EntityRef, Reading.Produced> byRef = new LinkedHashMap<>();
        reading.documents().forEach(p -> byRef.put(p.ref(), p));
        Map<EntityRef, ProducedEntity> claims = new HashMap<>();
        ProducedEntity.ofRefs(byRef.keySet()).forEach(c -> claims.put(c.ref(), c));
        List<Applied.Conflict> conflicts = new ArrayList<>();
        List<Descriptor> documents = new ArrayList<>();
        for (var e : byRef.entrySet()) {
            ProducedEntity claim = claims.get(e.getKey());
            if (claim != null && !claim.locationId.equals(location.id)) {
                LocationRecord owner = LocationRecord.findById(claim.locationId);
                conflicts.add(new Applied.Conflict(
                        e.getKey(), claim.locationId, owner == null ? "?" : owner.type + ":" + owner.target));
                continue;
            }
            Descriptor d = e.getValue().descriptor();
            documents.add(
                    new Descriptor(documents.size() + 1, d.root(), d.positions(), d.start(), d.source(), d.location()));
        }
        List<Outcome> outcomes =
                documents.isEmpty() ? List.of() : registration.register(documents, actor, permission, null, dryRun);
        List<ProducedEntity> before = location.id == null ? List.of() : ProducedEntity.ofLocation(location.id);
        Set<EntityRef> kept = new HashSet<>(byRef.keySet());
        conflicts.forEach(c -> kept.remove(c.entityRef()));
        List<EntityRef> orphaned = before.stream()
                .map(ProducedEntity::ref)
                .filter(r -> !kept.contains(r))
                .toList();
        // What the location lets go of is marked (or deleted) as when the location is deleted: only with the right to
        // change it, so that re-pointing a location or editing its file orphans no other team's entity either.
        checkMayChange(orphaned, permission);
        if (dryRun) {
            return new Applied(outcomes, conflicts, orphaned, refreshRights.beyond(location, reading, kept, true));
        }
        for (ProducedEntity row : before) {
            if (!kept.contains(row.ref())) {
                row.delete();
            }
        }
        Map<EntityRef, ProducedEntity> mine = new HashMap<>();
        before.forEach(p -> mine.put(p.ref(), p));
        for (EntityRef ref : kept) {
            Reading.Produced produced = byRef.get(ref);
            ProducedEntity row = mine.get(ref);
            boolean created = row == null;
            if (created) {
                row = new ProducedEntity();
                row.entityRef = ref.toString();
                row.locationId = location.id;
            }
            row.parentRef =
                    produced.parentRef() == null ? null : produced.parentRef().toString();
            row.sourceFile = produced.file();
            if (created) {
                row.persist();
            }
        }
        orphan(orphaned, actor, permission);
        ConflictRow.delete("locationId", location.id);
        for (Applied.Conflict c : conflicts) {
            ConflictRow row = new ConflictRow();
            row.entityRef = c.entityRef().toString();
            row.locationId = location.id;
            row.persist();
        }
        OffsetDateTime now = OffsetDateTime.now();
        Applied applied =
                new Applied(outcomes, conflicts, orphaned, refreshRights.beyond(location, reading, kept, false));
        location.lastReadAt = now;
        if (applied.changedCatalog() || location.lastChangedAt == null) {
            location.lastChangedAt = now;
        }
        location.lastError = null;
        List<Reading.Problem> problems = new ArrayList<>(reading.problems());
        conflicts.forEach(c -> problems.add(new Reading.Problem("warning", null, null, c.message())));
        problems.addAll(applied.warnings());
        location.problems = problems.isEmpty() ? null : write(problems);
        location.files = write(reading.files());
        location.entityCount = kept.size();
        Set<EntityRef> touched = new LinkedHashSet<>(kept);
        conflicts.forEach(c -> touched.add(c.entityRef()));
        syncStatus(touched);
        return applied;
    }

    /** Records a failed reading: the location keeps its entities, which carry the error in their status. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fail(LocationRecord location, List<Reading.Problem> problems, String error) {
        location.lastReadAt = OffsetDateTime.now();
        location.lastError = error;
        location.problems = write(problems);
        syncStatus(ProducedEntity.ofLocation(location.id).stream()
                .map(ProducedEntity::ref)
                .toList());
    }

    /**
     * Lets go of a location's entities: they become orphans (or are deleted), their conflicts are dropped.
     *
     * @param admin whether {@code actor} is a catalog-admin: anyone else may release only a location they registered
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<EntityRef> release(LocationRecord location, String actor, ChangePermission permission, boolean admin) {
        // A location is its registrant's, even one that produces nothing (yet): nobody else but a catalog-admin removes
        // it (asked first, so that someone else is told that, not what she may not change among its entities).
        LocationPermissions.checkRegistrantOrAdmin(location, actor, admin, "delete");
        List<ProducedEntity> produced = ProducedEntity.ofLocation(location.id);
        // Releasing marks (or deletes) every entity the location produces: only someone who may change each of
        // them may, so an editor cannot orphan another team's entities by deleting the location they come from.
        checkMayChange(produced.stream().map(ProducedEntity::ref).toList(), permission);
        List<EntityRef> refs = new ArrayList<>();
        for (ProducedEntity row : produced) {
            refs.add(row.ref());
            row.delete();
        }
        List<EntityRef> conflicted = ConflictRow.<ConflictRow>list("locationId", location.id).stream()
                .map(c -> EntityRef.ofCanonical(c.entityRef))
                .toList();
        ConflictRow.delete("locationId", location.id);
        orphan(refs, actor, permission);
        syncStatus(conflicted);
        return refs;
    }

    /**
     * Refuses (NotAllowedException) unless {@code permission} may change each stored entity of {@code refs}: read
     * {@link Jdbc#IN_CHUNK} at a time, as a location may let go of thousands.
     */
    private void checkMayChange(List<EntityRef> refs, ChangePermission permission) {
        List<String> names = refs.stream().map(EntityRef::toString).toList();
        for (List<String> chunk : Jdbc.chunks(names)) {
            for (CatalogEntity stored : CatalogEntity.<CatalogEntity>list("entityRef in ?1", chunk)) {
                Entity body = entityJson.readEntity(stored.body);
                permission.checkWrite(EntityRef.ofCanonical(stored.entityRef), body, body);
            }
        }
    }

    private void orphan(List<EntityRef> refs, String actor, ChangePermission permission) {
        if (refs.isEmpty()) {
            return;
        }
        if (config.orphanStrategy() == LocationsConfig.OrphanStrategy.DELETE) {
            for (EntityRef ref : refs) {
                CatalogEntity e =
                        CatalogEntity.find("entityRef", ref.toString()).firstResult();
                if (e != null) {
                    registration.delete(e.id, actor, permission, null);
                }
            }
        } else {
            marks.setOrphan(refs, true);
            syncStatus(refs);
        }
    }

    /** Sets the location items of these entities' status: their location's error, conflicts over them. */
    void syncStatus(Collection<EntityRef> refs) {
        Map<EntityRef, ProducedEntity> owners = new HashMap<>();
        ProducedEntity.ofRefs(refs).forEach(p -> owners.put(p.ref(), p));
        for (EntityRef ref : refs) {
            List<EntityMarks.ProcessingItem> items = new ArrayList<>();
            ProducedEntity owner = owners.get(ref);
            LocationRecord location = owner == null ? null : LocationRecord.findById(owner.locationId);
            if (location != null && location.lastError != null) {
                items.add(EntityMarks.ProcessingItem.of(
                        "error",
                        "ProcessingError",
                        "location " + location.type + ":" + location.target
                                + " failed at its reading of " + location.lastReadAt
                                + "; this entity is as of its last good "
                                + "read. " + location.lastError));
            }
            for (ConflictRow c : ConflictRow.<ConflictRow>list("entityRef", ref.toString())) {
                LocationRecord other = LocationRecord.findById(c.locationId);
                if (other != null) {
                    items.add(EntityMarks.ProcessingItem.of(
                            "warning",
                            "ConflictError",
                            "location " + other.type + ":" + other.target
                                    + " also produces " + ref
                                    + (location == null
                                            ? ""
                                            : "; location " + location.type + ":" + location.target + " keeps it")));
                }
            }
            marks.setProcessingItems(ref, items);
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files of a location's last good reading. */
    static List<Reading.FileState> files(LocationRecord location) {
        return read(location.files, new TypeReference<List<Reading.FileState>>() {});
    }

    /** The problems of a location's last reading. */
    static List<Reading.Problem> problems(LocationRecord location) {
        return read(location.problems, new TypeReference<List<Reading.Problem>>() {});
    }

    private static <T> List<T> read(String text, TypeReference<List<T>> type) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            // JSON's null, or a null in the list (a hand-edited archive), is nothing to show.
            List<T> read = JSON.readValue(text, type);
            return read == null
                    ? List.of()
                    : read.stream().filter(java.util.Objects::nonNull).toList();
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
