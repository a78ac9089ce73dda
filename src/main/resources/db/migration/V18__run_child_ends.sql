-- The latest end of each child (an Airflow task, a dbt model) of a run that only its children report, one line per
-- child: a task's retry that succeeds makes good its first try's failure. NULL for runs that report themselves and for
-- runs stored before: a failure of theirs stays.
ALTER TABLE runs ADD COLUMN child_ends VARCHAR;
