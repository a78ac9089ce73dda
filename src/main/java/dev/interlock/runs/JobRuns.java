package dev.interlock.runs;

import dev.interlock.runs.ingest.JobId;

/**
 * A job's runs bound to one pipeline (or to none) in one row, as {@link RunStore#jobs()} reads them from the runs
 * themselves: the rebinding needs who reported them and where they are bound, not the runs.
 *
 * @param job who reported the runs
 * @param pipelineRef the pipeline they are bound to, or {@code null} when no pipeline claims them
 */
public record JobRuns(JobId job, String pipelineRef) {}
