package dev.interlock.runs;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

import dev.interlock.runs.ingest.JobId;

/**
 * A job's runs bound to one pipeline (or to none) in one row, as {@link RunStore#jobs()} reads them: the rebinding and
 * the list of unclaimed jobs need who reported them and when, not the runs.
 *
 * @param job who reported the runs
 * @param pipelineRef the pipeline they are bound to, or {@code null} when no pipeline claims them
 * @param runs how many
 * @param latestStart the latest run's start (its sort time)
 * @param latestEnd the latest end any of them reported, or {@code null}
 * @param latestTerminal the latest time any of them reached a final state, or {@code null}
 */
public record JobRuns(
        JobId job, String pipelineRef, long runs, Instant latestStart, Instant latestEnd, Instant latestTerminal) {

    /**
     * When the job was last heard from: its latest run's start, or a later end. A job whose one long run has just ended
     * was seen now, not when that run began.
     */
    public Instant lastSeen() {
        return Stream.of(latestEnd, latestTerminal)
                .filter(Objects::nonNull)
                .filter(t -> t.isAfter(latestStart))
                .max(Comparator.naturalOrder())
                .orElse(latestStart);
    }
}
