package dev.interlock.location;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.LocationRecord;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.model.Metadata;
import dev.interlock.model.Node;
import dev.interlock.registration.ChangePermission;
import dev.interlock.registration.ConflictException;
import dev.interlock.registration.DeletionGuard;
import dev.interlock.registration.SyncedEntities;
import dev.interlock.security.Actor;

/**
 * Which locations are registered: registering one (read before answering; a dry run stores nothing), deleting one
 * (its entities become orphans), and refusing the deletion of an entity a location still produces. Reading again
 * is {@link LocationRefresh}'s. Reading happens outside transactions; each application of a reading is one
 * transaction.
 */
@ApplicationScoped
public class LocationService implements DeletionGuard, SyncedEntities {

    /**
     * Who registers a location: its scheduled refresh writes with this account's rights.
     *
     * @param name the account name
     * @param roles its roles
     * @param verifiedEmail with single sign-on, the e-mail address its token verified
     * @param groups with single sign-on and a groups claim configured, the teams its token asserted
     */
    public record Account(String name, Set<String> roles, Optional<String> verifiedEmail, Set<String> groups) {

        /**
         * The example catalog's loader. The locations it registers are the system's, no account's: stored without a
         * registrant, they refresh with the system's rights, and only a catalog-admin changes or deletes them (an
         * account that happened to be named like the loader's history name would otherwise be their registrant).
         */
        public static final Account SYSTEM = new Account(
                dev.interlock.registration.ExampleCatalogLoader.ACTOR,
                Set.of("catalog-admin"),
                Optional.empty(),
                Set.of());

        /** The person acting in a request, with the roles of her request. */
        public static Account of(Actor actor, Set<String> roles) {
            return new Account(actor.name(), Set.copyOf(roles), actor.verifiedEmail(), actor.assertedGroups());
        }
    }

    /**
     * A registration's answer.
     *
     * @param location the location (not stored in a dry run)
     * @param entities the entities it produces, as stored (or as they would be)
     * @param applied what was (or would be) done
     * @param exists whether the location was registered before
     * @param reading the reading, with its warnings
     * @param problems the reading's warnings and the applying's ({@link Applied#warnings()})
     */
    public record Registered(
            LocationRecord location,
            List<Entity> entities,
            Applied applied,
            boolean exists,
            Reading reading,
            List<Reading.Problem> problems) {}

    @Inject
    LocationProcessor processor;

    @Inject
    LocationApplier applier;

    @Inject
    LocationPermissions locationPermissions;

    @Inject
    TargetReader reader;

    @Inject
    CatalogQueries queries;

    @Inject
    LocationsConfig config;

    @Inject
    dev.interlock.replicas.SharedLocks locks;

