-- A run's state is one of the words RunState knows. Imports of earlier builds stored runs in any state, and a pipeline
-- holding one answered 500 on its runs and health from then on: those rows are removed (they never were a run the
-- catalog could show), and the database refuses such a state from now on, whatever writes it.
DELETE FROM runs
WHERE state NOT IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'skipped', 'missed');
ALTER TABLE runs ADD CONSTRAINT runs_state_known
    CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'skipped', 'missed'));
