-- A CDEvents task run whose pipeline run is not known yet is kept raw and waits for it: the key that run will have
-- (its id within the task run's source). The pipeline run's first event folds the waiting events in and clears this.
-- NULL for every other event; task runs kept raw before this migration stay raw.
ALTER TABLE run_events ADD COLUMN waits_for VARCHAR(700);
CREATE INDEX run_events_waits_idx ON run_events (format, waits_for);
