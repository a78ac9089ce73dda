-- Whether a run has reported events of its own, not only its children's (an Airflow DAG run, not just its tasks):
-- once it has, its own terminal event decides its state, and a child's failure (an Airflow task's try that is retried)
-- no longer ends it. NULL for runs stored before (and imported from exports made before) is read as true: their state
-- stays what it was.
ALTER TABLE runs ADD COLUMN reports_itself BOOLEAN;
