package dev.interlock.runs.derive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.runs.Run;
import dev.interlock.runs.RunsConfig;
import dev.interlock.runs.bind.PipelineDirectory;
import dev.interlock.runs.bind.PipelineInfo;

/**
 * Health of pipelines: each one's own figures (kept by {@link OwnHealthCache}), then what flows down the lineage: the
 * nearest failing or late pipeline upstream, the effective data time and the culprit chain. Walks end on cycles and
 * are bounded ({@code interlock.runs.health.walk-limit}).
 */
@ApplicationScoped
public class HealthService {

    @Inject
    PipelineDirectory directory;

    @Inject
    OwnHealthCache cache;

    @Inject
    RunsConfig config;

    /** Forgets the figures of pipelines whose runs changed. */
    public void invalidate(Collection<String> refs) {
        cache.invalidate(refs);
    }

    /** Forgets every pipeline's figures (run changes may have been missed). */
    public void invalidateAll() {
        cache.clear();
        statuses.clear();
    }

    /** One pipeline's health, or empty when it is not a pipeline of the catalog. */
    public Optional<Health> health(String ref) {
        return health(ref, directory.current());
    }

    /** One pipeline's health in a snapshot of the pipelines the caller already holds. */
    public Optional<Health> health(String ref, PipelineDirectory.Snapshot snapshot) {
        Instant now = Instant.now();
        warm(List.of(ref), snapshot, now);
        return snapshot.get(ref).map(p -> build(p, snapshot, now));
    }

    /**
     * Reads in one query the runs of these pipelines and of everything upstream of them whose figures are not kept,
     * so that a page of statuses (or one health with its culprit chain) costs one query instead of one per pipeline.
     */
    public void warm(Collection<String> refs) {
        warm(refs, directory.current(), Instant.now());
    }

    private void warm(Collection<String> refs, PipelineDirectory.Snapshot snapshot, Instant now) {
        cache.warm(refs, snapshot, now);
    }

    /** The own figures of a pipeline of the current snapshot. */
    public OwnHealth own(String ref) {
        PipelineDirectory.Snapshot snapshot = directory.current();
        return snapshot.get(ref).map(p -> own(p, snapshot, Instant.now())).orElse(null);
    }

    private record KeptStatus(String status, Instant at, long stamp) {}

    private final Map<String, KeptStatus> statuses = new ConcurrentHashMap<>();

    /** A pipeline's status for a table cell, or {@code null} when it is not a pipeline. */
    public String status(String ref) {
        Instant now = Instant.now();
        KeptStatus s = statuses.get(ref);
        if (s != null && s.at().plus(config.health().statusAge()).isAfter(now) && cache.current(ref, s.stamp())) {
            return s.status();
        }
        long stamp = cache.stamp();
        PipelineDirectory.Snapshot snapshot = directory.current();
        warm(List.of(ref), snapshot, now);
        String status = snapshot.get(ref).map(p -> statusOf(p, snapshot, now)).orElse(null);
        if (status != null) {
            statuses.put(ref, new KeptStatus(status, now, stamp));
        }
        return status;
    }

    /** A pipeline and its status. */
    public record PipelineStatus(PipelineInfo pipeline, String status) {}

    /**
     * Every pipeline with its status, in reference order: lists that filter by status, owner or family choose from
     * these, then {@link #of} builds the whole health of the few they show. Each status is kept as {@link #status}
     * keeps one.
     */
    public List<PipelineStatus> statuses() {
        long stamp = cache.stamp();
        PipelineDirectory.Snapshot snapshot = directory.current();
        Instant now = Instant.now();
        cache.warmAll(snapshot, now);
        List<PipelineStatus> all = snapshot.pipelines().values().stream()
                .map(p -> new PipelineStatus(p, statusOf(p, snapshot, now)))
                .toList();
        // Kept for the table cells ({@link #status}) of the list these were asked for: a cell then shows the status
        // the list was ordered or filtered by, not one computed a moment later.
        all.forEach(s -> statuses.put(s.pipeline().ref(), new KeptStatus(s.status(), now, stamp)));
        return all;
    }

    private volatile Map<String, Long> counts = Map.of();
    private volatile Instant countedAt = Instant.EPOCH;

    /** How many pipelines have each status (recounted at most every {@code interlock.runs.health.counts-age}). */
    public Map<String, Long> statusCounts() {
        Instant now = Instant.now();
        if (countedAt.plus(config.health().countsAge()).isBefore(now)) {
            Map<String, Long> c = new HashMap<>();
            statuses().forEach(p -> c.merge(p.status(), 1L, Long::sum));
            counts = c;
            countedAt = now;
        }
        return counts;
    }

