package dev.interlock.runs.derive;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.pipeline.SinglePointsOfFailure;
import dev.interlock.pipeline.SoleRestorers;
import dev.interlock.runs.RunsConfig;

/**
 * {@link SoleRestorers} from the figures the health cache keeps for every pipeline: who restored each closed failure
 * of the last 90 days, read through {@link SinglePointsOfFailure#soleRestorer}, when the catalog holds that person. The whole answer is reused for at most
 * {@code interlock.runs.health.status-age}, as a table's statuses are: lists that filter by single points of failure
 * ask for it on every page, and runs, catalog edits and time (a failure older than 90 days) all change it.
 */
@ApplicationScoped
public class RunSoleRestorers implements SoleRestorers {

    /** The whole answer, as of a time. */
    private record Kept(Map<EntityRef, EntityRef> byPipeline, Instant at) {}

    @Inject
    Restorers restorers;

    @Inject
    RunsConfig config;

    @Inject
    CatalogQueries catalog;

    private volatile Kept kept;

    @Override
    public Map<EntityRef, EntityRef> all() {
        Kept k = kept;
        Instant now = Instant.now();
        if (k == null || !k.at().plus(config.health().statusAge()).isAfter(now)) {
            k = new Kept(sole(restorers.all()), now);
            kept = k;
        }
        return k.byPipeline();
    }

    @Override
    public Map<EntityRef, EntityRef> of(Collection<EntityRef> pipelines) {
        return pipelines.isEmpty()
                ? Map.of()
                : sole(restorers.of(pipelines.stream().map(EntityRef::toString).toList()));
    }

    /**
     * The health figures key pipelines by canonical reference, as their queries do. A restorer counts as a person when
     * the catalog holds that User, as a maintainer does: a bot's login that GitHub names as the actor ({@code
     * release-bot}) is no one a leader can call, and the people pages would name nobody.
     */
    private Map<EntityRef, EntityRef> sole(Map<String, List<String>> restorers) {
        Map<EntityRef, EntityRef> candidates = new HashMap<>();
        restorers.forEach((pipeline, who) -> SinglePointsOfFailure.soleRestorer(who)
                .ifPresent(person -> candidates.put(EntityRef.ofCanonical(pipeline), person)));
        if (candidates.isEmpty()) {
            return Map.of();
        }
        Set<String> people = catalog.existing(
                candidates.values().stream().map(EntityRef::toString).distinct().toList());
        Map<EntityRef, EntityRef> out = new HashMap<>();
        candidates.forEach((pipeline, person) -> {
            if (people.contains(person.toString())) {
                out.put(pipeline, person);
            }
        });
        return Map.copyOf(out);
    }
}
