package dev.interlock.descriptor;

import java.util.Map;

/**
 * One document of a submitted body, as parsed: the raw tree (maps, lists, strings, numbers, booleans),
 * where each field was written, and the document's own text.
 *
 * @param document 1-based index of the document in the body
 * @param root the parsed document; usually a {@code Map<String, Object>}, but any YAML value is possible
 * @param positions the position of each field by its dotted path ({@code metadata.name}, {@code spec.dependsOn.0})
 * @param start where the document starts
 * @param source the document's text as submitted (kept to show people what was registered)
 * @param location where the document came from ({@code api:<user>}, {@code file:<path>}); may be {@code null}
 */
public record Descriptor(
        int document, Object root, Map<String, Position> positions, Position start, String source, String location) {

    /** The position of a field, or of the closest enclosing field that has one, or of the document. */
    public Position positionOf(String path) {
        String p = path;
        while (p != null && !p.isEmpty()) {
            Position pos = positions.get(p);
            if (pos != null) {
                return pos;
            }
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? null : p.substring(0, dot);
        }
        return start;
    }
}
