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
import dev.interlock.sql.Jdbc;

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
     * Reads the runs of these pipelines and of everything upstream of them whose figures are not kept, in one query
     * as a rule ({@link #load}), so that a page of statuses (or one health with its culprit chain) costs one query
     * instead of one per pipeline.
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

    /**
     * Reads the runs of these pipelines alone whose figures are not kept, without what is upstream of them: for what
     * a pipeline's own figures tell (who restored it), not its status.
     */
    void warmOwn(Collection<String> refs, PipelineDirectory.Snapshot snapshot, Instant now) {
        load(
                refs.stream()
                        .filter(r -> snapshot.pipelines().containsKey(r) && fresh(r, snapshot, now) == null)
                        .distinct()
                        .toList(),
                snapshot,
                now);
    }

    /** Computes the figures of every pipeline whose kept figures are gone, a chunk at a time; how many. */
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
     * Computes and keeps the own figures of these pipelines: one query per {@link Jdbc#IN_CHUNK} pipelines, as long as
     * their runs number at most {@link #RUNS_PER_READ}; past that, their runs are counted and read in batches that do.
     */
    private void load(List<String> missing, PipelineDirectory.Snapshot snapshot, Instant now) {
        Instant since = now.minus(HealthCalculator.DAYS_90);
        for (List<String> chunk : Jdbc.chunks(missing)) {
            long stamp = changes.get();
            List<Run> runs = store.since(chunk, since, RUNS_PER_READ + 1);
            if (runs.size() <= RUNS_PER_READ) {
                keep(chunk, runs, snapshot, now, stamp);
                continue;
            }
            runs = null; // Let the heap have them back before the batches are read.
            for (List<String> batch : batches(chunk, store.countsSince(chunk, since), RUNS_PER_READ)) {
                long batchStamp = changes.get();
                keep(batch, store.since(batch, since, Integer.MAX_VALUE), snapshot, now, batchStamp);
            }
        }
    }

    /** Computes and keeps the figures of these pipelines from their runs, read after change {@code stamp}. */
    private void keep(List<String> refs, List<Run> runs, PipelineDirectory.Snapshot snapshot, Instant now, long stamp) {
        Map<String, List<Run>> byPipeline = new HashMap<>();
        runs.forEach(r -> byPipeline
                .computeIfAbsent(r.pipelineRef(), k -> new ArrayList<>())
                .add(r));
        for (String ref : refs) {
            dev.interlock.runs.bind.PipelineInfo p = snapshot.pipelines().get(ref);
            cache.put(ref, new Cached(compute(p, byPipeline.getOrDefault(ref, List.of()), now), now, p, stamp));
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