    /** Statuses of some pipelines (cheaper than {@link #all()} for a page). */
    public Map<String, Health> of(Collection<String> refs) {
        PipelineDirectory.Snapshot snapshot = directory.current();
        Instant now = Instant.now();
        Map<String, Health> out = new LinkedHashMap<>();
        for (String ref : refs) {
            snapshot.get(ref).ifPresent(p -> out.put(ref, build(p, snapshot, now)));
        }
        return out;
    }

    /** The pipelines and everything downstream of them, transitively (cycle-safe, bounded). */
    public Set<String> withDownstream(Collection<String> refs, PipelineDirectory.Snapshot snapshot) {
        Set<String> seen = new LinkedHashSet<>(refs);
        Deque<String> queue = new ArrayDeque<>(refs);
        while (!queue.isEmpty() && seen.size() < 10 * config.health().walkLimit()) {
            for (String d : snapshot.downstreamOf(queue.poll())) {
                if (seen.add(d)) {
                    queue.add(d);
                }
            }
        }
        return seen;
    }

    /**
     * Computes the figures of every pipeline whose kept figures are gone (its runs changed, time moved on), 500
     * pipelines per query: run by a background job so that pages and the API find them ready.
     *
     * @return how many pipelines were computed
     */
    public int warmAll() {
        return cache.warmAll(directory.current(), Instant.now());
    }

    OwnHealth own(PipelineInfo p, PipelineDirectory.Snapshot snapshot, Instant now) {
        return cache.own(p, snapshot, now);
    }

    /** The loops of the last snapshot asked about, kept until the catalog changes the snapshot. */
    private volatile LoopsOf loops;

    private record LoopsOf(PipelineDirectory.Snapshot snapshot, LineageLoops loops) {}

    private LineageLoops loops(PipelineDirectory.Snapshot snapshot) {
        LoopsOf kept = loops;
        if (kept == null || kept.snapshot() != snapshot) {
            kept = new LoopsOf(snapshot, LineageLoops.of(snapshot));
            loops = kept;
        }
        return kept.loops();
    }

    /** What upstream says about a pipeline: the culprit chain (empty: none) and its effective data time. */
    private record Upstream(List<String> chain, Lineage.DataTime edt) {}

    private Upstream upstream(PipelineInfo p, PipelineDirectory.Snapshot snapshot, Instant now) {
        Function<String, OwnHealth> ownOf = r -> own(snapshot.pipelines().get(r), snapshot, now);
        LineageLoops loops = loops(snapshot);
        CulpritChains chains =
                new CulpritChains(snapshot, ownOf, config.health().walkLimit());
        List<String> chain = chains.nearestBad(p.ref());
        Lineage.DataTime edt = Lineage.effectiveDataTime(
                p.ref(), snapshot, loops, ownOf, config.health().walkLimit());
        boolean edtBreached = edt != null
                && edt.time() != null
                && p.freshnessSlo() != null
                && edt.time().plus(p.freshnessSlo()).isBefore(now)
                && !edt.chain().isEmpty();
        List<String> blamed = chain.isEmpty() && edtBreached ? edt.chain() : chain;
        if (!chain.isEmpty() && edt != null && !edt.chain().isEmpty()) {
            String stale = edt.chain().get(edt.chain().size() - 1);
            if (!stale.equals(chain.get(chain.size() - 1)) && ownOf.apply(stale).bad()) {
                // Several pipelines upstream are bad: blame the one the data is as old as (failing for longest),
                // not whichever the walk met first.
                blamed = edt.chain();
            }
        }
        blamed = chains.towardsTheFirstFailure(p.ref(), blamed);
        if (!blamed.isEmpty()
                && own(p, snapshot, now).bad()
                && loops.sameLoop(p.ref(), blamed.get(blamed.size() - 1))) {
            // A loop in the lineage (a sync writing back to the source it reads): the culprit is upstream, so this
            // pipeline feeds it exactly when both are in one loop, and it may be bad because this one is. A failing
            // pipeline is its own culprit, not the one waiting on it.
            blamed = List.of();
        }
        return new Upstream(blamed, edt);
    }

    /** The status alone, as {@link #build} finds it, without the evidence a table cell does not show. */
    private String statusOf(PipelineInfo p, PipelineDirectory.Snapshot snapshot, Instant now) {
        String own = own(p, snapshot, now).status();
        return own.equals("healthy") && !upstream(p, snapshot, now).chain().isEmpty() ? "upstream" : own;
    }

