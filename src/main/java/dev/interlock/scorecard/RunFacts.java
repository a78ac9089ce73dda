package dev.interlock.scorecard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.interlock.descriptor.EntityRef;

/**
 * The {@code runs} variable of scorecard rules: what an entity's reported runs say (see
 * {@code dev.interlock.runs.RunScoreFacts}). An entity without runs sees {@link #NONE}.
 */
public interface RunFacts {

    /**
     * The runs variable of each of these entities (a map: it is handed to CEL as it is), read together so that a slice
     * of scoring costs one read of runs rather than one per entity; entities without runs may be left out.
     */
    Map<EntityRef, Map<String, Object>> of(java.util.Collection<EntityRef> entities);

    /**
     * What a change to these pipelines' runs may change the runs variable of: the pipelines and what reads from them
     * downstream (their {@code upstreamStale}).
     */
    default java.util.Collection<String> affectedBy(java.util.Collection<String> pipelines) {
        return pipelines;
    }

    /** What a rule sees for an entity without reported runs: {@code reported} false, numbers -1. */
    Map<String, Object> NONE = none();

    private static Map<String, Object> none() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reported", false);
        m.put("status", "unknown");
        m.put("lastSuccessAgeHours", -1.0);
        m.put("successRate30d", -1.0);
        m.put("failing", false);
        m.put("late", false);
        m.put("missedTicks7d", 0L);
        m.put("durationP95Minutes", -1.0);
        m.put("openEpisodeHours", 0.0);
        m.put("mttrHours", -1.0);
        m.put("episodes90d", 0L);
        m.put("upstreamStale", false);
        m.put("restorers", List.of());
        m.put("unnamedRestores", 0L);
        m.put("manualShare30d", 0.0);
        return Map.copyOf(m);
    }
}
