package dev.interlock.catalog;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A place entities were read from, in Backstage's {@code {id, type, target}} shape. */
@Entity
@Table(name = "locations")
public class LocationRecord extends PanacheEntityBase {

    @Id
    public String id;

    /** {@code file} or {@code url}. */
    public String type;

    public String target;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** The location with this type and target, created when it does not exist yet. */
    public static LocationRecord ensure(String type, String target) {
        Optional<LocationRecord> existing = find("type = ?1 and target = ?2", type, target).firstResultOptional();
        if (existing.isPresent()) {
            return existing.get();
        }
        LocationRecord record = new LocationRecord();
        record.id = UUID.randomUUID().toString();
        record.type = type;
        record.target = target;
        record.createdAt = OffsetDateTime.now();
        record.persist();
        return record;
    }
}
