package dev.interlock.runs.derive;

import java.time.Instant;
import java.util.List;

import dev.interlock.runs.Run;

/**
 * A pipeline's health from its own runs alone (before looking upstream), with the runs each figure comes from. Only
 * the last run and the last success are kept whole; other evidence is kept as run ids or times (at most
 * {@code interlock.runs.health.evidence} of each), since the figures of every pipeline stay in memory.
 *
 * @param status failing, late, degraded, healthy or unknown
 * @param lastRunLateFor the tick the last run came late for, or {@code null} (the runs themselves are not kept:
 *        figures of thousands of pipelines stay in memory)
 * @param successes when its succeeded runs ended, oldest first (for the effective data time)
 * @param missedTicks7d how many runs were missed in the last 7 days
 * @param missedTicks7dShown the ticks of the first of them, oldest first
 * @param finished30d succeeded + failed + missed runs of the last 30 days
 * @param failed30d the ids of the first failed and missed ones among them
 * @param p95Run the id of the run whose duration is the p95
 * @param durationBreached whether the p95 duration is over the SLO
 * @param overrunning how many runs are still going longer than the duration SLO (see {@code HealthCalculator.going})
 * @param overrunningRuns the ids of the first of them, oldest first
 * @param episodeRuns how many runs the open failure episode has
 * @param episodeRunIds the ids of its first runs
 * @param restorers who restored each closed episode of the last 90 days, when the source named them
 * @param unnamedRestores how many of those episodes were restored by a run that names nobody
 * @param validUntil when the figures may change with no new run: a freshness SLO running out, a run leaving a 7-, 30-
 *        or 90-day window, a run still going reaching the duration SLO, the next schedule tick's window closing (checked at least every minute)
 */
public record OwnHealth(
        String status,
        List<String> reasons,
        Instant lastRunLateFor,
        SuccessTimes successes,
        Run lastRun,
        Run lastSuccess,
        Long ageSeconds,
        Long freshnessSloSeconds,
        boolean freshnessBreached,
        Double successRate,
        Double successRateSlo,
        int finished30d,
        List<String> failed30d,
        boolean successRateBreached,
        Long p50Seconds,
        Long p95Seconds,
        Long maxDurationSloSeconds,
        boolean durationBreached,
        String p95Run,
        int overrunning,
        List<String> overrunningRuns,
        int missedTicks7d,
        List<Instant> missedTicks7dShown,
        boolean lastTickMissed,
        boolean episodeOpen,
        Instant episodeSince,
        int episodeRuns,
        List<String> episodeRunIds,
        Long mttrSeconds,
        List<String> restorers,
        int unnamedRestores,
        Double manualShare30d,
        int runs30d,
        Instant validUntil) {

    /**
     * At most this many run ids or ticks are kept as the evidence of one figure, by default
     * ({@code interlock.runs.health.evidence}).
     */
    public static final int EVIDENCE = 50;

    /** The last successful run that ended at or before a time, or {@code null}. */
    public SuccessTimes.Success lastSuccessAt(Instant asOf) {
        return successes.lastAt(asOf);
    }

    /** Whether it is failing or late by its own runs. */
    public boolean bad() {
        return status.equals("failing") || status.equals("late");
    }
}
