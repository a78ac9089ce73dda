package dev.interlock.web.graph;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.interlock.web.graph.SvgGraph.Edge;
import dev.interlock.web.graph.SvgGraph.Node;

/**
 * The de-duplicated input of a picture: nodes by id (first wins), links sorted by (from, to). Edges whose ends are
 * not among the nodes, and self loops, are dropped; several edges between the same two nodes become one link with
 * their labels joined.
 *
 * @param relations how many distinct relations the input held, for the picture's description
 */
record Graph(Map<String, Node> nodes, List<Link> links, int relations) {

    /** One drawn arrow: all input edges between the same two nodes, labels joined. */
    record Link(String from, String to, String label) {}

    static Graph of(List<Node> nodeList, List<Edge> edgeList) {
        Map<String, Node> nodes = new TreeMap<>();
        for (Node node : SvgGraph.nonNull(nodeList)) {
            nodes.putIfAbsent(node.id(), node);
        }
        Map<List<String>, Set<String>> labels =
                new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        int relations = 0;
        for (Edge edge : SvgGraph.nonNull(edgeList)) {
            if (nodes.containsKey(edge.from())
                    && nodes.containsKey(edge.to())
                    && !edge.from().equals(edge.to())
                    && labels.computeIfAbsent(List.of(edge.from(), edge.to()), k -> new TreeSet<>())
                            .add(edge.label() == null ? "" : edge.label())) {
                relations++;
            }
        }
        List<Link> links = labels.entrySet().stream()
                .map(e -> new Link(e.getKey().get(0), e.getKey().get(1), joinLabels(e.getValue())))
                .toList();
        return new Graph(nodes, links, relations);
    }

    private static String joinLabels(Set<String> labels) {
        return labels.stream().filter(l -> !l.isBlank()).collect(Collectors.joining(", "));
    }

    /** Keeps at most {@code max} nodes: the center first, then by layer and id. */
    Graph limitTo(int max) {
        if (nodes.size() <= max) {
            return this;
        }
        Map<String, Integer> layer = new Layering(this).layers();
        Map<String, Node> kept = new TreeMap<>();
        nodes.values().stream()
                .sorted(Comparator.comparing((Node n) -> !n.center())
                        .thenComparing(n -> layer.get(n.id()))
                        .thenComparing(Node::id))
                .limit(max)
                .forEach(n -> kept.put(n.id(), n));
        List<Link> keptLinks = links.stream()
                .filter(l -> kept.containsKey(l.from()) && kept.containsKey(l.to()))
                .toList();
        return new Graph(kept, keptLinks, relations);
    }

    /** Links by source id, each list sorted by target id. */
    Map<String, List<Link>> outgoing() {
        return links.stream().collect(Collectors.groupingBy(Link::from));
    }

    /** A short stable token for this graph, used to keep element ids unique on a page. */
    String token(String title) {
        StringBuilder key = new StringBuilder(title);
        nodes.keySet().forEach(id -> key.append('\n').append(id));
        links.forEach(l -> key.append('\n')
                .append(l.from())
                .append('>')
                .append(l.to())
                .append(':')
                .append(l.label()));
        return "ig" + Integer.toHexString(key.toString().hashCode());
    }

    /** The label a node is known by: its label, or its id when it has none. */
    String labelOf(String id) {
        String label = nodes.get(id).label();
        return label == null || label.isBlank() ? id : label;
    }
}
