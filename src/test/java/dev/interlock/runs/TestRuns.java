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
     * @param end when it ended, or {@code null}
     */
    public static Run succeeded(String key, String job, String pipelineRef, Instant start, Instant end) {
        return of(key, job, pipelineRef, RunState.SUCCEEDED, start, end, 2, true);
    }

    /** A succeeded run that names the schedule tick it is for ({@code nominalTime}). */
    public static Run succeededFor(String key, String pipelineRef, Instant nominal, Instant start, Instant end) {
        Run r = succeeded(key, "p", pipelineRef, start, end);
        return with(r, r.queuedAt(), nominal);
    }

    /** The run without the tick it names ({@code nominalTime} null), as a hand-edited archive may hold it. */
    public static Run withoutTick(Run r) {
        return with(r, r.queuedAt(), null);
    }

    /** The run with these queueing and tick times. */
    private static Run with(Run r, Instant queuedAt, Instant nominal) {
        return new Run(
                r.id(),
                r.format(),
                r.runKey(),
                r.job(),
                r.pipelineRef(),
                r.state(),
                r.terminalAt(),
                queuedAt,
                r.startedAt(),
                r.endedAt(),
                nominal,
                r.trigger(),
                r.actor(),
                r.attempt(),
                r.manual(),
                r.infraError(),
                r.url(),
                r.error(),
                r.datasets(),
                r.events(),
                r.reportsItself(),
                r.branch(),
                r.branchKind(),
                r.childEnds());
    }

    /** A run of the job {@code ns/<job>} that started and has not ended (as far as its events say). */
    public static Run running(String key, String job, String pipelineRef, Instant start) {
        return of(key, job, pipelineRef, RunState.RUNNING, start, null, 1, true);
    }

    /** A run queued at {@code queued} that nothing has started yet (as far as its events say). */
    public static Run queued(String key, String job, String pipelineRef, Instant queued) {
        return with(of(key, job, pipelineRef, RunState.QUEUED, null, null, 1, true), queued, null);
    }

    /**
     * A run folded from its tasks' events alone (a producer that reports only its tasks): it stays running after they
     * all succeed, as nothing reports its own end.
     */
    public static Run runningFromItsTasksOnly(String key, String job, String pipelineRef, Instant start) {
        return of(key, job, pipelineRef, RunState.RUNNING, start, null, 2, false);
    }

    private static Run of(
            String key,
            String job,
            String pipelineRef,
            RunState state,
            Instant start,
            Instant end,
            int events,
            boolean reportsItself) {
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
                reportsItself,
                null,
                null,
                null);
    }
}
