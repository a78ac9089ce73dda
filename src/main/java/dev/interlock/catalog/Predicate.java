package dev.interlock.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.interlock.model.Node;

/**
 * Backstage's filter predicates ({@code @backstage/filter-predicates}), parsed once into values: {@code $all},
 * {@code $any}, {@code $not}, and field expressions ({@code {"kind": "component", "spec.type": {"$in": [...]}}})
 * whose values are a primitive (case-insensitive equality, numbers compared as text), {@code $exists},
 * {@code $in}, {@code $hasPrefix} or {@code $contains}. {@link CatalogQueries} turns them into the same SQL as the
 * GET filters; {@link #matches} evaluates one in memory (locations, by-refs).
 */
public sealed interface Predicate {

    /** All must hold. */
    record All(List<Predicate> of) implements Predicate {}

    /** At least one must hold. */
    record Any(List<Predicate> of) implements Predicate {}

    /** Must not hold. */
    record Not(Predicate predicate) implements Predicate {}

    /** Every field condition must hold. */
    record Fields(List<Field> fields) implements Predicate {}

    /**
     * A condition on the value at a dotted path.
     *
     * @param path the path as written ({@code metadata.annotations.backstage.io/orphan})
     * @param matcher what the value must be
     */
    record Field(String path, Matcher matcher) {

        /** The lower-case key of the search table. */
        public String key() {
            return path.toLowerCase(Locale.ROOT);
        }
    }

    /** What a value must be. */
    sealed interface Matcher {}

    /** Equal, ignoring case; numbers and booleans compared as text. */
    record Eq(String value) implements Matcher {}

    /** Equal to one of these. */
    record In(List<String> values) implements Matcher {}

    /** Present ({@code true}) or absent ({@code false}). */
    record Exists(boolean exists) implements Matcher {}

    /** A text starting with this, ignoring case. */
    record HasPrefix(String prefix) implements Matcher {}

    /** A list one of whose items matches: a primitive, or a predicate on an item object. */
    record Contains(Matcher value, Predicate item) implements Matcher {}

    /**
     * Parses a predicate from its JSON tree.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Predicate parse(Object json) {
        if (holdsNul(json)) {
            // No entity holds one (descriptors may not), and PostgreSQL refuses a parameter with one.
            throw new IllegalArgumentException("the query holds a NUL character (\\u0000); no entity holds one");
        }
        Predicate parsed = parseNode(Node.of(json));
        int terms = terms(parsed);
        if (terms > MAX_TERMS) {
            throw new IllegalArgumentException("the query has " + terms + " conditions and $in values; at most "
                    + MAX_TERMS + " are answered (look entities up by reference with POST /entities/by-refs)");
        }
        return parsed;
    }

    /** Whether a field path or value of a query's JSON tree holds a NUL character. */
    private static boolean holdsNul(Object json) {
        if (json instanceof String text) {
            return text.indexOf('\0') >= 0;
        }
        if (json instanceof Map<?, ?> map) {
            return map.entrySet().stream().anyMatch(e -> holdsNul(e.getKey()) || holdsNul(e.getValue()));
        }
        return json instanceof List<?> list && list.stream().anyMatch(Predicate::holdsNul);
    }

    /** Most conditions and {@code $in} values in one query: each is SQL the database must plan and run. */
    int MAX_TERMS = 10_000;

    private static int terms(Predicate p) {
        if (p instanceof All all) {
            return all.of().stream().mapToInt(Predicate::terms).sum();
        }
        if (p instanceof Any any) {
            return any.of().stream().mapToInt(Predicate::terms).sum();
        }
        if (p instanceof Not not) {
            return terms(not.predicate());
        }
        return ((Fields) p).fields().stream().mapToInt(f -> terms(f.matcher())).sum();
    }

    private static int terms(Matcher m) {
        if (m instanceof In in) {
            return Math.max(1, in.values().size());
        }
        if (m instanceof Contains c && c.item() != null) {
            return 1 + terms(c.item());
        }
        return 1;
    }

    private static Predicate parseNode(Node json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException(
                    "a query must be an object, e.g. {\"kind\": \"component\"}; not " + describe(json));
        }
        Map<String, Node> map = json.fields();
        for (String op : List.of("$all", "$any", "$not")) {
            if (map.containsKey(op)) {
                if (map.size() != 1) {
                    throw new IllegalArgumentException("operator " + op + " must be the only key of its object; wrap "
                            + "in $all to combine with other conditions");
                }
                Node inner = map.get(op);
                if (op.equals("$not")) {
                    return new Not(parseNode(inner));
                }
                if (!inner.isList()) {
                    throw new IllegalArgumentException(op + " must be a list of predicates");
                }
                List<Predicate> of = new ArrayList<>();
                inner.items().forEach(p -> of.add(parseNode(p)));
                return op.equals("$all") ? new All(of) : new Any(of);
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, Node> e : map.entrySet()) {
            String path = e.getKey();
            if (path.startsWith("$")) {
                throw new IllegalArgumentException(
                        "unknown operator " + path + "; expected $all, $any, $not or a" + " field path");
            }
            fields.add(new Field(path, matcher(path, e.getValue())));
        }
        return new Fields(fields);
    }

