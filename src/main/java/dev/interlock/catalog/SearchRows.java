package dev.interlock.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.interlock.model.Entity;
import dev.interlock.model.Node;

/**
 * Flattens an entity into {@code (key, value)} rows for filtering, facets and full-text search (Backstage's
 * search table): keys are lower-case dotted paths, list items share their list's key, values are lower-case.
 * Values longer than {@link #MAX_VALUE} are not indexed, as in Backstage.
 */
public final class SearchRows {

    /** Longest value indexed. */
    public static final int MAX_VALUE = 200;

    private static final int MAX_KEY = 200;

    /**
     * One row; {@code value} is {@code null} for a value too long to index (the key still "exists"), and
     * {@code original} is {@code null} when it is the same as {@code value} (most are already lower-case).
     */
    public record Row(String key, String value, String original) {}

    /**
     * Not indexed: version stamps change on every write and are never searched for; uid and namespace are columns
     * of the entities table, which answers filters and facets on them.
     */
    private static final java.util.Set<String> SKIPPED =
            java.util.Set.of("metadata.etag", "metadata.generation", "metadata.uid", "metadata.namespace");

    private SearchRows() {}

    /** The rows of an entity. */
    public static List<Row> of(Entity entity) {
        return of(entity.root());
    }

    /** The rows of an entity body as a parsed tree. */
    public static List<Row> of(Map<String, Object> entity) {
        return of(Node.of(entity));
    }

    private static List<Row> of(Node entity) {
        List<Row> rows = new ArrayList<>();
        flatten("", entity, rows);
        return rows;
    }

    private static void flatten(String path, Node value, List<Row> rows) {
        if (value.isObject()) {
            value.fields().forEach((key, v) -> flatten(path.isEmpty() ? key : path + "." + key, v, rows));
        } else if (value.isList()) {
            for (Node item : value.items()) {
                flatten(path, item, rows);
                if (path.equals("metadata.tags") && item.isString()) {
                    // Backstage's form for one tag: filter=metadata.tags.java
                    flatten(path + "." + item.text(), Node.of("true"), rows);
                }
            }
        } else if (!path.isEmpty()) {
            // Lower-casing can lengthen text ("İ" becomes two characters): measure what is stored.
            String key = path.toLowerCase(Locale.ROOT);
            if (key.length() > MAX_KEY || SKIPPED.contains(key)) {
                return;
            }
            String text = value.scalarText();
            if (text == null) {
                rows.add(new Row(key, null, null));
                return;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.length() > MAX_VALUE || text.length() > MAX_VALUE) {
                rows.add(new Row(key, null, null));
            } else {
                rows.add(new Row(key, lower, lower.equals(text) ? null : text));
            }
        }
    }
}
