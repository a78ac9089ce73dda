package dev.interlock.runs;

import java.time.Duration;
import java.time.Instant;

import dev.interlock.runs.ingest.JobId;

/**
 * One run of a pipeline (or of a job no pipeline claims yet), folded from its events by event time.
 *
 * @param runKey the run's identity within its format (OpenLineage runId, CDEvents subject id, GitHub run id and
 *        attempt, or the tick of a missed run)
 * @param terminalAt event time of the terminal event that set the state (the latest one wins); in a run only its
 *        children report, their latest end, kept while a child that started after it runs
 * @param reportsItself whether the run has reported events of its own, not only its children's (rolled up into it):
 *        then only its own terminal event ends it, and a child's failure is its error, not its end
 * @param branch the branch the run built (GitHub), or {@code null} when its format carries none
 * @param branchKind what {@code branch} is: the main line, another branch, a proposed change; {@code null} when unknown
 * @param childEnds the latest end (and of a run only its children report, the latest start) of each child (see
 *        {@code dev.interlock.runs.ingest.ChildEnds}), or {@code null}
 */
public record Run(
        long id,
        String format,
        String runKey,
        JobId job,
        String pipelineRef,
        RunState state,
        Instant terminalAt,
        Instant queuedAt,
        Instant startedAt,
        Instant endedAt,
        Instant nominalTime,
        String trigger,
        String actor,
        Integer attempt,
        boolean manual,
        boolean infraError,
        String url,
        String error,
        String datasets,
        int events,
        boolean reportsItself,
        String branch,
        BranchKind branchKind,
        String childEnds) {

    /** The time a run is ordered by: when it started, else was queued, else ended, else its tick. */
    public Instant sortTime() {
        return first(startedAt, queuedAt, endedAt, nominalTime);
    }

    /**
     * As of when it read its inputs: its start, or its end when it has no start or one stamped after its end (the
     * START and the end of one run sent by clocks that disagree: the end is the last moment it can have read them).
     */
    public Instant readInputsAt() {
        return startedAt != null && startedAt.isBefore(finishedAt()) ? startedAt : finishedAt();
    }

    /** How long it ran, when it both started and ended. */
    public Duration duration() {
        return startedAt != null && endedAt != null && !endedAt.isBefore(startedAt)
                ? Duration.between(startedAt, endedAt)
                : null;
    }

    /** Whether it counts as finished for success rates: succeeded, failed or missed. */
    public boolean finished() {
        return state == RunState.SUCCEEDED || state == RunState.FAILED || state == RunState.MISSED;
    }

    /**
     * Whether it is a missed tick of the pipeline's schedule, which the missed-run job stores with the tick as its
     * nominal time (a missed run without one, read from a hand-edited archive, names no tick).
     */
    public boolean missedTick() {
        return state == RunState.MISSED && nominalTime != null;
    }

    /** Whether it counts as a failure (failed or missed). */
    public boolean bad() {
        return state == RunState.FAILED || state == RunState.MISSED;
    }

    /** When it finished (for missed runs: the end of the tick's window, or the tick). */
    public Instant finishedAt() {
        return first(endedAt, terminalAt, sortTime());
    }

    public Run withPipeline(String ref) {
        return new Run(
                id,
                format,
                runKey,
                job,
                ref,
                state,
                terminalAt,
                queuedAt,
                startedAt,
                endedAt,
                nominalTime,
                trigger,
                actor,
                attempt,
                manual,
                infraError,
                url,
                error,
                datasets,
                events,
                reportsItself,
                branch,
                branchKind,
                childEnds);
    }

    @SafeVarargs
    static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
