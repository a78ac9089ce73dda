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
        return of(key, job, pipelineRef, RunState.SUCCEEDED, start, end, 2);
    }

    /** A run of the job {@code ns/<job>} that started and has not ended (as far as its events say). */
    public static Run running(String key, String job, String pipelineRef, Instant start) {
        return of(key, job, pipelineRef, RunState.RUNNING, start, null, 1);
    }

    private static Run of(
            String key, String job, String pipelineRef, RunState state, Instant start, Instant end, int events) {
        return new Run(
                1,
                "openlineage",
                key,
                new JobId("openlineage", "ns", job, null),
                pipelineRef,
                state,
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
                events,
                true);
    }
}
