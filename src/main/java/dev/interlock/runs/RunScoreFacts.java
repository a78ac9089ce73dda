package dev.interlock.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.runs.derive.Health;
import dev.interlock.runs.derive.HealthService;
import dev.interlock.scorecard.RunFacts;

/**
 * The {@code runs} variable of scorecard rules, from a pipeline's health: {@code reported}, {@code status},
 * {@code lastSuccessAgeHours}, {@code successRate30d}, {@code failing}, {@code late}, {@code missedTicks7d},
 * {@code durationP95Minutes}, {@code openEpisodeHours}, {@code mttrHours}, {@code upstreamStale}, {@code restorers},
 * {@code unnamedRestores} (restores by runs that name nobody), {@code manualShare30d}. Unknown numbers are -1.
 */
@ApplicationScoped
public class RunScoreFacts implements RunFacts {

    @Inject
    HealthService health;

    @Inject
    dev.interlock.runs.bind.PipelineDirectory directory;

    @Override
    public java.util.Collection<String> affectedBy(java.util.Collection<String> pipelines) {
        return health.withDownstream(pipelines, directory.current());
    }

    @Override
    public Map<EntityRef, Map<String, Object>> of(java.util.Collection<EntityRef> entities) {
        // One read of the runs of all of them (and what is upstream), then each health from what was read.
        health.warm(entities.stream().map(EntityRef::toString).toList());
        Map<EntityRef, Map<String, Object>> out = new java.util.HashMap<>();
        for (EntityRef entity : entities) {
            health.health(entity.toString()).map(RunScoreFacts::facts).ifPresent(f -> out.put(entity, f));
        }
        return out;
    }

    static Map<String, Object> facts(Health h) {
        if (h.status().equals("unknown") && h.lastRun() == null) {
            return NONE;
        }
        Map<String, Object> m = new LinkedHashMap<>(NONE);
        m.put("reported", h.lastRun() != null);
        m.put("status", h.status());
        m.put(
                "lastSuccessAgeHours",
                h.freshness().ageSeconds() == null ? -1.0 : h.freshness().ageSeconds() / 3600.0);
        m.put(
                "successRate30d",
                h.successRate().value() == null ? -1.0 : h.successRate().value());
        m.put("failing", h.status().equals("failing"));
        m.put("late", h.status().equals("late"));
        m.put("missedTicks7d", (long) h.missedTicks7d());
        m.put(
                "durationP95Minutes",
                h.duration().p95Seconds() == null ? -1.0 : h.duration().p95Seconds() / 60.0);
        m.put(
                "openEpisodeHours",
                h.episode().open() && h.episode().since() != null
                        ? Duration.between(Instant.parse(h.episode().since()), Instant.now())
                                        .toSeconds()
                                / 3600.0
                        : 0.0);
        m.put("mttrHours", h.mttrSeconds() == null ? -1.0 : h.mttrSeconds() / 3600.0);
        m.put("upstreamStale", !h.culprits().isEmpty());
        m.put("restorers", new ArrayList<Object>(h.restorers()));
        m.put("unnamedRestores", (long) h.unnamedRestores());
        m.put("manualShare30d", h.manualShare30d() == null ? 0.0 : h.manualShare30d());
        return m;
    }
}
