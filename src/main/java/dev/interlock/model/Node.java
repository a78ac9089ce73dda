package dev.interlock.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only, typed view of one value of a parsed document tree (YAML or JSON read into maps, lists, strings,
 * numbers and booleans). Asking for a field that is absent, or of another type, gives {@link #MISSING} or an
 * empty answer instead of a cast failure, so code past validation reads descriptors without type tests.
 *
 * <p>This is the one place that looks at the untyped tree; everything else reads {@link Entity}, {@link Metadata},
 * {@link PipelineSpec} or a {@code Node}.
 */
public final class Node {

    /** The node of an absent value. */
    public static final Node MISSING = new Node(null);

    private final Object value;

    private Node(Object value) {
        this.value = value;
    }

    /** A view of a parsed value (a map, list, string, number, boolean or {@code null}). */
    public static Node of(Object value) {
        return value == null ? MISSING : new Node(value);
    }

    /** The field of an object, or {@link #MISSING} when this is not an object or has no such field. */
    public Node get(String field) {
        return value instanceof Map<?, ?> m ? of(m.get(field)) : MISSING;
    }

    /** The value at a dotted path of object fields ({@code trigger.schedule}). */
    public Node at(String dottedPath) {
        Node n = this;
        for (String part : dottedPath.split("\\.")) {
            n = n.get(part);
        }
        return n;
    }

    public boolean isMissing() {
        return value == null;
    }

    public boolean isObject() {
        return value instanceof Map;
    }

    public boolean isList() {
        return value instanceof List;
    }

    public boolean isString() {
        return value instanceof String;
    }

    public boolean isNumber() {
        return value instanceof Number;
    }

    /** The numeric value, or {@code null} when this is not a number. */
    public Number number() {
        return value instanceof Number n ? n : null;
    }

    /** Whether this is an object with exactly one field, named one of {@code keys} ({@code {$text: ./a.yaml}}). */
    public boolean isObjectWithOnly(java.util.Collection<String> keys) {
        return value instanceof Map<?, ?> m
                && m.size() == 1
                && keys.contains(String.valueOf(m.keySet().iterator().next()));
    }

    /** The string value, or {@code null} when this is not a string. */
    public String text() {
        return value instanceof String s ? s : null;
    }

    /** The string value, or {@code fallback} when this is not a non-empty string. */
    public String text(String fallback) {
        return value instanceof String s && !s.isEmpty() ? s : fallback;
    }

    /** The boolean value, or {@code null} when this is not a boolean. */
    public Boolean bool() {
        return value instanceof Boolean b ? b : null;
    }

    /** The value as text whatever its scalar type ({@code 3}, {@code true}), or {@code null} for objects and lists. */
    public String scalarText() {
        return value == null || value instanceof Map || value instanceof List ? null : String.valueOf(value);
    }

    /** The items of a list; empty when this is not a list. */
    public List<Node> items() {
        if (!(value instanceof List<?> l)) {
            return List.of();
        }
        List<Node> out = new ArrayList<>(l.size());
        for (Object o : l) {
            out.add(of(o));
        }
        return out;
    }

    /** The string items of a list (other items skipped); a single string is a list of one. */
    public List<String> strings() {
        if (value instanceof String s) {
            return List.of(s);
        }
        if (!(value instanceof List<?> l)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(l.size());
        for (Object o : l) {
            if (o instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    /** The fields of an object in their written order; empty when this is not an object. */
    public Map<String, Node> fields() {
        if (!(value instanceof Map<?, ?> m)) {
            return Map.of();
        }
        Map<String, Node> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), of(v)));
        return out;
    }

    /** The field names of an object; empty when this is not an object. */
    public Set<String> keys() {
        return fields().keySet();
    }

    /** The string-valued fields of an object (labels, annotations); other fields skipped. */
    public Map<String, String> stringFields() {
        if (!(value instanceof Map<?, ?> m)) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v instanceof String s) {
                out.put(String.valueOf(k), s);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * The value as an object tree, for serialising or handing to an expression language; an empty map when this is
     * not an object. Callers must not modify it.
     */
    public Map<String, Object> asTree() {
        if (!(value instanceof Map<?, ?> m)) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return Collections.unmodifiableMap(out);
    }

    /** The value itself (map, list, string, number, boolean or {@code null}), for serialising. */
    public Object raw() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node n && java.util.Objects.equals(value, n.value);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
