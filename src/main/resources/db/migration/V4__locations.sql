-- Locations that are read and kept in sync (locations.md). Portable between H2 (2.x) and PostgreSQL.

-- Who registered a location (its scheduled refresh writes with their rights) and its state.
ALTER TABLE locations ADD COLUMN registered_by VARCHAR(300);
ALTER TABLE locations ADD COLUMN registered_roles VARCHAR(300);
ALTER TABLE locations ADD COLUMN last_read_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE locations ADD COLUMN last_changed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE locations ADD COLUMN next_refresh_at TIMESTAMP WITH TIME ZONE;
-- The last read's error (NULL when it succeeded) and its problems and conflicts as a JSON list.
ALTER TABLE locations ADD COLUMN last_error VARCHAR;
ALTER TABLE locations ADD COLUMN problems VARCHAR;
ALTER TABLE locations ADD COLUMN entity_count INTEGER DEFAULT 0 NOT NULL;
-- Every file the last good read used (the target, nested Location targets, placeholder files) with the validators
-- of its answer (ETag, Last-Modified), as a JSON list: a refresh asks each conditionally.
ALTER TABLE locations ADD COLUMN files VARCHAR;
CREATE INDEX locations_next_refresh_idx ON locations (next_refresh_at);

-- Which location produces which entity (one location per entity: the first keeps it), and the Location entity
-- (or the registered location itself, parent_ref NULL) that named its file: the entity's ancestry.
CREATE TABLE location_entities (
    entity_ref      VARCHAR(300)  NOT NULL PRIMARY KEY,
    location_id     VARCHAR(36)   NOT NULL,
    parent_ref      VARCHAR(300),
    source_file     VARCHAR(2000) NOT NULL
);
CREATE INDEX location_entities_location_idx ON location_entities (location_id);

-- A location that produces an entity another location already has: the first keeps it, the conflict is kept here
-- (shown on the entity and on both locations) until the second stops producing it or the first lets it go.
CREATE TABLE location_conflicts (
    entity_ref      VARCHAR(300)  NOT NULL,
    location_id     VARCHAR(36)   NOT NULL,
    CONSTRAINT location_conflicts_pk PRIMARY KEY (entity_ref, location_id)
);
CREATE INDEX location_conflicts_location_idx ON location_conflicts (location_id);
