package dev.interlock.runs.derive;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import dev.interlock.runs.bind.PipelineDirectory;

/**
 * The loops of a snapshot's lineage: pipelines that read, through others, what they themselves write (a reverse-ETL
 * sync writing back to the source an ingestion reads). Each pipeline in a loop gets the number of its loop, the
 * strongly connected component of the lineage graph it belongs to (Tarjan's algorithm, without recursion so that a
 * long chain cannot overflow the stack); a pipeline in no loop has none. Computed once per snapshot.
 */
final class LineageLoops {

    private final Map<String, Integer> loopOf;

    private LineageLoops(Map<String, Integer> loopOf) {
        this.loopOf = loopOf;
    }

    /** Whether the two pipelines are in the same loop (a pipeline is not in a loop with itself alone). */
    boolean sameLoop(String a, String b) {
        Integer loop = loopOf.get(a);
        return loop != null && loop.equals(loopOf.get(b));
    }

    static LineageLoops of(PipelineDirectory.Snapshot snapshot) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        java.util.Set<String> onStack = new java.util.HashSet<>();
        Map<String, Integer> loopOf = new HashMap<>();
        int[] counter = {0};
        int loops = 0;
        for (String root : snapshot.pipelines().keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            // Each frame: a pipeline and where it is in its upstream pipelines.
            Deque<Frame> frames = new ArrayDeque<>();
            frames.push(enter(root, snapshot, index, low, stack, onStack, counter));
            while (!frames.isEmpty()) {
                Frame f = frames.peek();
                if (f.next.hasNext()) {
                    String up = f.next.next();
                    if (!index.containsKey(up)) {
                        frames.push(enter(up, snapshot, index, low, stack, onStack, counter));
                    } else if (onStack.contains(up)) {
                        low.put(f.ref, Math.min(low.get(f.ref), index.get(up)));
                    }
                    continue;
                }
                frames.pop();
                if (!frames.isEmpty()) {
                    String parent = frames.peek().ref;
                    low.put(parent, Math.min(low.get(parent), low.get(f.ref)));
                }
                if (low.get(f.ref).equals(index.get(f.ref))) {
                    List<String> component = new ArrayList<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(f.ref));
                    if (component.size() > 1) {
                        loops++;
                        for (String m : component) {
                            loopOf.put(m, loops);
                        }
                    }
                }
            }
        }
        return new LineageLoops(loopOf);
    }

    private record Frame(String ref, Iterator<String> next) {}

    private static Frame enter(
            String ref,
            PipelineDirectory.Snapshot snapshot,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            java.util.Set<String> onStack,
            int[] counter) {
        index.put(ref, counter[0]);
        low.put(ref, counter[0]);
        counter[0]++;
        stack.push(ref);
        onStack.add(ref);
        return new Frame(ref, snapshot.upstreamOf(ref).iterator());
    }
}
