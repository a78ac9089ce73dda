package dev.interlock.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.model.Metadata;
import dev.interlock.model.Node;
import dev.interlock.validation.Problem;

/**
 * A valid document on its way to the store, and the body the catalog stores for it: the first step of registration
 * (normalise, then diff, check, store).
 *
 * @param descriptor the document as read
 * @param ref the entity it describes
 * @param entity the document as an entity
 * @param warnings registration's warnings about it
 * @param etag the etag its {@code metadata.etag} says it was read at, or {@code null}
 * @param ifMatch the etag the request's {@code If-Match} says the stored entity must have, or {@code null}
 */
record Draft(Descriptor descriptor, EntityRef ref, Entity entity, List<String> warnings, String etag, String ifMatch) {

    static Draft of(BodyValidation.Valid valid) {
        Entity entity = Entity.of(valid.descriptor().root());
        return new Draft(
                valid.descriptor(),
                valid.ref(),
                entity,
                valid.problems().stream().map(Problem::message).toList(),
                entity.metadata().etag(),
                null);
    }

    /** The same draft, to be stored only over the version with this etag ({@code *}: any stored version). */
    Draft withIfMatch(String etag) {
        return new Draft(descriptor, ref, entity, warnings, this.etag, etag);
    }

    /**
     * The entity as it will be stored: envelope fields in Backstage's order, the namespace filled in, the
     * catalog-set fields dropped, and the location annotations set (the origin is kept from the first
     * registration).
     *
     * @param previous the stored version, or {@code null} when the entity is new
     */
    Entity body(Entity previous) {
        Node in = entity.root().get("metadata");
        Map<String, Object> metadata = new LinkedHashMap<>();
        Node namespace = in.get("namespace");
        metadata.put(
                "namespace", namespace.isMissing() ? EntityRef.DEFAULT_NAMESPACE : String.valueOf(namespace.raw()));
        metadata.put("name", String.valueOf(in.get("name").raw()));
        in.fields().forEach((k, v) -> {
            if (!Metadata.CATALOG_SET.contains(k) && !k.equals("namespace") && !k.equals("name")) {
                metadata.put(k, v.raw());
            }
        });
        if (descriptor.location() != null) {
            Node written = in.get("annotations");
            Map<String, Object> annotations = new LinkedHashMap<>(written.asTree());
            String origin = descriptor.location();
            String writtenOrigin = written.get(Metadata.MANAGED_BY_ORIGIN).text();
            String previousOrigin =
                    previous == null ? null : previous.metadata().annotation(Metadata.MANAGED_BY_ORIGIN);
            if (!origin.startsWith("api:") && writtenOrigin != null) {
                // A location's documents name the location they were registered through (set by its reader).
                origin = writtenOrigin;
            } else if (previousOrigin != null) {
                origin = previousOrigin;
            }
            annotations.put(Metadata.MANAGED_BY_LOCATION, descriptor.location());
            annotations.put(Metadata.MANAGED_BY_ORIGIN, origin);
            metadata.put("annotations", annotations);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apiVersion", entity.root().get("apiVersion").raw());
        out.put("kind", entity.root().get("kind").raw());
        out.put("metadata", metadata);
        if (!entity.spec().isMissing()) {
            out.put("spec", entity.spec().raw());
        }
        return Entity.of(out);
    }
}
