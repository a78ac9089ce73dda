package dev.interlock.web.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.web.graph.Graph.Link;

/**
 * Longest-path layering: every node sits one column right of its furthest predecessor. Back edges found by a
 * depth-first search are left out, so cycles terminate.
 */
final class Layering {

    private final Graph graph;
    private final Map<String, List<Link>> outgoing;
    private final Set<String> onStack = new HashSet<>();
    private final Set<String> done = new HashSet<>();
    private final Set<Link> back = new HashSet<>();
    private final Deque<String> topological = new ArrayDeque<>();

    Layering(Graph graph) {
        this.graph = graph;
        this.outgoing = graph.outgoing();
        graph.nodes().keySet().forEach(id -> {
            if (!done.contains(id)) {
                visit(id);
            }
        });
    }

    private void visit(String id) {
        onStack.add(id);
        for (Link link : outgoing.getOrDefault(id, List.of())) {
            if (onStack.contains(link.to())) {
                back.add(link);
            } else if (!done.contains(link.to())) {
                visit(link.to());
            }
        }
        onStack.remove(id);
        done.add(id);
        topological.addFirst(id);
    }

    /** The links that are not back edges. */
    List<Link> forward() {
        return graph.links().stream().filter(l -> !back.contains(l)).toList();
    }

    /** Each node's column, 0 for sources. */
    Map<String, Integer> layers() {
        Map<String, Integer> layer = new HashMap<>();
        graph.nodes().keySet().forEach(id -> layer.put(id, 0));
        for (String id : topological) {
            for (Link link : outgoing.getOrDefault(id, List.of())) {
                if (!back.contains(link)) {
                    layer.merge(link.to(), layer.get(id) + 1, Math::max);
                }
            }
        }
        return layer;
    }
}
