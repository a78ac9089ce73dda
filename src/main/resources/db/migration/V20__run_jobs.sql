-- The jobs that have runs, one row per job and pipeline its runs are bound to ('' while no pipeline claims them), with
-- when the job was last heard from: kept by the run writer as it stores runs, so that the list of unclaimed jobs reads
-- a row per job instead of every unclaimed run (200,000 runs of 5,000 jobs: seconds on H2 after each run event). Rows
-- follow the runs: the ingest adds and advances them, the rebinding and retention compute a job's rows again from its
-- runs, an import all of them. Missed schedule ticks (format 'schedule') are not jobs. Not exported: an import builds
-- it from the runs it restores.
CREATE TABLE run_jobs (
    job_key        VARCHAR(1000) NOT NULL,
    bound_to       VARCHAR(300)  NOT NULL,
    format         VARCHAR(16)   NOT NULL,
    job_namespace  VARCHAR(500)  NOT NULL,
    job_name       VARCHAR(500)  NOT NULL,
    job_alt        VARCHAR(500),
    last_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT run_jobs_pk PRIMARY KEY (job_key, bound_to)
);
CREATE INDEX run_jobs_bound_idx ON run_jobs (bound_to);

-- A job's last sighting is its latest run's start, or a later end or final state of any of its runs.
INSERT INTO run_jobs (job_key, bound_to, format, job_namespace, job_name, job_alt, last_seen)
SELECT job_key, COALESCE(pipeline_ref, ''), MIN(format), MIN(job_namespace), MIN(job_name), MIN(job_alt),
       MAX(GREATEST(sort_time, COALESCE(ended_at, sort_time), COALESCE(terminal_at, sort_time)))
FROM runs
WHERE format <> 'schedule'
GROUP BY job_key, COALESCE(pipeline_ref, '');
