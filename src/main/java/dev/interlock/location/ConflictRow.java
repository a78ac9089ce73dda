package dev.interlock.location;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A location that produces an entity another location already has. */
@Entity
@Table(name = "location_conflicts")
@IdClass(ConflictRow.Key.class)
public class ConflictRow extends PanacheEntityBase {

    @Id
    @Column(name = "entity_ref")
    public String entityRef;

    /** The location that lost: it produces the entity but does not keep it. */
    @Id
    @Column(name = "location_id")
    public String locationId;

    /** The composite key. */
    public static class Key implements Serializable {
        public String entityRef;
        public String locationId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(k.entityRef, entityRef)
                    && Objects.equals(k.locationId, locationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entityRef, locationId);
        }
    }
}
