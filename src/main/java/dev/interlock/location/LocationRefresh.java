package dev.interlock.location;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.interlock.catalog.LocationRecord;
import dev.interlock.registration.ExampleCatalogLoader;
import dev.interlock.replicas.SharedLocks;
import dev.interlock.sql.Jdbc;

/**
 * Reading a registered location again and applying what changed: conditionally (every file "not modified" costs a
 * 304 each and writes nothing) or in full, all or nothing. A failed reading or a refused change is recorded as the
 * location's error; the location keeps its last good entities. Reading happens outside transactions; each
 * application of a reading is one transaction, and one refresh of a location runs at a time on any replica.
 */
@ApplicationScoped
public class LocationRefresh {

    /**
     * A refresh's answer.
     *
     * @param location the location
     * @param state {@code unchanged} (every file answered "not modified"), {@code applied} or {@code failed}; in a
     *     round also {@code deleted} (gone since the round listed it)
     * @param applied what was done, when applied
     * @param problems the reading's problems
     */
    public record Refreshed(LocationRecord location, String state, Applied applied, List<Reading.Problem> problems) {}

    @Inject
    LocationProcessor processor;

    @Inject
    LocationApplier applier;

    @Inject
    LocationsConfig config;

    @Inject
    LocationPermissions permissions;

    @Inject
    SharedLocks locks;

    /**
     * The name of the lock under which a location is read and applied, changed or deleted ({@link SharedLocks}): one of
     * these at a time for a location, on any replica.
     */
    static String lockOf(String id) {
        return "location:" + id;
    }

    /**
     * The group of every location's lock ({@link SharedLocks#withLock(String, String, java.util.function.Supplier)}):
     * work on one location holds it shared, an import alone.
     */
    static final String EVERY_LOCATION = "locations";

    /** Reads a location again now ({@code conditional}: unchanged files cost a 304) and applies it. */
    public Optional<Refreshed> refresh(String id, boolean conditional) {
        return locks.withLock(lockOf(id), EVERY_LOCATION, () -> {
            LocationRecord snapshot = QuarkusTransaction.requiringNew().call(() -> LocationRecord.findById(id));
            if (snapshot == null) {
                return Optional.empty();
            }
            List<Reading.FileState> previous = conditional ? previousFiles(snapshot) : List.of();
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
                    }))
                    .or(() -> applyRefresh(id, reading));
        });
    }

    /**
     * Reads a location conditionally for a refresh round (listed with the others, read again under its lock); when
     * every file is unchanged nothing is written (the round records the read for all such locations at once).
     *
     * @return empty when the location is unchanged; state {@code deleted}, nothing read, when it was deleted after the
     *     round listed it
     */
    Optional<Refreshed> refreshInRound(LocationRecord listed) {
        return locks.withLock(lockOf(listed.id), EVERY_LOCATION, () -> {
            // Read again under the lock: the round's list was read before it, and the location may have been pointed
            // at another target or deleted since (reading the old target would bring its entities back).
            LocationRecord snapshot = QuarkusTransaction.requiringNew().call(() -> LocationRecord.findById(listed.id));
            if (snapshot == null) {
                return Optional.of(new Refreshed(listed, "deleted", null, List.of()));
            }
            List<Reading.FileState> previous = previousFiles(snapshot);
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

    /** Records that these locations were read and found unchanged: one statement per {@link Jdbc#IN_CHUNK}. */
    void markUnchanged(List<String> ids) {
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime next = now.plus(config.refreshInterval());
        for (List<String> chunk : Jdbc.chunks(ids)) {
            QuarkusTransaction.requiringNew()
                    .run(() -> LocationRecord.update(
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
                Applied applied = applier.apply(
                        record,
                        reading,
                        (record.registeredBy == null ? ExampleCatalogLoader.ACTOR : record.registeredBy)
                                + " (location refresh)",
                        permissions.throughLocation(record, record.registeredBy, permissions.forRefresh(record)),
                        false);
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

    /**
     * The files of the last reading, to read again conditionally; none (read everything) after an error, and while
     * another location keeps an entity this one produces: that location letting go of it changes this one's outcome
     * without changing any of its files.
     */
    private List<Reading.FileState> previousFiles(LocationRecord snapshot) {
        if (snapshot.lastError != null) {
            return List.of();
        }
        boolean conflicts =
                QuarkusTransaction.requiringNew().call(() -> ConflictRow.count("locationId", snapshot.id) > 0);
        return conflicts ? List.of() : LocationApplier.files(snapshot);
    }

    private OffsetDateTime next(OffsetDateTime previous) {
        return RefreshTimes.next(previous, config.refreshInterval());
    }
}
