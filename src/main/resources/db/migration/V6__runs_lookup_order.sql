-- Batched ingestion looks up many dedup keys and run keys at once (key IN (...)). H2 only uses an index for an IN
-- list on the index's first column, so the unique keys lead with the key and end with the format. Same meaning.
ALTER TABLE run_events DROP CONSTRAINT run_events_dedup;
ALTER TABLE run_events ADD CONSTRAINT run_events_dedup UNIQUE (dedup_key, format);
ALTER TABLE runs DROP CONSTRAINT runs_key_unique;
ALTER TABLE runs ADD CONSTRAINT runs_key_unique UNIQUE (run_key, format);
