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
 * The effective data time of a pipeline: the oldest of its own last success and, recursively, the effective data
 * time of the pipelines it reads from (writers of its inputs and its {@code trigger.after}) as of the start of that
 * success; with the chain of pipelines that leads to the oldest. Cycle-safe (a pipeline on the current path is not
 * entered again) and bounded by {@code interlock.runs.health.walk-limit} steps.
 *
 * <p>A loop in the lineage (a reverse-ETL sync writing back to the source an ingestion reads) is not walked round:
 * past the pipelines it reads from directly, the walk leaves out every pipeline that reads what the pipeline itself
 * wrote. What comes back round a loop is the pipeline's own earlier output, each step further back in time, so
 * walking it would make a pipeline stale by the age of its own data and name its own readers as the culprit.
 */
final class Lineage {

    /** A time, and the pipelines on the way to the one it comes from (empty when it is the pipeline's own). */
    record DataTime(Instant time, List<String> chain) {}

    private Lineage() {}

    static DataTime effectiveDataTime(
            String ref, PipelineDirectory.Snapshot snapshot, Function<String, OwnHealth> own, int walkLimit) {
        Set<String> direct = new HashSet<>(snapshot.upstreamOf(ref));
        Set<String> fedBack = downstream(ref, snapshot, walkLimit);
        fedBack.removeAll(direct);
        return new Walk(snapshot, own, walkLimit, fedBack).at(ref, null, new HashSet<>());
    }

    /** Every pipeline what {@code from} writes reaches, directly or through others, within {@code walkLimit}. */
    static Set<String> downstream(String from, PipelineDirectory.Snapshot snapshot, int walkLimit) {
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty() && seen.size() < walkLimit) {
            for (String down : snapshot.downstreamOf(queue.poll())) {
                if (!down.equals(from) && seen.add(down)) {
                    queue.add(down);
                }
            }
        }
        return seen;
    }

    /**
     * Whether what {@code from} writes reaches {@code to}, directly or through other pipelines, within {@code walkLimit}
     * pipelines.
     */
    static boolean feeds(String from, String to, PipelineDirectory.Snapshot snapshot, int walkLimit) {
        return downstream(from, snapshot, walkLimit).contains(to);
    }

    private static final class Walk {
        private final PipelineDirectory.Snapshot snapshot;
        private final Function<String, OwnHealth> own;
        private final Map<String, DataTime> memo = new HashMap<>();
        private final int walkLimit;
        private final Set<String> fedBack;
        private int steps;

        Walk(PipelineDirectory.Snapshot snapshot, Function<String, OwnHealth> own, int walkLimit, Set<String> fedBack) {
            this.snapshot = snapshot;
            this.own = own;
            this.walkLimit = walkLimit;
            this.fedBack = fedBack;
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
                if (path.contains(up) || fedBack.contains(up) || ++steps > walkLimit) {
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
