package dev.interlock.runs;

import java.time.Instant;

import dev.interlock.runs.ingest.JobId;

/** Runs built in memory for unit tests: an OpenLineage run with only the fields a test sets. */
public final class TestRuns {

    private TestRuns() {}

    /**
     * A succeeded OpenLineage run of the job {@code ns/<job>}.
     *
     * @param pipelineRef the pipeline it is bound to, or {@code null}
     * @param end when it ended, or {@code null} (a job's row of {@link RunStore#unboundJobs()} has none)
     */
    public static Run succeeded(String key, String job, String pipelineRef, Instant start, Instant end) {
        return new Run(
                1,
                "openlineage",
                key,
                new JobId("openlineage", "ns", job, null),
                pipelineRef,
                RunState.SUCCEEDED,
                end,
                null,
                start,
                end,
                null,
                null,
                null,
                null,
                false,
                false,
                null,
                null,
                null,
                2,
                true);
    }
}
