-- CDEvents task runs whose pipeline run is not known yet: kept raw in run_events (run_key NULL), and listed here with
-- the pipeline run they wait for (its id qualified by the task run's source, whatever key the run is later stored
-- under) until an event of that run folds them in and their row here is deleted (their run_events row keeps run_key
-- NULL). A table of its own rather than a column of run_events: folding deletes a small row here instead of rewriting
-- the event's row, which H2 copies whole, body and all, and a body may be megabytes. No foreign key: an archive's
-- wait without its event is harmless (it is read joined to its event), and retention deletes both by event time.
-- Keys lead with the column an IN list names (H2 uses an index for IN only on its first column). Task runs kept raw
-- before this migration are not listed and stay raw.
CREATE TABLE run_event_waits (
    format      VARCHAR(16)   NOT NULL,
    dedup_key   VARCHAR(700)  NOT NULL,
    waits_for   VARCHAR(700)  NOT NULL,
    event_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT run_event_waits_pk PRIMARY KEY (dedup_key, format)
);
CREATE INDEX run_event_waits_key_idx ON run_event_waits (waits_for, format);
CREATE INDEX run_event_waits_time_idx ON run_event_waits (event_time);