    /**
     * When the pipeline it reads from directly has succeeded since this pipeline's last success read its inputs, that
     * success's end: the data is stale only until this pipeline runs again, the action a reader of the reason needs.
     */
    private Instant newerSinceRead(OwnHealth own, String nearest, PipelineDirectory.Snapshot snapshot, Instant now) {
        Run success = own.lastSuccess();
        Run upstream = own(snapshot.pipelines().get(nearest), snapshot, now).lastSuccess();
        if (success == null || upstream == null) {
            return null;
        }
        return upstream.finishedAt().isAfter(success.readInputsAt()) ? upstream.finishedAt() : null;
    }

    private Health build(PipelineInfo p, PipelineDirectory.Snapshot snapshot, Instant now) {
        OwnHealth own = own(p, snapshot, now);
        List<String> reasons = new ArrayList<>(own.reasons());
        List<Health.Culprit> culprits = List.of();
        String status = own.status();
        Upstream upstream = upstream(p, snapshot, now);
        List<String> chain = upstream.chain();
        Lineage.DataTime edt = upstream.edt();
        if (!chain.isEmpty()) {
            boolean endsBad = own(snapshot.pipelines().get(chain.get(chain.size() - 1)), snapshot, now)
                    .bad();
            culprits =
                    chain.stream().map(r -> culprit(r, snapshot, now, endsBad)).toList();
            String reason = UpstreamReason.of(
                    culprits,
                    edt == null ? null : edt.time(),
                    p.freshnessSlo(),
                    endsBad ? null : newerSinceRead(own, chain.get(0), snapshot, now));
            if (status.equals("healthy")) {
                status = "upstream";
                reasons.add(0, reason);
            } else if (!status.equals("unknown") || own.lastRun() != null) {
                // Unknown with a run still going: nothing of its own to judge yet, but what it reads is known.
                reasons.add(reason);
            }
        }
        return new Health(
                p.ref(),
                p.title(),
                p.family(),
                p.owner(),
                status,
                reasons,
                Health.RunView.of(own.lastRun(), own.lastRunLateFor()),
                own.lastSuccess() == null ? null : Health.iso(own.lastSuccess().finishedAt()),
                Health.RunView.of(own.lastSuccess()),
                new Health.Freshness(
                        own.lastSuccess() == null
                                ? null
                                : Math.max(
                                        0,
                                        Duration.between(own.lastSuccess().finishedAt(), now)
                                                .toSeconds()),
                        own.freshnessSloSeconds(),
                        own.freshnessBreached(),
                        own.lastSuccess() == null ? null : own.lastSuccess().runKey()),
                new Health.SuccessRate(
                        own.successRate(),
                        own.successRateSlo(),
                        own.finished30d(),
                        own.successRateBreached(),
                        own.failed30d()),
                new Health.DurationFigure(
                        own.p50Seconds(),
                        own.p95Seconds(),
                        own.maxDurationSloSeconds(),
                        own.durationBreached(),
                        own.p95Run(),
                        own.overrunning(),
                        own.overrunningRuns()),
                own.missedTicks7d(),
                own.missedTicks7dShown().stream().map(Health::iso).toList(),
                new Health.Episode(
                        own.episodeOpen(), Health.iso(own.episodeSince()), own.episodeRuns(), own.episodeRunIds()),
                own.mttrSeconds(),
                own.restorers(),
                own.unnamedRestores(),
                own.manualShare30d(),
                edt == null ? null : Health.iso(edt.time()),
                culprits,
                List.copyOf(snapshot.downstreamOf(p.ref())),
                Health.JudgedBranches.of(p),
                now.toString());
    }

    /**
     * One pipeline of a culprit chain, with the status its own page shows. Not failing or late itself, it is not shown
     * as stale since its own last success: on the way to a failing or late pipeline it is upstream of that one (unless
     * its own figures say worse); on a chain of data older than the SLO, with nothing failing or late, its status is
     * found as its page finds it (a walk of its own, so only for those rare chains).
     *
     * @param endsBad whether the chain ends at a failing or late pipeline
     */
    private Health.Culprit culprit(String ref, PipelineDirectory.Snapshot snapshot, Instant now, boolean endsBad) {
        PipelineInfo p = snapshot.pipelines().get(ref);
        OwnHealth h = own(p, snapshot, now);
        if (!h.bad()) {
            String status =
                    !endsBad ? statusOf(p, snapshot, now) : h.status().equals("healthy") ? "upstream" : h.status();
            return new Health.Culprit(ref, status, null, p.title());
        }
        return new Health.Culprit(ref, h.status(), Health.iso(CulpritChains.badSince(h)), p.title());
    }
}
