package dev.interlock.runs;

import dev.interlock.runs.ingest.JobId;

/**
 * A job's runs bound to one pipeline (or to none) in one row, as the table of jobs ({@link RunJobs#all()}) or the runs
 * themselves ({@link RunStore#jobs()}) give it: the rebinding needs who reported them and where they are bound, not the
 * runs.
 *
 * @param key the job's key as the runs store it (cut to its column)
 * @param job who reported the runs
 * @param pipelineRef the pipeline they are bound to, or {@code null} when no pipeline claims them
 */
public record JobRuns(String key, JobId job, String pipelineRef) {}
