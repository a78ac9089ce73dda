package dev.interlock.runs.derive;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.interlock.runs.bind.PipelineDirectory;

/**
 * Culprit chains: the path from a pipeline to the nearest failing or late pipeline upstream, and from there on to the
 * first failure. Walks one snapshot's lineage, each pipeline's own health asked of {@code own}, at most
 * {@code interlock.runs.health.walk-limit} pipelines per walk.
 */
final class CulpritChains {

    private final PipelineDirectory.Snapshot snapshot;
    private final Function<String, OwnHealth> own;
    private final int walkLimit;

    CulpritChains(PipelineDirectory.Snapshot snapshot, Function<String, OwnHealth> own, int walkLimit) {
        this.snapshot = snapshot;
        this.own = own;
        this.walkLimit = walkLimit;
    }

    /**
     * A chain that ends at a failing or late pipeline, followed further up for as long as the pipeline at its end reads
     * from one failing or late since earlier: the first failure is the root cause, and every broken pipeline on the
     * way stays in the chain ({@link UpstreamReason} names each). Ends on a pipeline met before, and after at most
     * the walk limit of steps.
     */
    List<String> towardsTheFirstFailure(String start, List<String> chain) {
        if (chain.isEmpty()) {
            return chain;
        }
        List<String> out = new ArrayList<>(chain);
        Set<String> seen = new HashSet<>(out);
        seen.add(start);
        for (int step = 0; step < walkLimit; step++) {
            OwnHealth end = own.apply(out.get(out.size() - 1));
            if (!end.bad()) {
                break;
            }
            List<String> further = nearestBad(out.get(out.size() - 1));
            if (further.isEmpty() || further.stream().anyMatch(seen::contains)) {
                break;
            }
            Instant endSince = badSince(end);
            Instant furtherSince = badSince(own.apply(further.get(further.size() - 1)));
            if (endSince == null || furtherSince == null || !furtherSince.isBefore(endSince)) {
                break;
            }
            out.addAll(further);
            seen.addAll(further);
        }
        return out;
    }

    /** Since when a failing or late pipeline has been so, or {@code null} when unknown. */
    static Instant badSince(OwnHealth h) {
        return h.episodeSince() != null
                ? h.episodeSince()
                : h.lastSuccess() == null
                        ? null
                        // Late by its freshness SLO: since the SLO ran out, not since the success it counts from.
                        : h.status().equals("late") && h.freshnessBreached() && h.freshnessSloSeconds() != null
                                ? h.lastSuccess().finishedAt().plusSeconds(h.freshnessSloSeconds())
                                : h.lastSuccess().finishedAt();
    }

    /** The path to the nearest failing or late pipeline upstream (breadth first, cycle-safe), or empty. */
    List<String> nearestBad(String start) {
        Map<String, String> parent = new HashMap<>();
        parent.put(start, null);
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty() && parent.size() < walkLimit) {
            String current = queue.poll();
            for (String up : snapshot.upstreamOf(current)) {
                if (parent.containsKey(up)) {
                    continue;
                }
                parent.put(up, current);
                if (own.apply(up).bad()) {
                    List<String> path = new ArrayList<>();
                    for (String r = up; r != null && !r.equals(start); r = parent.get(r)) {
                        path.add(0, r);
                    }
                    return path;
                }
                queue.add(up);
            }
        }
        return List.of();
    }
}