    /**
     * Registers a location: reads it now and applies it (or, in a dry run, says what it would do).
     *
     * @param permission the registering person's rights (the request's)
     * @throws LocationRejected when it cannot be read or holds invalid documents
     * @throws ConflictException when it is registered already (not in a dry run)
     */
    public Registered register(
            String type, String target, Account account, ChangePermission permission, boolean dryRun) {
        String t = type == null || type.isBlank() ? "url" : type.trim().toLowerCase(Locale.ROOT);
        String normalized = normalized(t, target);
        Optional<LocationRecord> existing = find(t, normalized);
        if (existing.isPresent() && !dryRun) {
            throw new ConflictException(
                    "location " + t + ":" + normalized + " is already registered (id " + existing.get().id + ")");
        }
        Reading reading = processor.read(t, normalized, List.of());
        if (reading.failed()) {
            throw new LocationRejected(
                    "location " + t + ":" + normalized + " cannot be registered: " + reading.errorText(),
                    reading.problems());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            LocationRecord record = existing.map(r -> (LocationRecord) LocationRecord.findById(r.id))
                    .orElseGet(LocationRecord::new);
            if (existing.isEmpty()) {
                record.id = UUID.randomUUID().toString();
                record.type = t;
                record.target = normalized;
                record.createdAt = OffsetDateTime.now();
                // The very Account.SYSTEM object, not one equal to it: a person's account is never the system.
                if (account != Account.SYSTEM) {
                    LocationPermissions.recordRegistrant(record, account);
                }
                record.nextRefreshAt = RefreshTimes.first(record.createdAt, config.refreshInterval());
                if (!dryRun) {
                    record.persist();
                }
            }
            Applied applied = applier.apply(
                    record,
                    reading,
                    account.name(),
                    locationPermissions.throughLocation(record, account.name(), permission),
                    dryRun);
            List<Entity> entities = new ArrayList<>();
            if (dryRun) {
                reading.documents().stream()
                        .filter(p -> applied.conflicts().stream()
                                .noneMatch(c -> c.entityRef().equals(p.ref())))
                        .forEach(p -> entities.add(asRegistered(p)));
            } else {
                queries
                        .byRefs(applied.outcomes().stream()
                                .map(o -> EntityRef.ofCanonical(o.ref()))
                                .toList())
                        .stream()
                        .filter(Objects::nonNull)
                        .map(Entity::of)
                        .forEach(entities::add);
            }
            List<Reading.Problem> problems = new ArrayList<>(reading.problems());
            problems.addAll(applied.warnings());
            return new Registered(record, entities, applied, existing.isPresent(), reading, problems);
        });
    }

    /**
     * An entity as a dry run shows it: its document with the location it would be managed by, as registering sets it
     * (Backstage's dry run shows both annotations; the reading has set the origin already).
     */
    private static Entity asRegistered(Reading.Produced p) {
        Node metadata = Node.of(p.descriptor().root()).get("metadata");
        if (!metadata.isObject() || p.descriptor().location() == null) {
            return Entity.of(p.descriptor().root());
        }
        Map<String, Object> annotations =
                new LinkedHashMap<>(metadata.get("annotations").asTree());
        annotations.put(Metadata.MANAGED_BY_LOCATION, p.descriptor().location());
        Map<String, Object> meta = new LinkedHashMap<>(metadata.asTree());
        meta.put("annotations", annotations);
        Map<String, Object> root =
                new LinkedHashMap<>(Node.of(p.descriptor().root()).asTree());
        root.put("metadata", meta);
        return Entity.of(root);
    }

    /**
     * Points a registered location at another target (Backstage's {@code PUT /locations/{id}}): the new target is read
     * now and applied as a refresh would apply it, so what the old target produced and the new one does not becomes an
     * orphan. Only the account that registered it or a catalog-admin may; nothing changes when the new target cannot be
     * read, holds invalid documents or would change entities the account may not change.
     *
     * @param admin whether the account is a catalog-admin
     * @return the location as it now is; empty when there is no such location
     * @throws LocationRejected when the new target cannot be read or holds invalid documents
     * @throws ConflictException when another location is registered with that target
     */
    public Optional<LocationRecord> update(
            String id, String type, String target, Account account, ChangePermission permission, boolean admin) {
        LocationRecord current = QuarkusTransaction.requiringNew().call(() -> LocationRecord.findById(id));
        if (current == null) {
            return Optional.empty();
        }
        LocationPermissions.checkRegistrantOrAdmin(current, account.name(), admin, "change");
        String t = type == null || type.isBlank() ? "url" : type.trim().toLowerCase(Locale.ROOT);
        String normalized = normalized(t, target);
        find(t, normalized).filter(other -> !other.id.equals(id)).ifPresent(other -> {
            throw new ConflictException(
                    "location " + t + ":" + normalized + " is already registered (id " + other.id + ")");
        });
        Reading reading = processor.read(t, normalized, List.of());
        if (reading.failed()) {
            throw new LocationRejected(
                    "location " + id + " cannot read " + t + ":" + normalized + ": " + reading.errorText(),
                    reading.problems());
        }
        // Applied under the location's lock: a refresh of the old target applied after this change would bring the
        // old target's entities back and orphan the new target's. A refresh in flight is waited for; one that starts
        // after reads the new target.
        return locks.inTransaction(LocationRefresh.lockOf(id), LocationRefresh.EVERY_LOCATION, refreshHolds(), () -> {
            LocationRecord record = LocationRecord.findById(id);
            if (record == null) {
                return Optional.empty();
            }
            record.type = t;
            record.target = normalized;
            if (account.name().equals(record.registeredBy)) {
                // Her change renews what her refreshes act with (a catalog-admin's change of it does not).
                LocationPermissions.recordRegistrant(record, account);
            }
            applier.apply(
                    record,
                    reading,
                    account.name(),
                    locationPermissions.throughLocation(record, account.name(), permission),
                    false);
            return Optional.of(record);
        });
    }

    /**
     * Does the work in a new transaction once no refresh, change or deletion of a location runs on any replica, and
     * holds them off until it ends: an import, which may replace any location.
     */
    public <T> T inTransactionAlone(Supplier<T> work) {
        return locks.inTransactionAlone(LocationRefresh.EVERY_LOCATION, refreshHolds(), work);
    }

    /**
     * How long a refresh may hold a location's lock while it reads (a whole location's time, and one file's past it):
     * a change or deletion of that location on another replica waits it out.
     */
    private Duration refreshHolds() {
        return config.locationTimeout().plus(config.readTimeout());
    }

    /** The target as it is stored, or the reason it cannot be a target. */
    private String normalized(String type, String target) {
        try {
            return reader.normalize(type, target);
        } catch (ReadFailure e) {
            throw new LocationRejected(
                    e.getMessage(), List.of(new Reading.Problem("error", e.file(), null, e.getMessage())));
        }
    }

    /** The location an entity comes from. */
    public Optional<LocationRecord> byEntity(EntityRef ref) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            ProducedEntity row = ProducedEntity.of(ref);
            return row == null ? Optional.empty() : Optional.ofNullable(LocationRecord.findById(row.locationId));
        });
    }

    /**
     * Deletes a location; its entities become orphans (or are deleted). Empty when there is no such location.
     *
     * @param admin whether {@code actor} is a catalog-admin (anyone else may delete only a location they registered)
     */
    public Optional<List<EntityRef>> delete(String id, String actor, ChangePermission permission, boolean admin) {
        // Under the location's lock: an entity a refresh in flight adds would otherwise stay marked as this location's
        // after it is gone, and could never be deleted.
        return locks.inTransaction(LocationRefresh.lockOf(id), LocationRefresh.EVERY_LOCATION, refreshHolds(), () -> {
            LocationRecord record = LocationRecord.findById(id);
            if (record == null) {
                return Optional.empty();
            }
            List<EntityRef> released = applier.release(
                    record, actor, locationPermissions.throughLocation(record, actor, permission), admin);
            record.delete();
            return Optional.of(released);
        });
    }

    @Override
    public void checkDelete(EntityRef ref) {
        ProducedEntity row = ProducedEntity.of(ref);
        if (row != null) {
            LocationRecord location = LocationRecord.findById(row.locationId);
            throw new ConflictException(ref + " is produced by location "
                    + (location == null ? row.locationId : location.type + ":" + location.target) + " (file "
                    + row.sourceFile + "); it would come back "
                    + "at the next refresh. Remove it from that file (or delete the location) instead");
        }
    }

    /**
     * Entities a location produces, written through the API or the register page: the write is stored, but the file
     * stays what the location follows. A scheduled refresh of an unchanged file applies nothing (the host answers 304),
     * so the change stays until the file changes or someone refreshes the entity from it.
     */
    @Override
    public Map<EntityRef, String> warnings(Collection<EntityRef> refs) {
        Map<EntityRef, String> out = new HashMap<>();
        for (ProducedEntity row : ProducedEntity.ofRefs(refs)) {
            LocationRecord location = LocationRecord.findById(row.locationId);
            out.put(
                    row.ref(),
                    row.ref() + " is produced by location "
                            + (location == null ? row.locationId : location.type + ":" + location.target) + " (file "
                            + row.sourceFile + "): this change is stored, and stays until the location next"
                            + " applies that file, which puts the file's version back: when the file changes, when"
                            + " the entity is refreshed from it, and at every scheduled refresh if its host sends no"
                            + " ETag or Last-Modified; change the file to keep it");
        }
        return out;
    }

    private static Optional<LocationRecord> find(String type, String target) {
        return QuarkusTransaction.requiringNew()
                .call(() -> LocationRecord.<LocationRecord>find("type = ?1 and target = ?2", type, target)
                        .firstResultOptional());
    }
}
