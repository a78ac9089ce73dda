package dev.interlock.location;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.LocationRecord;
import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.registration.ChangePermission;
import dev.interlock.registration.ConflictException;
import dev.interlock.registration.DeletionGuard;

/**
 * Locations: registering one (read before answering; a dry run stores nothing), refreshing one (conditionally, all
 * or nothing), deleting one (its entities become orphans), and refusing the deletion of an entity a location still
 * produces. Reading happens outside transactions; each application of a reading is one transaction.
 */
@ApplicationScoped
public class LocationService implements DeletionGuard {

    /**
     * Who registers a location: its scheduled refresh writes with this account's rights.
     *
     * @param name the account name
     * @param roles its roles
     */
    public record Account(String name, Set<String> roles) {
    }

    /**
     * A registration's answer.
     *
     * @param location the location (not stored in a dry run)
     * @param entities the entities it produces, as stored (or as they would be)
     * @param applied what was (or would be) done
     * @param exists whether the location was registered before
     * @param reading the reading, with its warnings
     */
    public record Registered(LocationRecord location, List<Map<String, Object>> entities, Applied applied,
            boolean exists, Reading reading) {
    }

    /**
     * A refresh's answer.
     *
     * @param location the location
     * @param state {@code unchanged} (every file answered "not modified"), {@code applied} or {@code failed}
     * @param applied what was done, when applied
     * @param problems the reading's problems
     */
    public record Refreshed(LocationRecord location, String state, Applied applied, List<Reading.Problem> problems) {
    }

    @Inject
    LocationProcessor processor;

    @Inject
    LocationApplier applier;

    @Inject
    TargetReader reader;

    @Inject
    CatalogQueries queries;

    @Inject
    LocationsConfig config;

    @Inject
    LocationPermissions permissions;

    /** One refresh of a location at a time, on any replica. */
    @Inject
    dev.interlock.replicas.SharedLocks locks;

