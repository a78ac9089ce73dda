package dev.interlock.web.graph;

import static dev.interlock.web.graph.Layout.NODE_H;
import static dev.interlock.web.graph.Layout.NODE_W;
import static dev.interlock.web.graph.Layout.PAD;
import static dev.interlock.web.graph.SvgText.esc;
import static dev.interlock.web.graph.SvgText.num;
import static dev.interlock.web.graph.SvgText.truncate;
import static dev.interlock.web.graph.SvgText.xy;

import java.util.Locale;
import java.util.Map;

import dev.interlock.web.graph.Graph.Link;
import dev.interlock.web.graph.Layout.Point;
import dev.interlock.web.graph.SvgGraph.Node;

/**
 * Writes the SVG document of a laid-out graph: boxes coloured by kind, arrows with their labels, a note for the
 * boxes left out. Presentation attributes only (no style elements, scripts or external references), so a strict
 * Content-Security-Policy does not affect it.
 */
final class SvgDrawing {

    private static final int MAX_EDGE_LABEL_CHARS = 22;
    private static final int NOTE_H = 22;
    private static final int MAX_HEIGHT = 600;
    private static final int MIN_BEND = 40;
    private static final int BACK_EDGE_OFFSET = 14;
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

    private final StringBuilder out = new StringBuilder();
    private final String title;
    private final Graph graph;
    private final Graph shown;
    private final Layout layout;
    private final String ids;

    /**
     * @param graph the whole input, for the description and labels
     * @param shown the part of it drawn
     * @param layout where the shown part goes
     */
    SvgDrawing(String title, Graph graph, Graph shown, Layout layout) {
        this.title = title;
        this.graph = graph;
        this.shown = shown;
        this.layout = layout;
        this.ids = graph.token(title);
    }

    /** The picture of a graph without nodes. */
    static String empty(String title) {
        String ids = "ig" + Integer.toHexString(title.hashCode());
        int w = 240;
        int h = 48;
        StringBuilder out = new StringBuilder();
        openSvg(out, ids, w, h, title, describe(0, 0), "img");
        out.append("<rect x=\"0.5\" y=\"0.5\" width=\"")
                .append(w - 1)
                .append("\" height=\"")
                .append(h - 1)
                .append("\" rx=\"8\" fill=\"#f8f9fa\" stroke=\"#d0d5dd\"/>")
                .append("<text x=\"")
                .append(w / 2)
                .append("\" y=\"")
                .append(h / 2 + 4)
                .append("\" text-anchor=\"middle\" fill=\"")
                .append(EDGE_TEXT)
                .append("\">No relations</text>")
                .append("</svg>");
        return out.toString();
    }

