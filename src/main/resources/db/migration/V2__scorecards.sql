-- Scorecard results: the current one per (entity, scorecard), and every evaluation for the trend over time.
CREATE TABLE scorecard_results (
    entity_ref      VARCHAR(300) NOT NULL,
    scorecard_ref   VARCHAR(300) NOT NULL,
    level           VARCHAR(63),
    result          VARCHAR      NOT NULL,
    evaluated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT scorecard_results_pk PRIMARY KEY (scorecard_ref, entity_ref)
);
CREATE INDEX scorecard_results_entity_idx ON scorecard_results (entity_ref);

CREATE TABLE scorecard_history (
    scorecard_ref   VARCHAR(300) NOT NULL,
    entity_ref      VARCHAR(300) NOT NULL,
    level           VARCHAR(63),
    passed          INTEGER      NOT NULL,
    failed          INTEGER      NOT NULL,
    evaluated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX scorecard_history_idx ON scorecard_history (scorecard_ref, evaluated_at);
