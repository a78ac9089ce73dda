package dev.interlock.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.interlock.scorecard.ScorecardService;

/** The trend of a scorecard as an SVG of stacked bars, one per day with a change: how many reached each level. */
public final class TrendChart {

    private static final Map<String, String> COLOURS =
            Map.of("gold", "#e3c45a", "silver", "#b8c2cc", "bronze", "#d9a77f", "none", "#f3b5be");
    private static final int BAR = 28;
    private static final int GAP = 10;
    private static final int HEIGHT = 160;

    private TrendChart() {}

    /** The chart, or a sentence when there is nothing (or only one day) to show. */
    public static String svg(List<String> levels, List<ScorecardService.TrendPoint> points) {
        if (points.isEmpty()) {
            return "<p class=\"hint\">No results yet.</p>";
        }
        List<String> stack = new ArrayList<>();
        stack.add("none");
        stack.addAll(levels);
        long max = points.stream()
                .mapToLong(p ->
                        p.levels().values().stream().mapToLong(Long::longValue).sum())
                .max()
                .orElse(1);
        int width = points.size() * (BAR + GAP) + GAP;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\""
                + Math.max(width, 200) + "\" height=\"" + (HEIGHT + 30) + "\" viewBox=\"0 0 " + Math.max(width, 200)
                + " " + (HEIGHT + 30) + "\"><title>Entities per level, per day</title>");
        for (int i = 0; i < points.size(); i++) {
            ScorecardService.TrendPoint p = points.get(i);
            int x = GAP + i * (BAR + GAP);
            double y = HEIGHT;
            for (String level : stack) {
                long n = p.levels().getOrDefault(level, 0L);
                double h = (double) n / max * (HEIGHT - 10);
                y -= h;
                if (n > 0) {
                    svg.append(String.format(
                            java.util.Locale.ROOT,
                            "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s: %s %d</title></rect>",
                            x,
                            y,
                            BAR,
                            h,
                            COLOURS.getOrDefault(level, "#ccc"),
                            p.day(),
                            escape(level),
                            n));
                }
            }
            svg.append("<text x=\"")
                    .append(x + BAR / 2)
                    .append("\" y=\"")
                    .append(HEIGHT + 16)
                    .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"#57606a\">")
                    .append(p.day().substring(5))
                    .append("</text>");
        }
        svg.append("</svg>");
        if (points.size() == 1) {
            svg.append("<p class=\"hint\">Only one day of data so far (")
                    .append(points.get(0).day())
                    .append("): the trend shows from the next day with a change.</p>");
        }
        return svg.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
