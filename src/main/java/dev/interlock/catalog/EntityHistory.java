package dev.interlock.catalog;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One change to an entity: who made it, when, which fields changed, and the entity as it was afterwards. */
@Entity
@Table(name = "entity_history")
public class EntityHistory extends PanacheEntityBase {

    /** What happened to the entity. */
    public enum Action {
        CREATED,
        UPDATED,
        DELETED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entity_history_seq")
    @SequenceGenerator(name = "entity_history_seq", sequenceName = "entity_history_seq", allocationSize = 50)
    public Long id;

    @Column(name = "entity_id")
    public String entityId;

    @Column(name = "entity_ref")
    public String entityRef;

    /** {@code created}, {@code updated} or {@code deleted}. */
    public String action;

    /** Who made the change: a user name, or {@code system} for the example catalog. */
    public String actor;

    public OffsetDateTime at;

    public long generation;

    public String etag;

    /** Comma-separated dotted paths of the fields that changed ({@code spec.owner,metadata.tags}). */
    @Column(name = "changed_fields")
    public String changedFields;

    /** The entity before the change (JSON); {@code null} for a creation, whose version is the next one's. */
    public String body;

    /** The changes of one entity, newest first. */
    public static List<EntityHistory> forRef(String entityRef, int limit) {
        return find("entityRef = ?1 order by id desc", entityRef).page(0, limit).list();
    }
}