    private static void openSvg(
            StringBuilder out, String ids, double w, double h, String title, String desc, String role) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(num(w))
                .append(' ')
                .append(num(h))
                .append("\" width=\"")
                .append(num(w))
                .append("\" height=\"")
                .append(num(Math.min(h, MAX_HEIGHT)))
                .append("\" role=\"")
                .append(role)
                .append("\" aria-labelledby=\"")
                .append(ids)
                .append("-title ")
                .append(ids)
                .append("-desc\" font-family=\"")
                .append(FONT)
                .append("\" font-size=\"13\">")
                .append("<title id=\"")
                .append(ids)
                .append("-title\">")
                .append(esc(title))
                .append("</title>")
                .append("<desc id=\"")
                .append(ids)
                .append("-desc\">")
                .append(esc(desc))
                .append("</desc>");
    }

    private static String describe(int entities, int relations) {
        return entities
                + (entities == 1 ? " entity, " : " entities, ")
                + relations
                + (relations == 1 ? " relation" : " relations");
    }

    String svg() {
        int hidden = graph.nodes().size() - shown.nodes().size();
        double height = layout.height() + (hidden > 0 ? NOTE_H : 0);
        // A group, not an image: its nodes are links a keyboard must reach (an image's content is presentational).
        openSvg(out, ids, layout.width(), height, title, describe(graph.nodes().size(), graph.relations()), "group");
        out.append("<defs><marker id=\"")
                .append(ids)
                .append("-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
                .append(" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\">")
                .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                .append(EDGE)
                .append("\"/></marker></defs>");
        out.append("<g class=\"edges\">");
        shown.links().forEach(this::edge);
        out.append("</g><g class=\"nodes\">");
        layout.columns()
                .forEach(column -> column.forEach(id -> node(shown.nodes().get(id))));
        out.append("</g>");
        if (hidden > 0) {
            out.append("<text class=\"note\" x=\"")
                    .append(PAD)
                    .append("\" y=\"")
                    .append(num(height - PAD / 2.0))
                    .append("\" font-size=\"12\" fill=\"")
                    .append(EDGE_TEXT)
                    .append("\">+")
                    .append(hidden)
                    .append(" more not shown</text>");
        }
        return out.append("</svg>").toString();
    }

    private void edge(Link link) {
        Point a = layout.at(link.from());
        Point b = layout.at(link.to());
        boolean forward = b.x() > a.x();
        double offset = forward ? NODE_H / 2.0 : NODE_H / 2.0 + BACK_EDGE_OFFSET;
        Point start = new Point(forward ? a.x() + NODE_W : a.x(), a.y() + offset);
        Point end = new Point(forward ? b.x() : b.x() + NODE_W, b.y() + offset);
        double bend = Math.max(MIN_BEND, Math.abs(end.x() - start.x()) / 2) * (forward ? 1 : -1);
        Point c1 = new Point(start.x() + bend, start.y());
        Point c2 = new Point(end.x() - bend, end.y());
        String relation = link.label().isEmpty() ? "\u2192" : link.label();
        out.append("<g class=\"edge")
                .append(forward ? "" : " back")
                .append("\" data-from=\"")
                .append(esc(link.from()))
                .append("\" data-to=\"")
                .append(esc(link.to()))
                .append("\">")
                .append("<title>")
                .append(esc(graph.labelOf(link.from()) + " " + relation + " " + graph.labelOf(link.to())))
                .append("</title><path d=\"M")
                .append(xy(start))
                .append(" C")
                .append(xy(c1))
                .append(' ')
                .append(xy(c2))
                .append(' ')
                .append(xy(end))
                .append("\" fill=\"none\" stroke=\"")
                .append(EDGE)
                .append("\" stroke-width=\"1.5\"")
                .append(forward ? "" : " stroke-dasharray=\"6 4\"")
                .append(" marker-end=\"url(#")
                .append(ids)
                .append("-arrow)\"/>");
        if (!link.label().isEmpty()) {
            // Next to its own edge, never on top of its siblings': where a node fans out, at the far end (the
            // targets are a row apart); where edges fan in, at the near end.
            boolean atEnd = fan(link.from(), true) >= fan(link.to(), false);
            Point at = atEnd ? end : start;
            boolean leftOfPoint = atEnd == forward;
            edgeLabel(link.label(), new Point(at.x() + (leftOfPoint ? -8 : 8), at.y()), leftOfPoint ? "end" : "start");
        }
        out.append("</g>");
    }

    /** How many shown edges leave ({@code out}) or reach a node. */
    private long fan(String id, boolean out) {
        return shown.links().stream()
                .filter(l -> (out ? l.from() : l.to()).equals(id))
                .count();
    }

    private void edgeLabel(String label, Point at, String anchor) {
        out.append("<text x=\"")
                .append(num(at.x()))
                .append("\" y=\"")
                .append(num(at.y() - 5))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\" font-size=\"11\" fill=\"")
                .append(EDGE_TEXT)
                .append("\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">")
                .append(esc(truncate(label, MAX_EDGE_LABEL_CHARS)))
                .append("</text>");
    }

    private void node(Node node) {
        String href = SvgText.safeHref(node.href());
        if (href != null) {
            out.append("<a href=\"").append(esc(href)).append("\">");
        }
        Point p = layout.at(node.id());
        Palette palette = node.resolved() ? PALETTE.getOrDefault(lower(node.kind()), DEFAULT) : UNRESOLVED;
        String label = graph.labelOf(node.id());
        String second = node.resolved() ? node.kind() : "(not in catalog)";
        out.append("<g class=\"node")
                .append(node.center() ? " center" : "")
                .append(node.resolved() ? "" : " unresolved")
                .append("\" data-id=\"")
                .append(esc(node.id()))
                .append("\" transform=\"translate(")
                .append(num(p.x()))
                .append(',')
                .append(num(p.y()))
                .append(")\">")
                .append("<title>")
                .append(esc(node.resolved() ? label : label + " (not in catalog)"))
                .append("</title>")
                .append("<rect width=\"")
                .append(NODE_W)
                .append("\" height=\"")
                .append(NODE_H)
                .append("\" rx=\"8\" fill=\"")
                .append(palette.fill())
                .append("\" stroke=\"")
                .append(palette.stroke())
                .append("\" stroke-width=\"")
                .append(node.center() ? "2.5" : "1.2")
                .append('"')
                .append(node.resolved() ? "" : " stroke-dasharray=\"5 3\"")
                .append("/>");
        boolean twoLines = second != null && !second.isBlank();
        text(
                truncate(label, SvgGraph.MAX_LABEL_CHARS),
                twoLines ? 19 : 26.5,
                node.resolved() ? TEXT : EDGE_TEXT,
                node.center() ? " font-weight=\"600\"" : "");
        if (twoLines) {
            text(
                    truncate(second, SvgGraph.MAX_LABEL_CHARS),
                    34,
                    node.resolved() ? MUTED_TEXT : EDGE_TEXT,
                    " font-size=\"11\"");
        }
        out.append("</g>");
        if (href != null) {
            out.append("</a>");
        }
    }

    private void text(String content, double y, String fill, String extra) {
        out.append("<text x=\"")
                .append(NODE_W / 2)
                .append("\" y=\"")
                .append(num(y))
                .append("\" text-anchor=\"middle\" fill=\"")
                .append(fill)
                .append('"')
                .append(extra)
                .append('>')
                .append(esc(content))
                .append("</text>");
    }

    private static String lower(String kind) {
        return kind == null ? "" : kind.toLowerCase(Locale.ROOT);
    }
}
