package dev.interlock.catalog;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An entity of the catalog as stored: its identity (uid, canonical reference), its version (etag, generation),
 * the body served by the API and the text it was registered from. Kind, namespace and name are kept lower-case
 * here for lookups; the body keeps them as written.
 */
@Entity
@Table(name = "entities")
public class CatalogEntity extends PanacheEntityBase {

    /** The entity's uid, stable across updates. */
    @Id
    public String id;

    /** Canonical lower-case reference, {@code kind:namespace/name}. */
    @Column(name = "entity_ref")
    public String entityRef;

    public String kind;
    public String namespace;
    public String name;

    @Column(name = "api_version")
    public String apiVersion;

    /** Changes on every change of the entity. */
    public String etag;

    /** Incremented when the spec changes (Backstage's rule). */
    public long generation;

    /** Optimistic lock for concurrent updates of the same row. */
    @Version
    public long version;

    /** The entity as served, JSON, without relations (they are computed from the relations table). */
    public String body;

    /** The document as registered (YAML or JSON text). */
    public String source;

    /** Warnings found at registration, one per line. */
    public String warnings;

    /** Where the entity came from ({@code api:alice}, {@code file:catalog-examples/org.yaml}). */
    public String location;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    /** The entities with these canonical references. */
    public static List<CatalogEntity> findByRefs(List<String> refs) {
        return list("entityRef in ?1 order by entityRef", refs);
    }
}
