package dev.interlock.web.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

    /** Most nodes drawn; the rest are summarised in a note. */
    static final int MAX_NODES = 40;
    /** Longest node label shown before it is cut with an ellipsis. */
    static final int MAX_LABEL_CHARS = 28;

    private static final int MAX_EDGE_LABEL_CHARS = 22;
    private static final int NODE_W = 224;
    private static final int NODE_H = 44;
    private static final int COL_GAP = 150;
    private static final int ROW_GAP = 20;
    private static final int PAD = 16;
    private static final int NOTE_H = 22;
    private static final int MAX_HEIGHT = 600;
    private static final int MIN_BEND = 40;
    private static final int BACK_EDGE_OFFSET = 14;
    private static final int SWEEPS = 2;
    private static final String ELLIPSIS = "\u2026";
    private static final String FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
    private static final String TEXT = "#1f2933";
    private static final String MUTED_TEXT = "#52606d";
    private static final String EDGE = "#8a94a3";
    private static final String EDGE_TEXT = "#4b5563";

    private record Palette(String fill, String stroke) {}

    private static final Palette UNRESOLVED = new Palette("#f4f5f7", "#9aa1ab");
    private static final Palette DEFAULT = new Palette("#f1f3f5", "#64748b");
    /** Kind colours; the stylesheet's kind badges use the same ones. */
    private static final Map<String, Palette> PALETTE = Map.of(
            "component", new Palette("#e7f0fb", "#2b6cb0"),
            "resource", new Palette("#e6f4ea", "#2f855a"),
            "api", new Palette("#f1ebfa", "#6b46c1"),
            "system", new Palette("#e3f4f4", "#2c7a7b"),
            "group", new Palette("#fdf1e1", "#b7791f"),
            "user", new Palette("#fcebef", "#b83250"),
            "domain", new Palette("#eceefb", "#4c51bf"));

    private SvgGraph() {}

    /** Renders a left-to-right layered layout. {@code title} is used for {@code <title>} (accessibility). */
    public static String render(String title, List<Node> nodes, List<Edge> edges) {
        Graph graph = Graph.of(nodes, edges);
        String heading = title == null || title.isBlank() ? "Graph" : title;
        if (graph.nodes().isEmpty()) {
            return empty(heading);
        }
        Graph shown = graph.limitTo(MAX_NODES);
        return new Renderer(heading, graph, shown, new Layout(shown)).svg();
    }

    /**
     * Flow diagram: inputs column, then the pipeline, then the outputs column, with edges labelled
     * "read by" and "writes", so that each arrow reads as a sentence left to right. The pipeline is always drawn emphasised.
     */
    public static String flow(String title, List<Node> inputs, Node pipeline, List<Node> outputs) {
        Objects.requireNonNull(pipeline, "pipeline");
        Node center = new Node(pipeline.id(), pipeline.label(), pipeline.kind(), pipeline.resolved(),
                pipeline.href(), true);
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
        return render(title, nodes, edges);
    }

    private static String empty(String title) {
        String ids = "ig" + Integer.toHexString(title.hashCode());
        int w = 240;
        int h = 48;
        StringBuilder out = new StringBuilder();
        openSvg(out, ids, w, h, title, describe(0, 0), "img");
        out.append("<rect x=\"0.5\" y=\"0.5\" width=\"").append(w - 1).append("\" height=\"").append(h - 1)
                .append("\" rx=\"8\" fill=\"#f8f9fa\" stroke=\"#d0d5dd\"/>")
                .append("<text x=\"").append(w / 2).append("\" y=\"").append(h / 2 + 4)
                .append("\" text-anchor=\"middle\" fill=\"").append(EDGE_TEXT).append("\">No relations</text>")
                .append("</svg>");
        return out.toString();
    }

    private static void openSvg(StringBuilder out, String ids, double w, double h, String title, String desc,
            String role) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(num(w)).append(' ')
                .append(num(h)).append("\" width=\"").append(num(w)).append("\" height=\"").append(num(Math.min(h, MAX_HEIGHT)))
                .append("\" role=\"").append(role).append("\" aria-labelledby=\"").append(ids).append("-title ").append(ids)
                .append("-desc\" font-family=\"").append(FONT).append("\" font-size=\"13\">")
                .append("<title id=\"").append(ids).append("-title\">").append(esc(title)).append("</title>")
                .append("<desc id=\"").append(ids).append("-desc\">").append(esc(desc)).append("</desc>");
    }

    private static String describe(int entities, int relations) {
        return entities + (entities == 1 ? " entity, " : " entities, ")
                + relations + (relations == 1 ? " relation" : " relations");
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    /** One drawn arrow: all input edges between the same two nodes, labels joined. */
    private record Link(String from, String to, String label) {}

    /** The de-duplicated input: nodes by id (first wins), links sorted by (from, to). */
    private record Graph(Map<String, Node> nodes, List<Link> links, int relations) {

        static Graph of(List<Node> nodeList, List<Edge> edgeList) {
            Map<String, Node> nodes = new TreeMap<>();
            for (Node node : nonNull(nodeList)) {
                nodes.putIfAbsent(node.id(), node);
            }
            Map<List<String>, Set<String>> labels = new TreeMap<>(
                    Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
            int relations = 0;
            for (Edge edge : nonNull(edgeList)) {
                if (nodes.containsKey(edge.from()) && nodes.containsKey(edge.to()) && !edge.from().equals(edge.to())
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
            links.forEach(l -> key.append('\n').append(l.from()).append('>').append(l.to()).append(':').append(l.label()));
            return "ig" + Integer.toHexString(key.toString().hashCode());
        }
    }

    /** Longest-path layering over the graph with depth-first back edges removed. */
    private static final class Layering {
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

        List<Link> forward() {
            return graph.links().stream().filter(l -> !back.contains(l)).toList();
        }

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

    private record Point(double x, double y) {}

    /** Columns ordered by barycenter sweeps, and the resulting node positions. */
    private static final class Layout {
        private final List<List<String>> columns = new ArrayList<>();
        private final Map<String, Integer> columnOf;
        private final Map<String, Point> at = new HashMap<>();
        private final int rows;

        Layout(Graph graph) {
            Layering layering = new Layering(graph);
            columnOf = layering.layers();
            graph.nodes().keySet().forEach(id -> {
                int column = columnOf.get(id);
                while (columns.size() <= column) {
                    columns.add(new ArrayList<>());
                }
                columns.get(column).add(id);
            });
            reduceCrossings(layering.forward());
            rows = columns.stream().mapToInt(List::size).max().orElse(0);
            place();
        }

        private void reduceCrossings(List<Link> forward) {
            Map<String, List<String>> predecessors = new HashMap<>();
            Map<String, List<String>> successors = new HashMap<>();
            for (Link link : forward) {
                predecessors.computeIfAbsent(link.to(), k -> new ArrayList<>()).add(link.from());
                successors.computeIfAbsent(link.from(), k -> new ArrayList<>()).add(link.to());
            }
            for (int sweep = 0; sweep < SWEEPS; sweep++) {
                for (int c = 1; c < columns.size(); c++) {
                    sortByBarycenter(columns.get(c), predecessors);
                }
                for (int c = columns.size() - 2; c >= 0; c--) {
                    sortByBarycenter(columns.get(c), successors);
                }
            }
        }

        private void sortByBarycenter(List<String> column, Map<String, List<String>> neighbours) {
            Map<String, Double> barycenter = new HashMap<>();
            for (String id : column) {
                barycenter.put(id, neighbours.getOrDefault(id, List.of()).stream()
                        .mapToDouble(this::rank).average().orElse(rank(id)));
            }
            column.sort(Comparator.comparingDouble(barycenter::get));
        }

        /** Position within its column, centred on zero so columns of different sizes compare. */
        private double rank(String id) {
            List<String> column = columns.get(columnOf.get(id));
            return column.indexOf(id) - (column.size() - 1) / 2.0;
        }

        private void place() {
            for (int c = 0; c < columns.size(); c++) {
                List<String> column = columns.get(c);
                double top = PAD + (rows - column.size()) * (NODE_H + ROW_GAP) / 2.0;
                for (int r = 0; r < column.size(); r++) {
                    at.put(column.get(r), new Point(PAD + c * (NODE_W + COL_GAP), top + r * (NODE_H + ROW_GAP)));
                }
            }
        }

        double width() {
            return 2 * PAD + columns.size() * NODE_W + (columns.size() - 1) * COL_GAP;
        }

        double height() {
            return 2 * PAD + rows * NODE_H + (rows - 1) * ROW_GAP;
        }
    }

    /** Writes the SVG document for a laid-out graph. */
    private static final class Renderer {
        private final StringBuilder out = new StringBuilder();
        private final String title;
        private final Graph graph;
        private final Graph shown;
        private final Layout layout;
        private final String ids;

        Renderer(String title, Graph graph, Graph shown, Layout layout) {
            this.title = title;
            this.graph = graph;
            this.shown = shown;
            this.layout = layout;
            this.ids = graph.token(title);
        }

        String svg() {
            int hidden = graph.nodes().size() - shown.nodes().size();
            double height = layout.height() + (hidden > 0 ? NOTE_H : 0);
            // A group, not an image: its nodes are links a keyboard must reach (an image's content is presentational).
            openSvg(out, ids, layout.width(), height, title, describe(graph.nodes().size(), graph.relations()), "group");
            out.append("<defs><marker id=\"").append(ids).append("-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
                    .append(" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\">")
                    .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"").append(EDGE).append("\"/></marker></defs>");
            out.append("<g class=\"edges\">");
            shown.links().forEach(this::edge);
            out.append("</g><g class=\"nodes\">");
            layout.columns.forEach(column -> column.forEach(id -> node(shown.nodes().get(id))));
            out.append("</g>");
            if (hidden > 0) {
                out.append("<text class=\"note\" x=\"").append(PAD).append("\" y=\"").append(num(height - PAD / 2.0))
                        .append("\" font-size=\"12\" fill=\"").append(EDGE_TEXT).append("\">+").append(hidden)
                        .append(" more not shown</text>");
            }
            return out.append("</svg>").toString();
        }

        private void edge(Link link) {
            Point a = layout.at.get(link.from());
            Point b = layout.at.get(link.to());
            boolean forward = b.x() > a.x();
            double offset = forward ? NODE_H / 2.0 : NODE_H / 2.0 + BACK_EDGE_OFFSET;
            Point start = new Point(forward ? a.x() + NODE_W : a.x(), a.y() + offset);
            Point end = new Point(forward ? b.x() : b.x() + NODE_W, b.y() + offset);
            double bend = Math.max(MIN_BEND, Math.abs(end.x() - start.x()) / 2) * (forward ? 1 : -1);
            Point c1 = new Point(start.x() + bend, start.y());
            Point c2 = new Point(end.x() - bend, end.y());
            String relation = link.label().isEmpty() ? "\u2192" : link.label();
            out.append("<g class=\"edge").append(forward ? "" : " back").append("\" data-from=\"")
                    .append(esc(link.from())).append("\" data-to=\"").append(esc(link.to())).append("\">")
                    .append("<title>").append(esc(labelOf(link.from()) + " " + relation + " " + labelOf(link.to())))
                    .append("</title><path d=\"M").append(xy(start)).append(" C").append(xy(c1)).append(' ')
                    .append(xy(c2)).append(' ').append(xy(end)).append("\" fill=\"none\" stroke=\"").append(EDGE)
                    .append("\" stroke-width=\"1.5\"").append(forward ? "" : " stroke-dasharray=\"6 4\"")
                    .append(" marker-end=\"url(#").append(ids).append("-arrow)\"/>");
            if (!link.label().isEmpty()) {
                // Next to its own edge, never on top of its siblings': where a node fans out, at the far end (the
                // targets are a row apart); where edges fan in, at the near end.
                boolean atEnd = fan(link.from(), true) >= fan(link.to(), false);
                Point at = atEnd ? end : start;
                boolean leftOfPoint = atEnd == forward;
                edgeLabel(link.label(), new Point(at.x() + (leftOfPoint ? -8 : 8), at.y()),
                        leftOfPoint ? "end" : "start");
            }
            out.append("</g>");
        }

        /** How many shown edges leave ({@code out}) or reach a node. */
        private long fan(String id, boolean out) {
            return shown.links().stream().filter(l -> (out ? l.from() : l.to()).equals(id)).count();
        }

        private void edgeLabel(String label, Point at, String anchor) {
            out.append("<text x=\"").append(num(at.x())).append("\" y=\"").append(num(at.y() - 5))
                    .append("\" text-anchor=\"").append(anchor).append("\" font-size=\"11\" fill=\"").append(EDGE_TEXT)
                    .append("\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">")
                    .append(esc(truncate(label, MAX_EDGE_LABEL_CHARS))).append("</text>");
        }

        private void node(Node node) {
            String href = safeHref(node.href());
            if (href != null) {
                out.append("<a href=\"").append(esc(href)).append("\">");
            }
            Point p = layout.at.get(node.id());
            Palette palette = node.resolved() ? PALETTE.getOrDefault(lower(node.kind()), DEFAULT) : UNRESOLVED;
            String label = labelOf(node.id());
            String second = node.resolved() ? node.kind() : "(not in catalog)";
            out.append("<g class=\"node").append(node.center() ? " center" : "")
                    .append(node.resolved() ? "" : " unresolved").append("\" data-id=\"").append(esc(node.id()))
                    .append("\" transform=\"translate(").append(num(p.x())).append(',').append(num(p.y())).append(")\">")
                    .append("<title>").append(esc(node.resolved() ? label : label + " (not in catalog)")).append("</title>")
                    .append("<rect width=\"").append(NODE_W).append("\" height=\"").append(NODE_H)
                    .append("\" rx=\"8\" fill=\"").append(palette.fill()).append("\" stroke=\"").append(palette.stroke())
                    .append("\" stroke-width=\"").append(node.center() ? "2.5" : "1.2").append('"')
                    .append(node.resolved() ? "" : " stroke-dasharray=\"5 3\"").append("/>");
            boolean twoLines = second != null && !second.isBlank();
            text(truncate(label, MAX_LABEL_CHARS), twoLines ? 19 : 26.5, node.resolved() ? TEXT : EDGE_TEXT,
                    node.center() ? " font-weight=\"600\"" : "");
            if (twoLines) {
                text(truncate(second, MAX_LABEL_CHARS), 34, node.resolved() ? MUTED_TEXT : EDGE_TEXT,
                        " font-size=\"11\"");
            }
            out.append("</g>");
            if (href != null) {
                out.append("</a>");
            }
        }

        private void text(String content, double y, String fill, String extra) {
            out.append("<text x=\"").append(NODE_W / 2).append("\" y=\"").append(num(y))
                    .append("\" text-anchor=\"middle\" fill=\"").append(fill).append('"').append(extra).append('>')
                    .append(esc(content)).append("</text>");
        }

        private String labelOf(String id) {
            String label = graph.nodes().get(id).label();
            return label == null || label.isBlank() ? id : label;
        }
    }

    /**
     * Returns the href if it is an internal path, else null. Rejects protocol-relative forms
     * ("//host", and "/\host" which browsers treat alike) and control characters, which URL parsers
     * strip and could turn "/\t/host" into "//host".
     */
    static String safeHref(String href) {
        if (href == null || !href.startsWith("/")) {
            return null;
        }
        if (href.length() > 1 && (href.charAt(1) == '/' || href.charAt(1) == '\\')) {
            return null;
        }
        return href.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? null : href;
    }

    /** Cuts text longer than {@code max} code points, ending it with an ellipsis. */
    static String truncate(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + ELLIPSIS;
    }

    /** Escapes XML markup characters and replaces characters XML 1.0 does not allow. */
    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.appendCodePoint(isXmlChar(c) ? c : 0xFFFD);
            }
        });
        return out.toString();
    }

    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private static String lower(String kind) {
        return kind == null ? "" : kind.toLowerCase(Locale.ROOT);
    }

    private static String xy(Point p) {
        return num(p.x()) + "," + num(p.y());
    }

    /** Formats a coordinate with at most one decimal, independent of the default locale. */
    private static String num(double value) {
        long tenths = Math.round(value * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : Double.toString(tenths / 10.0);
    }
}
