package dev.interlock.registration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.catalog.EntityJson;
import dev.interlock.catalog.EntityStore;
import dev.interlock.catalog.Relations;
import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.ReaderLimits;
import dev.interlock.model.Entity;
import dev.interlock.validation.EntityValidator;
import dev.interlock.validation.Problem;

/**
 * Registers descriptors: validates every document, then stores all of them or none. Each entity comes out
 * created, updated or unchanged; its uid is kept across updates, its etag changes with every change, and a
 * stale etag in the request is a conflict.
 *
 * <p>Each document goes through the same steps: normalise ({@link Draft}), compare with the stored version
 * ({@link EntityDiff}), check concurrency and ownership ({@link WriteChecks}), store ({@link EntityStore}).
 */
@ApplicationScoped
public class RegistrationService {

    @Inject
    EntityValidator validator;

    @Inject
    EntityStore store;

    @Inject
    EntityJson entityJson;

    @Inject
    RegistrationConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Instance<DeletionGuard> deletionGuards;

    @Inject
    Instance<SyncedEntities> syncedEntities;

    @Inject
    Instance<RegistrationAdvisor> advisors;

    /** A reader bounded by the configured limits. */
    public DescriptorReader reader(long maxCodePoints) {
        return new DescriptorReader(new ReaderLimits(
                config.maxDocuments(), config.maxDepth(), config.maxAliases(), config.maxValues(), (int)
                        Math.min(Integer.MAX_VALUE, maxCodePoints)));
    }

    /** Validates documents without storing anything: the errors and warnings of each. */
    public List<Problem> validate(List<Descriptor> documents) {
        List<Problem> all = new ArrayList<>();
        for (Descriptor d : documents) {
            all.addAll(validator.validate(d));
        }
        return all;
    }

    /**
     * Registers every document, all or nothing.
     *
     * @param documents the parsed body
     * @param actor who registers (a user name, or {@code system})
     * @param permission who may change entities already in the catalog
     * @param ifMatch an etag the single entity of the body must currently have ({@code *}: it must exist), or
     *        {@code null}
     * @param dryRun when true, nothing is stored; the outcome says what would happen
     * @throws RegistrationRejected when any document is invalid
     * @throws ConflictException when an etag in the request is not the entity's current one
     */
    @Transactional
    public List<Outcome> register(
            List<Descriptor> documents, String actor, ChangePermission permission, String ifMatch, boolean dryRun) {
        return register(documents, actor, permission, ifMatch, Map.of(), dryRun);
    }

    /**
     * Registers every document, all or nothing, as {@link #register(List, String, ChangePermission, String, boolean)}
     * does, and only over the versions a preview showed.
     *
     * @param previewed the etag of each entity as a preview showed it ({@link Preview#versions}), {@code ""} for one that
     *        was not in the catalog; an entity not named here is not checked
     * @throws ConflictException when a named entity has changed since (stored, registered or deleted since: by someone else, or by the same person confirming twice)
     */
    @Transactional
    public List<Outcome> register(
            List<Descriptor> documents,
            String actor,
            ChangePermission permission,
            String ifMatch,
            Map<String, String> previewed,
            boolean dryRun) {
        List<Outcome> outcomes = apply(documents, actor, permission, ifMatch, previewed, null, dryRun);
        if (!dryRun) {
            outcomes.forEach(o -> metrics.counter("interlock.registration.entities", "action", o.action())
                    .increment());
        }
        return outcomes;
    }

    /**
     * Registers every document in the caller's transaction, without counting them in the metrics: for the start-up
     * warm-up ({@link RegistrationWarmup}), which rolls the transaction back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    List<Outcome> store(List<Descriptor> documents, String actor, ChangePermission permission) {
        return apply(documents, actor, permission, null, Map.of(), null, false);
    }

    /**
     * A dry run, with the version of each entity it was made against.
     *
     * @param versions each entity's etag as the dry run read it ({@code ""}: not in the catalog), by reference: what
     *        a confirmation is to be stored over ({@link #register(List, String, ChangePermission, String, Map,
     *        boolean)}'s {@code previewed})
     */
    public record Preview(List<Outcome> outcomes, Map<String, String> versions) {}

    /** Registers nothing: what registering these documents would do, and the versions that answer is about. */
    @Transactional
    public Preview preview(List<Descriptor> documents, String actor, ChangePermission permission) {
        Map<String, String> versions = new java.util.LinkedHashMap<>();
        List<Outcome> outcomes = apply(documents, actor, permission, null, Map.of(), versions, true);
        return new Preview(outcomes, versions);
    }

