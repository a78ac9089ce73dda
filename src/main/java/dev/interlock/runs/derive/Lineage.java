package dev.interlock.runs.derive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.interlock.runs.bind.PipelineDirectory;

/**
 * The effective data time of a pipeline: the oldest of its own last success and, recursively, the effective data
 * time of the pipelines it reads from (writers of its inputs and its {@code trigger.after}) as of the start of that
 * success; with the chain of pipelines that leads to the oldest. Cycle-safe (a pipeline on the current path is not
 * entered again) and bounded by {@code interlock.runs.health.walk-limit} steps.
 */
final class Lineage {

    /** A time, and the pipelines on the way to the one it comes from (empty when it is the pipeline's own). */
    record DataTime(Instant time, List<String> chain) {}

    private Lineage() {}

    static DataTime effectiveDataTime(
            String ref, PipelineDirectory.Snapshot snapshot, Function<String, OwnHealth> own, int walkLimit) {
        return new Walk(snapshot, own, walkLimit).at(ref, null, new HashSet<>());
    }

    /**
     * Whether what {@code from} writes reaches {@code to}, directly or through other pipelines, within {@code walkLimit}
     * pipelines.
     */
    static boolean feeds(String from, String to, PipelineDirectory.Snapshot snapshot, int walkLimit) {
        Set<String> seen = new HashSet<>(List.of(from));
        java.util.Deque<String> queue = new java.util.ArrayDeque<>(List.of(from));
        while (!queue.isEmpty() && seen.size() < walkLimit) {
            for (String down : snapshot.downstreamOf(queue.poll())) {
                if (down.equals(to)) {
                    return true;
                }
                if (seen.add(down)) {
                    queue.add(down);
                }
            }
        }
        return false;
    }

    private static final class Walk {
        private final PipelineDirectory.Snapshot snapshot;
        private final Function<String, OwnHealth> own;
        private final Map<String, DataTime> memo = new HashMap<>();
        private final int walkLimit;
        private int steps;

        Walk(PipelineDirectory.Snapshot snapshot, Function<String, OwnHealth> own, int walkLimit) {
            this.snapshot = snapshot;
            this.own = own;
            this.walkLimit = walkLimit;
        }

        DataTime at(String ref, Instant asOf, Set<String> path) {
            String key = ref + "@" + asOf;
            DataTime known = memo.get(key);
            if (known != null) {
                return known;
            }
            SuccessTimes.Success success = own.apply(ref).lastSuccessAt(asOf);
            if (success == null) {
                return new DataTime(null, List.of());
            }
            Instant time = success.finishedAt();
            List<String> chain = List.of();
            Instant upstreamAsOf = success.readAsOf();
            path.add(ref);
            for (String up : snapshot.upstreamOf(ref)) {
                if (path.contains(up) || ++steps > walkLimit) {
                    continue;
                }
                DataTime u = at(up, upstreamAsOf, path);
                if (u.time() != null && u.time().isBefore(time)) {
                    time = u.time();
                    List<String> c = new ArrayList<>();
                    c.add(up);
                    c.addAll(u.chain());
                    chain = c;
                }
            }
            path.remove(ref);
            DataTime result = new DataTime(time, List.copyOf(chain));
            memo.put(key, result);
            return result;
        }
    }
}
