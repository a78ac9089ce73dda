-- Indexes for the read side's most frequent questions (bench/README.md, "PostgreSQL": the plans before and after).

-- Reading an entity's relations (both directions, for a page of entities at once) looks rows up by source_ref and by
-- target_ref and needs the other two columns: with them in the indexes both lookups are answered from the indexes
-- alone (PostgreSQL's index-only scans, H2's covering indexes). Same leading columns, so every other use is kept.
DROP INDEX relations_source_idx;
CREATE INDEX relations_source_idx ON relations (source_ref, type, target_ref);
DROP INDEX relations_target_idx;
CREATE INDEX relations_target_idx ON relations (target_ref, type, source_ref);

-- Counting the entities of a kind (totalItems of every by-query with a kind filter) reads one index entry per entity.
-- An index of kind alone is a tenth the size of (kind, entity_ref), which stays for reading a kind in order.
CREATE INDEX entities_kind_only_idx ON entities (kind);