    /** The canonical reference of a document, or {@code null} when it is not an entity. */
    public static String refOf(Descriptor d) {
        if (d.root() instanceof Map<?, ?> root && root.get("metadata") instanceof Map<?, ?> md
                && root.get("kind") != null && md.get("name") != null) {
            Object ns = md.get("namespace");
            try {
                return new EntityRef(String.valueOf(root.get("kind")), ns == null ? EntityRef.DEFAULT_NAMESPACE
                        : String.valueOf(ns), String.valueOf(md.get("name"))).toString();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Registers a location: reads it now and applies it (or, in a dry run, says what it would do).
     *
     * @param permission the registering person's rights (the request's)
     * @throws LocationRejected when it cannot be read or holds invalid documents
     * @throws ConflictException when it is registered already (not in a dry run)
     */
    public Registered register(String type, String target, Account account, ChangePermission permission,
            boolean dryRun) {
        String t = type == null || type.isBlank() ? "url" : type.trim().toLowerCase(Locale.ROOT);
        String normalized;
        try {
            normalized = reader.normalize(t, target);
        } catch (ReadFailure e) {
            throw new LocationRejected(e.getMessage(), List.of(new Reading.Problem("error", e.file(), null,
                    e.getMessage())));
        }
        Optional<LocationRecord> existing = find(t, normalized);
        if (existing.isPresent() && !dryRun) {
            throw new ConflictException("location " + t + ":" + normalized + " is already registered (id "
                    + existing.get().id + ")");
        }
        Reading reading = processor.read(t, normalized, List.of());
        if (reading.failed()) {
            throw new LocationRejected("location " + t + ":" + normalized + " cannot be registered: "
                    + reading.errorText(), reading.problems());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            LocationRecord record = existing.map(r -> (LocationRecord) LocationRecord.findById(r.id))
                    .orElseGet(LocationRecord::new);
            if (existing.isEmpty()) {
                record.id = UUID.randomUUID().toString();
                record.type = t;
                record.target = normalized;
                record.createdAt = OffsetDateTime.now();
                record.registeredBy = account.name();
                record.registeredRoles = String.join(",", account.roles().stream().sorted().toList());
                record.nextRefreshAt = spread(record.createdAt);
                if (!dryRun) {
                    record.persist();
                }
            }
            Applied applied = applier.apply(record, reading, account.name(), permission, dryRun);
            List<Map<String, Object>> entities = new ArrayList<>();
            if (dryRun) {
                reading.documents().stream().filter(p -> applied.conflicts().stream()
                        .noneMatch(c -> c.entityRef().equals(refOf(p.descriptor()))))
                        .forEach(p -> entities.add(asMap(p.descriptor().root())));
            } else {
                queries.byRefs(applied.outcomes().stream().map(o -> EntityRef.ofCanonical(o.ref())).toList())
                        .stream().filter(java.util.Objects::nonNull).forEach(entities::add);
            }
            return new Registered(record, entities, applied, existing.isPresent(), reading);
        });
    }

    /** Reads a location again now ({@code conditional}: unchanged files cost a 304) and applies it. */
    public Optional<Refreshed> refresh(String id, boolean conditional) {
        return locks.withLock("location:" + id, () -> {
            LocationRecord snapshot = QuarkusTransaction.requiringNew().call(() -> LocationRecord.findById(id));
            if (snapshot == null) {
                return Optional.empty();
            }
            List<Reading.FileState> previous = conditional && snapshot.lastError == null
                    ? LocationApplier.files(snapshot) : List.of();
            Reading reading = processor.read(snapshot.type, snapshot.target, previous);
            return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> {
                LocationRecord record = LocationRecord.findById(id);
                if (record == null) {
                    return null;
                }
                record.nextRefreshAt = next(record.nextRefreshAt);
                if (reading.unchanged()) {
                    record.lastReadAt = OffsetDateTime.now();
                    return new Refreshed(record, "unchanged", null, List.of());
                }
                if (reading.failed()) {
                    applier.fail(record, reading.problems(), reading.errorText());
                    return new Refreshed(record, "failed", null, reading.problems());
                }
                return null;
            })).or(() -> applyRefresh(id, reading));
        });
    }

    /**
     * Reads a location conditionally for a refresh round, from a snapshot read with the others; when every file is
     * unchanged nothing is written (the round records the read for all such locations at once).
     *
     * @return empty when the location is unchanged
     */
    Optional<Refreshed> refreshInRound(LocationRecord snapshot) {
        return locks.withLock("location:" + snapshot.id, () -> {
            List<Reading.FileState> previous = snapshot.lastError == null ? LocationApplier.files(snapshot)
                    : List.of();
            Reading reading = processor.read(snapshot.type, snapshot.target, previous);
            if (reading.unchanged()) {
                return Optional.empty();
            }
            if (reading.failed()) {
                return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> {
                    LocationRecord record = LocationRecord.findById(snapshot.id);
                    if (record == null) {
                        return null;
                    }
                    record.nextRefreshAt = next(record.nextRefreshAt);
                    applier.fail(record, reading.problems(), reading.errorText());
                    return new Refreshed(record, "failed", null, reading.problems());
                }));
            }
            QuarkusTransaction.requiringNew().run(() -> {
                LocationRecord record = LocationRecord.findById(snapshot.id);
                if (record != null) {
                    record.nextRefreshAt = next(record.nextRefreshAt);
                }
            });
            return applyRefresh(snapshot.id, reading);
        });
    }

    /** Records that these locations were read and found unchanged: one statement per 500 locations. */
    void markUnchanged(List<String> ids) {
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime next = now.plus(config.refreshInterval());
        for (int i = 0; i < ids.size(); i += 500) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
            QuarkusTransaction.requiringNew().run(() -> LocationRecord.update(
                    "lastReadAt = ?1, nextRefreshAt = ?2 where id in ?3", now, next, chunk));
        }
    }

    /** Applies a good reading; a refusal (rights, a concurrent change) is recorded as the location's error. */
    private Optional<Refreshed> applyRefresh(String id, Reading reading) {
        try {
            return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> {
                LocationRecord record = LocationRecord.findById(id);
                if (record == null) {
                    return null;
                }
                Applied applied = applier.apply(record, reading, record.registeredBy + " (location refresh)",
                        permissions.forRefresh(record), false);
                return new Refreshed(record, "applied", applied, reading.problems());
            }));
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? "the catalog refused the change" : e.getMessage();
            List<Reading.Problem> problems = List.of(new Reading.Problem("error", null, null, message));
            return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> {
                LocationRecord record = LocationRecord.findById(id);
                if (record == null) {
                    return null;
                }
                applier.fail(record, problems, message);
                return new Refreshed(record, "failed", null, problems);
            }));
        }
    }

    /** The location an entity comes from. */
    public Optional<LocationRecord> byEntity(EntityRef ref) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            ProducedEntity row = ProducedEntity.findById(ref.toString());
            return row == null ? Optional.empty() : Optional.ofNullable(LocationRecord.findById(row.locationId));
        });
    }

    /** Deletes a location; its entities become orphans (or are deleted). Empty when there is no such location. */
    public Optional<List<String>> delete(String id, String actor, ChangePermission permission) {
        return QuarkusTransaction.requiringNew().call(() -> {
            LocationRecord record = LocationRecord.findById(id);
            if (record == null) {
                return Optional.empty();
            }
            List<String> released = applier.release(record, actor, permission);
            record.delete();
            return Optional.of(released);
        });
    }

    @Override
    public void checkDelete(EntityRef ref) {
        ProducedEntity row = ProducedEntity.findById(ref.toString());
        if (row != null) {
            LocationRecord location = LocationRecord.findById(row.locationId);
            throw new ConflictException(ref + " is produced by location " + (location == null ? row.locationId
                    : location.type + ":" + location.target) + " (file " + row.sourceFile + "); it would come back "
                    + "at the next refresh. Remove it from that file (or delete the location) instead");
        }
    }

    private static Optional<LocationRecord> find(String type, String target) {
        return QuarkusTransaction.requiringNew().call(() -> LocationRecord
                .<LocationRecord> find("type = ?1 and target = ?2", type, target).firstResultOptional());
    }

    /** The first scheduled read of a new location: somewhere within one interval, so rounds spread out. */
    private OffsetDateTime spread(OffsetDateTime from) {
        long millis = Math.max(1, config.refreshInterval().toMillis());
        return from.plus(Duration.ofMillis(ThreadLocalRandom.current().nextLong(millis)));
    }

    private OffsetDateTime next(OffsetDateTime previous) {
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime base = previous == null || previous.isBefore(now.minus(config.refreshInterval())) ? now
                : previous;
        OffsetDateTime next = base.plus(config.refreshInterval());
        return next.isBefore(now) ? now.plus(config.refreshInterval()) : next;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object root) {
        return root instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
