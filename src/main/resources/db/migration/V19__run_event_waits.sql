-- CDEvents task runs whose pipeline run is not known yet: kept raw in run_events (run_key NULL), and listed here with
-- the key that run will have (its id within the task run's source) until an event of that run folds them in and their
-- row here is deleted (their run_events row keeps run_key NULL). A table of its own rather than a column of run_events:
-- folding deletes a small row here instead of rewriting the event's row, which H2 copies whole, body and all, and a
-- body may be megabytes. Task runs kept raw before this migration are not listed and stay raw.
CREATE TABLE run_event_waits (
    format      VARCHAR(16)   NOT NULL,
    dedup_key   VARCHAR(700)  NOT NULL,
    waits_for   VARCHAR(700)  NOT NULL,
    event_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT run_event_waits_pk PRIMARY KEY (format, dedup_key),
    CONSTRAINT run_event_waits_event FOREIGN KEY (format, dedup_key)
        REFERENCES run_events (format, dedup_key) ON DELETE CASCADE
);
CREATE INDEX run_event_waits_key_idx ON run_event_waits (format, waits_for);
