package dev.interlock.runs.derive;

import java.time.Instant;
import java.util.List;

import dev.interlock.runs.Run;

/**
 * A pipeline's health from its own runs alone (before looking upstream), with the runs each figure comes from.
 *
 * @param status failing, late, degraded, healthy or unknown
 * @param lastRunLateFor the tick the last run came late for, or {@code null} (the runs themselves are not kept:
 *        figures of thousands of pipelines stay in memory)
 * @param successes its succeeded runs, oldest first (for the effective data time)
 * @param missedTicks7d the missed runs of the last 7 days
 * @param finished30d succeeded + failed + missed runs of the last 30 days
 * @param failed30d the failed and missed ones among them
 * @param p95Run the run whose duration is the p95
 * @param episodeRuns the runs of the open failure episode
 * @param restorers who restored each closed episode of the last 90 days, when the source named them
 * @param validUntil when the figures may change with no new run: a freshness SLO running out, a run leaving a 7-, 30-
 *        or 90-day window, the next schedule tick's window closing (checked at least every minute)
 */
public record OwnHealth(String status, List<String> reasons, Instant lastRunLateFor, List<Run> successes, Run lastRun,
        Run lastSuccess, Long ageSeconds, Long freshnessSloSeconds, boolean freshnessBreached, Double successRate,
        Double successRateSlo, int finished30d, List<Run> failed30d, boolean successRateBreached, Long p50Seconds,
        Long p95Seconds, Long maxDurationSloSeconds, boolean durationBreached, Run p95Run, List<Run> missedTicks7d,
        boolean lastTickMissed, boolean episodeOpen, Instant episodeSince, List<Run> episodeRuns, Long mttrSeconds,
        List<String> restorers, Double manualShare30d, int runs30d, Instant validUntil) {

    /** The last successful run that ended at or before a time, or {@code null}. */
    public Run lastSuccessAt(Instant asOf) {
        Run found = null;
        for (Run r : successes) {
            Instant end = r.finishedAt();
            if (asOf == null || !end.isAfter(asOf)) {
                found = r;
            }
        }
        return found;
    }

    /** Whether it is failing or late by its own runs. */
    public boolean bad() {
        return status.equals("failing") || status.equals("late");
    }
}
