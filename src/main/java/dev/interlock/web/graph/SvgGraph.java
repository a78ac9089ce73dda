package dev.interlock.web.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Server-side SVG renderer for the small directed graphs shown on catalog pages: an entity's
 * neighbourhood and a pipeline's flow diagram.
 *
 * <p>Nodes are laid out in layers (columns) from left to right: every node sits one column right
 * of its furthest predecessor (longest path from the sources). Back edges found by a depth-first
 * search are left out of the layering, so cycles terminate; they are drawn as arrows pointing left.
 * A few barycenter sweeps order each column to reduce crossings. Ties are always broken by id, so
 * the same graph gives byte-identical output whatever the order of the input lists.
 *
 * <p>Callers orient edges in reading direction: for an entity's neighbourhood, an edge
 * {@code dependency -> entity} places the dependency on the left. Edges whose ends are not among the
 * nodes, and self loops, are not drawn; several edges between the same two nodes share one arrow
 * with their labels joined.
 *
 * <p>The output is meant to be inlined into HTML: all text is XML-escaped, only internal links
 * (starting with a single {@code /}) are emitted, and there are no scripts, event attributes, style
 * elements or external references. Styling uses presentation attributes only, so a strict
 * Content-Security-Policy does not affect it.
 *
 * <p>The work is split by job: {@link Graph} cleans the input, {@link Layering} and {@link Layout} place the
 * boxes, {@link SvgDrawing} writes the document.
 */
public final class SvgGraph {

    /**
     * A box. {@code id} is unique; {@code label} is shown (escaped); {@code kind} (e.g. "component",
     * "resource", "group", "api", "system", "user") picks a colour; {@code resolved=false} draws it
     * dashed with "(not in catalog)" as a second line; {@code href} is the link target, used only if
     * it is an internal path starting with "/"; {@code center=true} draws it emphasised.
     */
    public record Node(String id, String label, String kind, boolean resolved, String href, boolean center) {
        public Node {
            Objects.requireNonNull(id, "id");
        }
    }

    /** An arrow from -> to with a small label (the relation, e.g. "dependsOn", "readsFrom"). */
    public record Edge(String from, String to, String label) {
        public Edge {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** Most nodes drawn when the caller names no limit; the rest are summarised in a note. */
    static final int MAX_NODES = 40;
    /** Longest node label shown before it is cut with an ellipsis. */
    static final int MAX_LABEL_CHARS = 28;

    private SvgGraph() {}

    /** Renders a left-to-right layered layout. {@code title} is used for {@code <title>} (accessibility). */
    public static String render(String title, List<Node> nodes, List<Edge> edges) {
        return render(title, nodes, edges, MAX_NODES);
    }

    /**
     * Renders a left-to-right layered layout of at most {@code maxNodes} boxes (the center first, then by column
     * and id); the others are counted in a note.
     */
    public static String render(String title, List<Node> nodes, List<Edge> edges, int maxNodes) {
        Graph graph = Graph.of(nodes, edges);
        String heading = title == null || title.isBlank() ? "Graph" : title;
        if (graph.nodes().isEmpty()) {
            return SvgDrawing.empty(heading);
        }
        Graph shown = graph.limitTo(maxNodes);
        return new SvgDrawing(heading, graph, shown, new Layout(shown)).svg();
    }

    /**
     * Flow diagram: inputs column, then the pipeline, then the outputs column, with edges labelled
     * "read by" and "writes", so that each arrow reads as a sentence left to right. The pipeline is always drawn emphasised.
     */
    public static String flow(String title, List<Node> inputs, Node pipeline, List<Node> outputs) {
        return flow(title, inputs, pipeline, outputs, MAX_NODES);
    }

    /** A flow diagram ({@link #flow(String, List, Node, List)}) of at most {@code maxNodes} boxes. */
    public static String flow(String title, List<Node> inputs, Node pipeline, List<Node> outputs, int maxNodes) {
        Objects.requireNonNull(pipeline, "pipeline");
        Node center =
                new Node(pipeline.id(), pipeline.label(), pipeline.kind(), pipeline.resolved(), pipeline.href(), true);
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(center);
        for (Node in : nonNull(inputs)) {
            nodes.add(in);
            edges.add(new Edge(in.id(), center.id(), "read by"));
        }
        for (Node out : nonNull(outputs)) {
            nodes.add(out);
            edges.add(new Edge(center.id(), out.id(), "writes"));
        }
        return render(title, nodes, edges, maxNodes);
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
