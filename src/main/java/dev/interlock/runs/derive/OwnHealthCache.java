package dev.interlock.runs.derive;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.runs.Run;
import dev.interlock.runs.RunStore;
import dev.interlock.runs.RunsConfig;
import dev.interlock.runs.bind.PipelineDirectory;

/**
 * Each pipeline's own figures ({@link OwnHealth}), computed from its runs and kept until its runs change, the pipeline
 * changes in the catalog, or time alone could change them ({@link OwnHealth#validUntil()}). Figures computed from runs read before
 * a pipeline's last change are never used: every change gets a number, and figures carry the number they were
 * computed after.
 *
 * <p>Not a quarkus-cache cache: an entry is valid while its pipeline is as it was read, until its own time, and only when no change
 * came after the read it was computed from, and many entries are filled from one query; a map of values that carry
 * those three stamps says that more plainly than a cache keyed by reference.
 */
@ApplicationScoped
public class OwnHealthCache {

    /** Own figures of the pipeline as {@code info} describes it, computed from runs read after change {@code stamp}. */
    private record Cached(OwnHealth health, Instant at, dev.interlock.runs.bind.PipelineInfo info, long stamp) {}

    @Inject
    RunStore store;

    @Inject
    RunsConfig config;

    /**
     * Most runs read at once to compute figures: a run read takes about 1 KB of heap while it is held (with the
     * driver's copy of its row), so 20,000 stay within a tenth of the default 256 MB heap, and a page's pipelines with
     * a busy history do not have to fit in it at once.
     */
    static final int RUNS_PER_READ = 20_000;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Change numbers: figures computed from runs read before a pipeline's last change are not used. */
    private final AtomicLong changes = new AtomicLong();

    private final Map<String, Long> changedAt = new ConcurrentHashMap<>();

    /** Forgets the figures of pipelines whose runs changed. */
    void invalidate(Collection<String> refs) {
        long n = changes.incrementAndGet();
        refs.forEach(r -> {
            changedAt.put(r, n);
            cache.remove(r);
        });
    }

    /** Forgets every pipeline's figures. */
    void clear() {
        changes.incrementAndGet();
        cache.clear();
    }

    /** The number of the last change, for values computed now. */
    long stamp() {
        return changes.get();
    }

    /** Whether a value computed after change {@code stamp} is still current for a pipeline. */
    boolean current(String ref, long stamp) {
        return stamp >= changedAt.getOrDefault(ref, 0L);
    }

    /**
     * Reads in one query the runs of these pipelines and of everything upstream of them whose figures are not kept,
     * so that a page of statuses (or one health with its culprit chain) costs one query instead of one per pipeline.
     */
    void warm(Collection<String> refs, PipelineDirectory.Snapshot snapshot, Instant now) {
        Set<String> wanted = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(refs);
        while (!queue.isEmpty() && wanted.size() < config.health().walkLimit()) {
            String ref = queue.poll();
            if (snapshot.pipelines().containsKey(ref) && wanted.add(ref)) {
                queue.addAll(snapshot.upstreamOf(ref));
            }
        }
        load(wanted.stream().filter(r -> fresh(r, snapshot, now) == null).toList(), snapshot, now);
    }

    /** Computes the figures of every pipeline whose kept figures are gone, a batch of runs at a time; how many. */
    int warmAll(PipelineDirectory.Snapshot snapshot, Instant now) {
        List<String> missing = snapshot.pipelines().keySet().stream()
                .filter(r -> fresh(r, snapshot, now) == null)
                .toList();
        load(missing, snapshot, now);
        return missing.size();
    }

    /** A pipeline's own figures, computed now when not kept. */
    OwnHealth own(dev.interlock.runs.bind.PipelineInfo p, PipelineDirectory.Snapshot snapshot, Instant now) {
        OwnHealth h = fresh(p.ref(), snapshot, now);
        if (h == null) {
            long stamp = changes.get();
            h = compute(p, store.since(p.ref(), now.minus(HealthCalculator.DAYS_90)), now);
            cache.put(p.ref(), new Cached(h, now, p, stamp));
        }
        return h;
    }

    /**
     * Computes and keeps the own figures of these pipelines, reading their runs in batches of about
     * {@link #RUNS_PER_READ} (one query each) after counting them.
     */
    private void load(List<String> missing, PipelineDirectory.Snapshot snapshot, Instant now) {
        if (missing.isEmpty()) {
            return;
        }
        long stamp = changes.get();
        Instant since = now.minus(HealthCalculator.DAYS_90);
        Map<String, Integer> counts = missing.size() == 1 ? Map.of() : store.countsSince(missing, since);
        for (List<String> batch : batches(missing, counts, RUNS_PER_READ)) {
            Map<String, List<Run>> byPipeline = new HashMap<>();
            store.since(batch, since)
                    .forEach(r -> byPipeline
                            .computeIfAbsent(r.pipelineRef(), k -> new ArrayList<>())
                            .add(r));
            for (String ref : batch) {
                dev.interlock.runs.bind.PipelineInfo p = snapshot.pipelines().get(ref);
                cache.put(ref, new Cached(compute(p, byPipeline.getOrDefault(ref, List.of()), now), now, p, stamp));
            }
        }
    }

    /**
     * The pipelines in consecutive batches whose runs add up to at most {@code budget} (a pipeline with more runs than
     * that is a batch of its own), so that one read never holds more runs than the heap has room for.
     */
    static List<List<String>> batches(List<String> refs, Map<String, Integer> counts, int budget) {
        List<List<String>> out = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        long runs = 0;
        for (String ref : refs) {
            int n = counts.getOrDefault(ref, 0);
            if (!batch.isEmpty() && runs + n > budget) {
                out.add(batch);
                batch = new ArrayList<>();
                runs = 0;
            }
            batch.add(ref);
            runs += n;
        }
        if (!batch.isEmpty()) {
            out.add(batch);
        }
        return out;
    }

    private OwnHealth compute(dev.interlock.runs.bind.PipelineInfo p, List<Run> runs, Instant now) {
        return HealthCalculator.compute(p, runs, now, config.health().evidence());
    }

    private OwnHealth fresh(String ref, PipelineDirectory.Snapshot snapshot, Instant now) {
        Cached c = cache.get(ref);
        return c != null
                        // Computed from the pipeline as it is now (a catalog change to another pipeline keeps it).
                        && c.info().equals(snapshot.pipelines().get(ref))
                        && c.health().validUntil().isAfter(now)
                        && c.stamp() >= changedAt.getOrDefault(ref, 0L)
                ? c.health()
                : null;
    }
}
