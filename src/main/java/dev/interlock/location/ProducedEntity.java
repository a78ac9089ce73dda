package dev.interlock.location;

import java.util.Collection;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import dev.interlock.descriptor.EntityRef;

/** Which location produces an entity (the first location to produce it keeps it), and where in it. */
@Entity
@Table(name = "location_entities")
public class ProducedEntity extends PanacheEntityBase {

    /** The entity's canonical reference. */
    @Id
    @Column(name = "entity_ref")
    public String entityRef;

    @Column(name = "location_id")
    public String locationId;

    /** The {@code kind: Location} entity that named its file, or {@code null} for the registered target. */
    @Column(name = "parent_ref")
    public String parentRef;

    /** The file it was read from. */
    @Column(name = "source_file")
    public String sourceFile;

    /** The rows of a location. */
    public static List<ProducedEntity> ofLocation(String locationId) {
        return list("locationId", locationId);
    }

    /** The rows of these entities. */
    public static List<ProducedEntity> ofRefs(Collection<EntityRef> refs) {
        return refs.isEmpty()
                ? List.of()
                : list("entityRef in ?1", refs.stream().map(EntityRef::toString).toList());
    }

    /** The row of an entity, or {@code null}. */
    public static ProducedEntity of(EntityRef ref) {
        return findById(ref.toString());
    }

    /** The entity as a reference. */
    public EntityRef ref() {
        return EntityRef.ofCanonical(entityRef);
    }
}
