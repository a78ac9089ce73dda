package dev.interlock.registration;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.catalog.EntityJson;
import dev.interlock.catalog.EntityStore;
import dev.interlock.catalog.Relations;
import dev.interlock.catalog.Uids;
import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.ReaderLimits;
import dev.interlock.validation.EntityValidator;
import dev.interlock.validation.Problem;

/**
 * Registers descriptors: validates every document, then stores all of them or none. Each entity comes out
 * created, updated or unchanged; its uid is kept across updates, its etag changes with every change, and a
 * stale etag in the request is a conflict.
 */
@ApplicationScoped
public class RegistrationService {

    /** Annotation naming where an entity is managed from (Backstage's). */
    public static final String MANAGED_BY_LOCATION = "backstage.io/managed-by-location";
    /** Annotation naming where an entity was first registered from (Backstage's). */
    public static final String MANAGED_BY_ORIGIN = "backstage.io/managed-by-origin-location";

    /** Fields the catalog sets; what a request says of them is not stored. */
    private static final Set<String> CATALOG_SET = Set.of("uid", "etag", "generation");

    @Inject
    EntityValidator validator;

    @Inject
    EntityStore store;

    @Inject
    EntityJson entityJson;

    @Inject
    RegistrationConfig config;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @Inject
    jakarta.enterprise.inject.Instance<DeletionGuard> deletionGuards;

