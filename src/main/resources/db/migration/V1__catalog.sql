-- Interlock catalog schema. Portable between H2 (2.x) and PostgreSQL: VARCHAR without a length is unbounded in both.

-- One row per entity. body is the entity as served (JSON, without relations); source is the text registered.
CREATE TABLE entities (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    entity_ref      VARCHAR(300) NOT NULL,
    kind            VARCHAR(63)  NOT NULL,
    namespace       VARCHAR(63)  NOT NULL,
    name            VARCHAR(63)  NOT NULL,
    api_version     VARCHAR(300) NOT NULL,
    etag            VARCHAR(64)  NOT NULL,
    generation      BIGINT       NOT NULL,
    version         BIGINT       NOT NULL,
    body            VARCHAR      NOT NULL,
    source          VARCHAR,
    warnings        VARCHAR,
    location        VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(300) NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by      VARCHAR(300) NOT NULL,
    CONSTRAINT entities_ref_unique UNIQUE (entity_ref)
);
CREATE INDEX entities_kind_idx ON entities (kind, entity_ref);
CREATE INDEX entities_name_idx ON entities (name);

-- Flattened fields of every entity (Backstage's search table): key is the lower-case dotted path, value the
-- lower-case value (NULL for values too long to index), original_value the value as written when it differs
-- from the lower-case one (for facets).
CREATE TABLE search (
    entity_id       VARCHAR(36)  NOT NULL,
    search_key      VARCHAR(200) NOT NULL,
    search_value    VARCHAR(200),
    original_value  VARCHAR(200)
);
-- original_value is in the index so that facet counts are answered from the index alone.
CREATE INDEX search_key_value_idx ON search (search_key, search_value, entity_id, original_value);
CREATE INDEX search_entity_idx ON search (entity_id);

-- Relations as specs declare them, one row each; source_ref is the entity whose spec declares it. The inverse
-- (ownerOf for ownedBy) is the same row read the other way round. target_ref may name an entity that is not (yet)
-- in the catalog: it resolves when that entity arrives.
CREATE TABLE relations (
    source_ref            VARCHAR(300) NOT NULL,
    type                  VARCHAR(63)  NOT NULL,
    target_ref            VARCHAR(300) NOT NULL
);
CREATE INDEX relations_source_idx ON relations (source_ref, type);
CREATE INDEX relations_target_idx ON relations (target_ref, type);

-- Every change to an entity: who, when, what.
CREATE SEQUENCE entity_history_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE entity_history (
    id              BIGINT       NOT NULL PRIMARY KEY,
    entity_id       VARCHAR(36)  NOT NULL,
    entity_ref      VARCHAR(300) NOT NULL,
    action          VARCHAR(16)  NOT NULL,
    actor           VARCHAR(300) NOT NULL,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    generation      BIGINT       NOT NULL,
    etag            VARCHAR(64)  NOT NULL,
    changed_fields  VARCHAR,
    body            VARCHAR
);
CREATE INDEX entity_history_entity_idx ON entity_history (entity_ref, id);

-- Places entities were read from (the example catalog's folder, registered files).
CREATE TABLE locations (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    type            VARCHAR(63)   NOT NULL,
    target          VARCHAR(2000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT locations_unique UNIQUE (type, target)
);