    private static Matcher matcher(String path, Node value) {
        if (isPrimitive(value)) {
            return new Eq(value.scalarText());
        }
        Map<String, Node> m = value.fields();
        if (m.size() == 1) {
            String op = m.keySet().iterator().next();
            Node arg = m.values().iterator().next();
            switch (op) {
                case "$exists":
                    if (arg.bool() != null) {
                        return new Exists(arg.bool());
                    }
                    break;
                case "$in":
                    if (arg.isList() && arg.items().stream().allMatch(Predicate::isPrimitive)) {
                        return new In(arg.items().stream().map(Node::scalarText).toList());
                    }
                    break;
                case "$hasPrefix":
                    if (arg.isString()) {
                        return new HasPrefix(arg.text());
                    }
                    break;
                case "$contains":
                    return isPrimitive(arg)
                            ? new Contains(new Eq(arg.scalarText()), null)
                            : new Contains(null, parseNode(arg));
                default:
                    break;
            }
            String takes = operand(op);
            if (takes != null) {
                // A known operator with the wrong operand: say what the operator takes, not that the value is an
                // object.
                throw new IllegalArgumentException(
                        "the value for field \"" + path + "\": " + op + " takes " + takes + ", not " + describe(arg));
            }
        }
        throw new IllegalArgumentException("the value for field \"" + path + "\" must be a string, number or boolean,"
                + " or {$exists: true|false}, {$in: [...]}, {$hasPrefix: \"...\"} or {$contains: ...}; not "
                + describe(value));
    }

    /** What an operator takes, for the message when it is given something else; {@code null} for no operator. */
    private static String operand(String op) {
        return switch (op) {
            case "$exists" -> "true or false";
            case "$in" -> "a list of strings, numbers or booleans";
            case "$hasPrefix" -> "a string";
            default -> null;
        };
    }

    /** A string, number or boolean. */
    private static boolean isPrimitive(Node v) {
        return v.scalarText() != null;
    }

    private static String describe(Node v) {
        return v.isMissing() ? "null" : v.isList() ? "a list" : v.isObject() ? "an object" : "\"" + v + "\"";
    }

    /** Evaluates the predicate on a JSON value, as Backstage's {@code evaluateFilterPredicate} does. */
    default boolean matches(Object value) {
        return matches(Node.of(value));
    }

    /** Evaluates the predicate on a value of a parsed tree. */
    default boolean matches(Node value) {
        if (this instanceof All a) {
            return a.of().stream().allMatch(p -> p.matches(value));
        }
        if (this instanceof Any a) {
            return a.of().stream().anyMatch(p -> p.matches(value));
        }
        if (this instanceof Not n) {
            return !n.predicate().matches(value);
        }
        for (Field f : ((Fields) this).fields()) {
            if (!matchValue(f.matcher(), at(value, f.path().split("\\."), 0))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchValue(Matcher m, Node value) {
        if (m instanceof Eq eq) {
            return equal(value, eq.value());
        }
        if (m instanceof In in) {
            return in.values().stream().anyMatch(v -> equal(value, v));
        }
        if (m instanceof Exists ex) {
            return ex.exists() == !value.isMissing();
        }
        if (m instanceof HasPrefix hp) {
            return value.isString()
                    && value.text()
                            .toUpperCase(Locale.ROOT)
                            .startsWith(hp.prefix().toUpperCase(Locale.ROOT));
        }
        Contains c = (Contains) m;
        return value.isList()
                && value.items().stream()
                        .anyMatch(v -> c.item() != null ? c.item().matches(v) : matchValue(c.value(), v));
    }

    private static boolean equal(Node value, String wanted) {
        return isPrimitive(value) && value.scalarText().equalsIgnoreCase(wanted);
    }

    /** The value at a dotted path; keys may themselves hold dots ({@code backstage.io/orphan}). */
    private static Node at(Node value, String[] parts, int from) {
        if (from == parts.length) {
            return value;
        }
        if (!value.isObject()) {
            return Node.MISSING;
        }
        for (int to = parts.length; to > from; to--) {
            String key = String.join(".", java.util.Arrays.copyOfRange(parts, from, to));
            Node found = at(value.get(key), parts, to);
            if (!found.isMissing()) {
                return found;
            }
        }
        return Node.MISSING;
    }
}
