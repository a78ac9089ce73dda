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
 *
 * <p>A loop in the lineage (a reverse-ETL sync writing back to the source an ingestion reads, {@link LineageLoops}) is
 * not walked round: what comes back round a loop is the pipeline's own earlier output, each step further back in time,
 * so walking it would make a pipeline stale by the age of its own data and name its own readers as the culprit.
 * Within a loop the walk takes one step: a pipeline of the same loop that it reads from counts with its own last
 * success and with the inputs it takes from outside the loop, not with what it reads from the loop in turn. The rule
 * belongs to the graph, not to the pipeline asked about: a reader outside the loop sees a member's data time as the
 * member's own page gives it.
 */
final class Lineage {

    /** A time, and the pipelines on the way to the one it comes from (empty when it is the pipeline's own). */
    record DataTime(Instant time, List<String> chain) {}

    private Lineage() {}

    static DataTime effectiveDataTime(
            String ref,
            PipelineDirectory.Snapshot snapshot,
            LineageLoops loops,
            Function<String, OwnHealth> own,
            int walkLimit) {
        return new Walk(snapshot, loops, own, walkLimit).at(ref, null, false, new HashSet<>());
    }

    private static final class Walk {
        private final PipelineDirectory.Snapshot snapshot;
        private final Function<String, OwnHealth> own;
        private final Map<String, DataTime> memo = new HashMap<>();
        private final LineageLoops loops;
        private final int walkLimit;
        private int steps;

        Walk(PipelineDirectory.Snapshot snapshot, LineageLoops loops, Function<String, OwnHealth> own, int walkLimit) {
            this.snapshot = snapshot;
            this.loops = loops;
            this.own = own;
            this.walkLimit = walkLimit;
        }

        /**
         * @param loopStep whether {@code ref} is read from a pipeline of its own loop: then only what it reads from
         *     outside that loop counts with it
         */
        DataTime at(String ref, Instant asOf, boolean loopStep, Set<String> path) {
            String key = ref + "@" + asOf + (loopStep ? "#loop" : "");
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
                boolean inLoop = loops.sameLoop(ref, up);
                if (path.contains(up) || (loopStep && inLoop) || ++steps > walkLimit) {
                    continue;
                }
                DataTime u = at(up, upstreamAsOf, inLoop, path);
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