    private List<Outcome> apply(
            List<Descriptor> documents,
            String actor,
            ChangePermission permission,
            String ifMatch,
            Map<String, String> previewed,
            Map<String, String> versions,
            boolean dryRun) {
        BodyValidation.Result checked = BodyValidation.check(documents, validator);
        if (!checked.errors().isEmpty()) {
            metrics.counter("interlock.registration.rejected").increment();
            throw new RegistrationRejected(checked.errors());
        }
        List<Draft> drafts = checked.valid().stream().map(Draft::of).toList();
        if (ifMatch != null && drafts.size() == 1) {
            drafts = List.of(drafts.get(0).withIfMatch(ifMatch));
        }
        Set<String> refs = new LinkedHashSet<>();
        drafts.forEach(d -> refs.add(d.ref().toString()));

        WriteChecks checks = new WriteChecks(permission);
        Map<String, CatalogEntity> existing = store.findByRefs(refs);
        Map<EntityRef, String> synced = syncedWarnings(drafts);
        List<Planned> planned = new ArrayList<>();
        List<EntityStore.Change> changes = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (Draft draft : drafts) {
            CatalogEntity current = existing.get(draft.ref().toString());
            WriteChecks.concurrency(draft, current);
            WriteChecks.sincePreview(draft, current, previewed.get(draft.ref().toString()));
            if (versions != null) {
                versions.put(draft.ref().toString(), current == null ? "" : current.etag);
            }
            if (current == null) {
                Entity body = draft.body(null);
                CatalogEntity e = EntityRows.created(draft.ref(), actor, now);
                checks.create(draft.ref(), body);
                changes.add(new EntityStore.Change(
                        e,
                        true,
                        EntityRows.fill(e, draft, body, actor, now, entityJson),
                        Relations.of(draft.ref(), body),
                        null,
                        null,
                        actor));
                planned.add(new Planned(draft, body, e.entityRef, dryRun ? null : e.id, "created", now));
                continue;
            }
            Entity stored = entityJson.readEntity(current.body);
            // Read back as stored so that numbers compare as they are stored (YAML gives Long, JSON Integer).
            Entity body = entityJson.roundTrip(draft.body(stored));
            List<String> changed = EntityDiff.changedFields(stored, body);
            if (changed.isEmpty()) {
                planned.add(new Planned(draft, body, current.entityRef, current.id, "unchanged", current.createdAt));
                continue;
            }
            checks.update(draft.ref(), stored, body);
            if (!dryRun) {
                if (EntityDiff.changesGeneration(changed)) {
                    current.generation++;
                }
                String previous = current.body;
                changes.add(new EntityStore.Change(
                        current,
                        false,
                        EntityRows.fill(current, draft, body, actor, now, entityJson),
                        Relations.of(draft.ref(), body),
                        String.join(",", changed),
                        previous,
                        actor));
            }
            planned.add(new Planned(draft, body, current.entityRef, current.id, "updated", current.createdAt));
        }
        // Advised once every body is known, so that an advisor sees the entities registered together.
        Map<EntityRef, Entity> bodies = new java.util.LinkedHashMap<>();
        Map<EntityRef, Instant> registeredAt = new HashMap<>();
        planned.forEach(p -> {
            bodies.put(p.draft().ref(), p.body());
            registeredAt.put(p.draft().ref(), p.registeredAt());
        });
        RegisteredTogether together = new RegisteredTogether(bodies, registeredAt);
        List<Outcome> outcomes = new ArrayList<>();
        for (Planned p : planned) {
            List<String> warnings = new ArrayList<>(advised(p.draft(), p.body(), together));
            // An unchanged entity is not written: whether a location also writes it is not asked.
            if (!p.action().equals("unchanged") && synced.containsKey(p.draft().ref())) {
                warnings.add(synced.get(p.draft().ref()));
            }
            outcomes.add(new Outcome(p.ref(), p.id(), p.action(), List.copyOf(warnings)));
        }
        if (!dryRun) {
            store.save(changes);
        }
        return outcomes;
    }

    /** What registering one document does, before the advisors are asked about it. */
    private record Planned(Draft draft, Entity body, String ref, String id, String action, Instant registeredAt) {

        /** @param registeredAt when the entity was first registered ({@code entities.created_at}, never null) */
        Planned(Draft draft, Entity body, String ref, String id, String action, OffsetDateTime registeredAt) {
            this(draft, body, ref, id, action, registeredAt.toInstant());
        }
    }

    /**
     * What {@link SyncedEntities} say of the entities written through the API or the register page (their documents'
     * location is {@code api:<actor>}): one question per registration, none for a location's own refresh.
     */
    private Map<EntityRef, String> syncedWarnings(List<Draft> drafts) {
        List<EntityRef> direct = drafts.stream()
                .filter(d -> d.descriptor().location() != null
                        && d.descriptor().location().startsWith("api:"))
                .map(Draft::ref)
                .toList();
        if (direct.isEmpty()) {
            return Map.of();
        }
        Map<EntityRef, String> out = new HashMap<>();
        syncedEntities.forEach(s -> out.putAll(s.warnings(direct)));
        return out;
    }

    /** The draft's warnings and the advisors' about the body it stores. */
    private List<String> advised(Draft draft, Entity body, RegisteredTogether together) {
        List<String> out = new ArrayList<>(draft.warnings());
        for (RegistrationAdvisor advisor : advisors) {
            out.addAll(advisor.warnings(draft.ref(), body, together));
        }
        return out;
    }

    /**
     * Deletes the entity with this uid; empty when there is none.
     *
     * @param ifMatch the etag the entity must have ({@code *} or {@code null}: any)
     * @throws ConflictException when it has another
     */
    @Transactional
    public Optional<String> delete(String uid, String actor, ChangePermission permission, String ifMatch) {
        CatalogEntity entity = CatalogEntity.findById(uid);
        if (entity == null) {
            return Optional.empty();
        }
        WriteChecks.deletion(ifMatch, entity);
        new WriteChecks(permission)
                .delete(EntityRef.ofCanonical(entity.entityRef), entityJson.readEntity(entity.body), deletionGuards);
        store.delete(entity, actor);
        return Optional.of(entity.entityRef);
    }
}
