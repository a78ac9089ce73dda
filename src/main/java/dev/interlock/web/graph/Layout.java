package dev.interlock.web.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.interlock.web.graph.Graph.Link;

/**
 * Where each box goes: columns from {@link Layering}, each column ordered by a few barycenter sweeps to reduce
 * crossings (ties broken by id, so the same graph always lands the same way), then positions on a grid.
 */
final class Layout {

    static final int NODE_W = 224;
    static final int NODE_H = 44;
    static final int PAD = 16;
    private static final int COL_GAP = 150;
    private static final int ROW_GAP = 20;
    private static final int SWEEPS = 2;

    /** A point of the picture. */
    record Point(double x, double y) {}

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
            barycenter.put(
                    id,
                    neighbours.getOrDefault(id, List.of()).stream()
                            .mapToDouble(this::rank)
                            .average()
                            .orElse(rank(id)));
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

    /** The node ids column by column, each column top to bottom. */
    List<List<String>> columns() {
        return columns;
    }

    /** The top-left corner of a node's box. */
    Point at(String id) {
        return at.get(id);
    }

    double width() {
        return 2 * PAD + columns.size() * NODE_W + (columns.size() - 1) * COL_GAP;
    }

    double height() {
        return 2 * PAD + rows * NODE_H + (rows - 1) * ROW_GAP;
    }
}
