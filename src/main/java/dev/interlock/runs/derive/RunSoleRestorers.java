package dev.interlock.runs.derive;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.pipeline.SinglePointsOfFailure;
import dev.interlock.pipeline.SoleRestorers;
import dev.interlock.runs.RunsConfig;

/**
 * {@link SoleRestorers} from the figures the health cache keeps for every pipeline: who restored each closed failure
 * of the last 90 days, read through {@link SinglePointsOfFailure#soleRestorer}. The whole answer is kept until runs
 * change, and at most {@code interlock.runs.health.status-age} while they keep changing, as a table's statuses are:
 * lists that filter by single points of failure ask for it on every page.
 */
@ApplicationScoped
public class RunSoleRestorers implements SoleRestorers {

    /** The whole answer, as of a runs stamp and a time. */
    private record Kept(Map<String, String> byPipeline, long stamp, Instant at) {}

    @Inject
    HealthService health;

    @Inject
    RunsConfig config;

    private volatile Kept kept;

    @Override
    public Map<String, String> all() {
        Kept k = kept;
        Instant now = Instant.now();
        long stamp = health.runsStamp();
        if (k == null
                || (k.stamp() != stamp
                        && k.at().plus(config.health().statusAge()).isBefore(now))) {
            k = new Kept(sole(health.restorers()), stamp, now);
            kept = k;
        }
        return k.byPipeline();
    }

    @Override
    public Map<String, String> of(Collection<String> pipelines) {
        return pipelines.isEmpty() ? Map.of() : sole(health.restorers(pipelines));
    }

    private static Map<String, String> sole(Map<String, List<String>> restorers) {
        Map<String, String> out = new TreeMap<>();
        restorers.forEach((pipeline, who) ->
                SinglePointsOfFailure.soleRestorer(who).ifPresent(person -> out.put(pipeline, person)));
        return Collections.unmodifiableMap(out);
    }
}