    /** A reader bounded by the configured limits. */
    public DescriptorReader reader(long maxCodePoints) {
        return new DescriptorReader(new ReaderLimits(config.maxDocuments(), config.maxDepth(), config.maxAliases(),
                config.maxValues(), (int) Math.min(Integer.MAX_VALUE, maxCodePoints)));
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
    public List<Outcome> register(List<Descriptor> documents, String actor, ChangePermission permission,
            String ifMatch, boolean dryRun) {
        BodyValidation.Result checked = BodyValidation.check(documents, validator);
        if (!checked.errors().isEmpty()) {
            metrics.counter("interlock.registration.rejected").increment();
            throw new RegistrationRejected(checked.errors());
        }
        List<Draft> drafts = checked.valid().stream().map(Draft::of).toList();
        Set<String> refs = new LinkedHashSet<>();
        drafts.forEach(d -> refs.add(d.ref.toString()));
        if (ifMatch != null && drafts.size() == 1) {
            drafts.get(0).ifMatch = ifMatch;
        }

        Map<String, CatalogEntity> existing = store.findByRefs(refs);
        List<Outcome> outcomes = new ArrayList<>();
        List<EntityStore.Change> changes = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (Draft draft : drafts) {
            CatalogEntity current = existing.get(draft.ref.toString());
            if (draft.ifMatch != null && current == null) {
                throw new ConflictException("If-Match: " + draft.ref + " is not in the catalog (any more); nothing "
                        + "was stored");
            }
            if (current != null && draft.ifMatch != null && !draft.ifMatch.equals("*")
                    && !draft.ifMatch.equals(current.etag)) {
                throw new ConflictException("If-Match: " + draft.ref + " has changed since etag \"" + draft.ifMatch
                        + "\" (its etag is now \"" + current.etag + "\"); read it again and re-apply your change");
            }
            // An etag in the body of an entity the catalog does not have is one from another catalog: imported.
            if (current != null && draft.etag != null && !draft.etag.equals(current.etag)) {
                throw new ConflictException("document " + draft.descriptor.document() + ": " + draft.ref
                        + " has changed since etag \"" + draft.etag + "\" (its etag is now \"" + current.etag
                        + "\"); read it again and re-apply your change");
            }
            if (current == null) {
                Map<String, Object> body = draft.body(null);
                CatalogEntity e = new CatalogEntity();
                e.id = Uids.next();
                e.entityRef = draft.ref.toString();
                e.kind = draft.ref.kind();
                e.namespace = draft.ref.namespace();
                e.name = draft.ref.name();
                e.generation = 1;
                e.createdAt = now;
                e.createdBy = actor;
                permission.checkWrite(draft.ref, null, body);
                changes.add(new EntityStore.Change(e, true, fill(e, draft, body, actor, now),
                        Relations.of(draft.ref, body), null, null, actor));
                outcomes.add(new Outcome(e.entityRef, dryRun ? null : e.id, "created", draft.warnings));
                continue;
            }
            // Round-trip through JSON so that numbers compare as they are stored (YAML gives Long, JSON Integer).
            Map<String, Object> stored = parse(current.body);
            Map<String, Object> body = parse(json(draft.body(stored)));
            Map<String, Object> before = withoutIdentity(stored);
            List<String> changed = changedFields(before, body);
            if (changed.isEmpty()) {
                outcomes.add(new Outcome(current.entityRef, current.id, "unchanged", draft.warnings));
                continue;
            }
            permission.checkWrite(draft.ref, stored, body);
            if (!dryRun) {
                if (changed.stream().anyMatch(f -> f.equals("spec") || f.startsWith("spec."))) {
                    current.generation++;
                }
                String previous = current.body;
                changes.add(new EntityStore.Change(current, false, fill(current, draft, body, actor, now),
                        Relations.of(draft.ref, body), String.join(",", changed), previous, actor));
            }
            outcomes.add(new Outcome(current.entityRef, current.id, "updated", draft.warnings));
        }
        if (!dryRun) {
            store.save(changes);
            outcomes.forEach(o -> metrics.counter("interlock.registration.entities", "action", o.action()).increment());
        }
        return outcomes;
    }

    /** Deletes the entity with this uid; empty when there is none. */
    @Transactional
    public Optional<String> delete(String uid, String actor, ChangePermission permission) {
        CatalogEntity entity = CatalogEntity.findById(uid);
        if (entity == null) {
            return Optional.empty();
        }
        permission.checkWrite(EntityRef.ofCanonical(entity.entityRef), parse(entity.body), null);
        deletionGuards.forEach(g -> g.checkDelete(EntityRef.ofCanonical(entity.entityRef)));
        store.delete(entity, actor);
        return Optional.of(entity.entityRef);
    }

    /** Sets the stored fields of an entity; returns the body as served (identity and status filled in). */
    private Map<String, Object> fill(CatalogEntity e, Draft draft, Map<String, Object> body, String actor,
            OffsetDateTime now) {
        e.apiVersion = String.valueOf(body.get("apiVersion"));
        e.etag = UUID.randomUUID().toString().replace("-", "");
        e.source = draft.descriptor.source();
        e.warnings = draft.warnings.isEmpty() ? null : String.join("\n", draft.warnings);
        e.location = draft.descriptor.location();
        e.updatedAt = now;
        e.updatedBy = actor;
        Map<String, Object> served = withIdentity(body, e);
        if (!draft.warnings.isEmpty()) {
            served.put("status", warningStatus(draft.warnings));
        }
        e.body = json(served);
        return served;
    }

    /**
     * Backstage's output-only {@code status} of an entity with warnings: flagged entities can be found with
     * {@code filter=status.items.level=warning}.
     */
    public static Map<String, Object> warningStatus(List<String> warnings) {
        return Map.of("items", warnings.stream().map(w -> Map.of("type", "interlock.dev/validation", "level",
                "warning", "message", w)).toList());
    }

    /** The fields (one or two levels deep) that differ between two bodies. */
    static List<String> changedFields(Map<String, Object> before, Map<String, Object> after) {
        Set<String> changed = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            Object b = before.get(key);
            Object a = after.get(key);
            if (Objects.equals(a, b)) {
                continue;
            }
            if (a instanceof Map<?, ?> am && b instanceof Map<?, ?> bm) {
                Set<Object> sub = new LinkedHashSet<>(bm.keySet());
                sub.addAll(am.keySet());
                for (Object k : sub) {
                    if (!Objects.equals(am.get(k), bm.get(k))) {
                        changed.add(key + "." + k);
                    }
                }
            } else {
                changed.add(key);
            }
        }
        return new ArrayList<>(changed);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withIdentity(Map<String, Object> body, CatalogEntity e) {
        Map<String, Object> out = new LinkedHashMap<>(body);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
        metadata.put("uid", e.id);
        metadata.put("etag", e.etag);
        metadata.put("generation", e.generation);
        out.put("metadata", metadata);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutIdentity(Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>(body);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
        metadata.keySet().removeAll(CATALOG_SET);
        out.put("metadata", metadata);
        out.remove("relations");
        out.remove("status");
        return out;
    }

    private Map<String, Object> parse(String json) {
        return entityJson.read(json);
    }

    private String json(Map<String, Object> body) {
        return entityJson.write(body);
    }

    /** A valid document on its way to the store. */
    private static final class Draft {
        final Descriptor descriptor;
        final EntityRef ref;
        final Map<String, Object> entity;
        final List<String> warnings;
        final String etag;
        String ifMatch;

        private Draft(Descriptor descriptor, EntityRef ref, Map<String, Object> entity, List<String> warnings,
                String etag) {
            this.descriptor = descriptor;
            this.ref = ref;
            this.entity = entity;
            this.warnings = warnings;
            this.etag = etag;
        }

        @SuppressWarnings("unchecked")
        static Draft of(BodyValidation.Valid valid) {
            Descriptor d = valid.descriptor();
            Map<String, Object> entity = (Map<String, Object>) d.root();
            Map<String, Object> metadata = (Map<String, Object>) entity.get("metadata");
            Object etag = metadata.get("etag");
            return new Draft(d, valid.ref(), entity, valid.problems().stream().map(Problem::message).toList(),
                    etag instanceof String s ? s : null);
        }

        /**
         * The entity as it will be stored: envelope fields in Backstage's order, the namespace filled in, the
         * catalog-set fields dropped, and the location annotations set (the origin is kept from the first
         * registration).
         */
        @SuppressWarnings("unchecked")
        Map<String, Object> body(Map<String, Object> previous) {
            Map<String, Object> in = (Map<String, Object>) entity.get("metadata");
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("namespace", in.get("namespace") == null ? EntityRef.DEFAULT_NAMESPACE
                    : String.valueOf(in.get("namespace")));
            metadata.put("name", String.valueOf(in.get("name")));
            in.forEach((k, v) -> {
                if (!CATALOG_SET.contains(k) && !k.equals("namespace") && !k.equals("name")) {
                    metadata.put(k, v);
                }
            });
            if (descriptor.location() != null) {
                Map<String, Object> annotations = new LinkedHashMap<>();
                if (metadata.get("annotations") instanceof Map<?, ?> a) {
                    annotations.putAll((Map<String, Object>) a);
                }
                String origin = descriptor.location();
                if (!origin.startsWith("api:") && annotations.get(MANAGED_BY_ORIGIN) instanceof String o) {
                    // A location's documents name the location they were registered through (set by its reader).
                    origin = o;
                } else if (previous != null && previous.get("metadata") instanceof Map<?, ?> pm
                        && pm.get("annotations") instanceof Map<?, ?> pa
                        && pa.get(MANAGED_BY_ORIGIN) instanceof String o) {
                    origin = o;
                }
                annotations.put(MANAGED_BY_LOCATION, descriptor.location());
                annotations.put(MANAGED_BY_ORIGIN, origin);
                metadata.put("annotations", annotations);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("apiVersion", entity.get("apiVersion"));
            out.put("kind", entity.get("kind"));
            out.put("metadata", metadata);
            if (entity.get("spec") != null) {
                out.put("spec", entity.get("spec"));
            }
            return out;
        }
    }
}
