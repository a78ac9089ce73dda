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

    /** The account that registered it; its scheduled refresh writes with this account's rights. */
    @Column(name = "registered_by")
    public String registeredBy;

    /** That account's roles when it registered the location, comma-separated. */
    @Column(name = "registered_roles")
    public String registeredRoles;

    /**
     * With single sign-on, the e-mail address the registrant's token verified when she registered (or last changed)
     * the location, or {@code null}: it finds her catalog User when no User has her account's name.
     */
    @Column(name = "registered_email")
    public String registeredEmail;

    /**
     * With single sign-on and a groups claim configured, the teams her token asserted then, comma-separated, or
     * {@code null}.
     */
    @Column(name = "registered_groups")
    public String registeredGroups;

    /** When it was last read (successfully or not). */
    @Column(name = "last_read_at")
    public OffsetDateTime lastReadAt;

    /** When a read last changed the catalog. */
    @Column(name = "last_changed_at")
    public OffsetDateTime lastChangedAt;

    /** When the scheduled refresh reads it next. */
    @Column(name = "next_refresh_at")
    public OffsetDateTime nextRefreshAt;

    /** The error of the last read, or {@code null} when it succeeded. */
    @Column(name = "last_error")
    public String lastError;

    /** The problems and conflicts of the last read, a JSON list. */
    public String problems;

    /** How many entities it produces. */
    @Column(name = "entity_count")
    public int entityCount;

    /** The files of the last good read with their validators, a JSON list. */
    public String files;

    /** The location with this type and target, created when it does not exist yet. */
    public static LocationRecord ensure(String type, String target) {
        Optional<LocationRecord> existing =
                find("type = ?1 and target = ?2", type, target).firstResultOptional();
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
