package dev.interlock.web.graph;

import dev.interlock.web.graph.Layout.Point;

/** Text as it may go into inlined SVG: escaped, cut to length, links kept internal, numbers locale-free. */
final class SvgText {

    private static final String ELLIPSIS = "\u2026";

    private SvgText() {}

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
        return c == 0x9
                || c == 0xA
                || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    static String xy(Point p) {
        return num(p.x()) + "," + num(p.y());
    }

    /** Formats a coordinate with at most one decimal, independent of the default locale. */
    static String num(double value) {
        long tenths = Math.round(value * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : Double.toString(tenths / 10.0);
    }
}
