package dev.interlock.registration;

import java.time.OffsetDateTime;
import java.util.UUID;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.catalog.EntityJson;
import dev.interlock.catalog.Uids;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;

/** The entity rows registration writes: a new row for a new entity, and the stored fields of every write. */
final class EntityRows {

    private EntityRows() {}

    /** A row for an entity the catalog does not have yet: a new uid, generation 1. */
    static CatalogEntity created(EntityRef ref, String actor, OffsetDateTime now) {
        CatalogEntity e = new CatalogEntity();
        e.id = Uids.next();
        e.entityRef = ref.toString();
        e.kind = ref.kind();
        e.namespace = ref.namespace();
        e.name = ref.name();
        e.generation = 1;
        e.createdAt = now;
        e.createdBy = actor;
        return e;
    }

    /** Sets the stored fields of a row, with a new etag; returns the body as served (identity and status filled). */
    static Entity fill(CatalogEntity e, Draft draft, Entity body, String actor, OffsetDateTime now, EntityJson json) {
        e.apiVersion = body.apiVersion();
        e.etag = UUID.randomUUID().toString().replace("-", "");
        e.source = draft.descriptor().source();
        e.warnings = draft.warnings().isEmpty() ? null : String.join("\n", draft.warnings());
        e.location = draft.descriptor().location();
        e.updatedAt = now;
        e.updatedBy = actor;
        Entity served = ServedBody.of(body, e, draft.warnings());
        e.body = json.write(served);
        return served;
    }
}
