package dev.interlock.runs.derive;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.runs.Run;
import dev.interlock.runs.RunStore;
import dev.interlock.runs.bind.PipelineInfo;

/**
 * A pipeline's runs as the runs API and the Runs tab show them: each run's view, late runs marked with the schedule
 * tick they came late for (which takes the runs around the page, not the page alone).
 */
@ApplicationScoped
public class RunViews {

    @Inject
    RunStore store;

    /** A page of a pipeline's runs as the API and pages show them, late runs marked with the tick they were for. */
    public List<Health.RunView> of(PipelineInfo p, List<Run> page) {
        Instant now = Instant.now();
        Instant oldest = page.stream()
                .map(Run::sortTime)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(now);
        // Ticks are looked at up to now at most, whatever times the runs carry.
        Instant newest = page.stream()
                .map(Run::sortTime)
                .filter(Objects::nonNull)
                .filter(t -> t.isBefore(now))
                .max(Comparator.naturalOrder())
                .orElse(now);
        // The ticks before the page's oldest run may be the ones its first runs came late for.
        List<Run> around = store.since(p.ref(), oldest.minus(Duration.ofDays(2))).stream()
                .filter(r -> r.sortTime() == null || !r.sortTime().isAfter(newest))
                .toList();
        Map<String, Instant> late = LateRuns.of(p, around, newest);
        return page.stream()
                .map(r -> Health.RunView.of(r, late.get(r.runKey()), p.judges(r)))
                .toList();
    }
}
