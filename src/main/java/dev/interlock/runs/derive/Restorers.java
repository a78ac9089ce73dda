package dev.interlock.runs.derive;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.runs.bind.PipelineDirectory;
import dev.interlock.runs.bind.PipelineInfo;

/**
 * Who restored pipelines after their failures, as their runs name them: the figure the people pages and the single
 * points of failure read, from the own figures {@link OwnHealthCache} keeps for every pipeline.
 */
@ApplicationScoped
public class Restorers {

    @Inject
    PipelineDirectory directory;

    @Inject
    OwnHealthCache cache;

    /**
     * Who restored each pipeline's closed failure episodes of the last 90 days, for every pipeline whose every restore
     * names someone (a restore that names nobody may have been anyone's: such a pipeline has no one restorer to name),
     * in reference order: from the figures kept for every pipeline (the health job keeps them current), not from the
     * runs, which a person's page would otherwise read whole to find whose runs name them.
     */
    public Map<String, List<String>> all() {
        PipelineDirectory.Snapshot snapshot = directory.current();
        Instant now = Instant.now();
        cache.warmAll(snapshot, now);
        return of(snapshot.pipelines().values(), snapshot, now);
    }

    /** {@link #all()} of these pipelines only, reading the runs of no other. */
    public Map<String, List<String>> of(Collection<String> refs) {
        PipelineDirectory.Snapshot snapshot = directory.current();
        Instant now = Instant.now();
        List<PipelineInfo> pipelines =
                refs.stream().map(snapshot::get).flatMap(Optional::stream).toList();
        cache.warmOwn(pipelines.stream().map(PipelineInfo::ref).toList(), snapshot, now);
        return of(pipelines, snapshot, now);
    }

    private Map<String, List<String>> of(
            Collection<PipelineInfo> pipelines, PipelineDirectory.Snapshot snapshot, Instant now) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (PipelineInfo p : pipelines) {
            OwnHealth own = cache.own(p, snapshot, now);
            if (!own.restorers().isEmpty() && own.unnamedRestores() == 0) {
                out.put(p.ref(), own.restorers());
            }
        }
        return out;
    }
}
