package dev.interlock.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns a {@link Predicate} into a SQL condition on {@code entities e}, built from the same conditions as the GET
 * filters (search-table and relation sub-queries, entity columns), so predicate queries are as fast as filters.
 */
final class PredicateSql {

    private PredicateSql() {}

    /**
     * The condition, its parameters added in text order.
     *
     * @param raw adds a SQL text's parameters and answers the text
     * @param condition answers the SQL of a filter condition (adding its parameters)
     */
    static String where(
            Predicate predicate,
            BiFunction<String, List<Object>, String> raw,
            Function<EntityFilter.Condition, String> condition) {
        if (predicate instanceof Predicate.All all) {
            return join(all.of(), " AND ", "1=1", raw, condition);
        }
        if (predicate instanceof Predicate.Any any) {
            return join(any.of(), " OR ", "1=0", raw, condition);
        }
        if (predicate instanceof Predicate.Not not) {
            return "NOT (" + where(not.predicate(), raw, condition) + ")";
        }
        List<String> parts = new ArrayList<>();
        for (Predicate.Field f : ((Predicate.Fields) predicate).fields()) {
            parts.add(field(f.key(), f.matcher(), raw, condition));
        }
        return parts.isEmpty() ? "1=1" : "(" + String.join(" AND ", parts) + ")";
    }

    private static String join(
            List<Predicate> of,
            String op,
            String empty,
            BiFunction<String, List<Object>, String> raw,
            Function<EntityFilter.Condition, String> condition) {
        if (of.isEmpty()) {
            return empty;
        }
        List<String> parts = new ArrayList<>();
        for (Predicate p : of) {
            parts.add(where(p, raw, condition));
        }
        return "(" + String.join(op, parts) + ")";
    }

    private static String field(
            String key,
            Predicate.Matcher matcher,
            BiFunction<String, List<Object>, String> raw,
            Function<EntityFilter.Condition, String> condition) {
        if (matcher instanceof Predicate.Eq eq) {
            return condition.apply(new EntityFilter.Condition(key, Set.of(lower(eq.value()))));
        }
        if (matcher instanceof Predicate.In in) {
            if (in.values().isEmpty()) {
                return "1=0";
            }
            Set<String> values = new LinkedHashSet<>();
            in.values().forEach(v -> values.add(lower(v)));
            return condition.apply(new EntityFilter.Condition(key, values));
        }
        if (matcher instanceof Predicate.Exists ex) {
            String exists = condition.apply(new EntityFilter.Condition(key, Set.of()));
            return ex.exists() ? exists : "NOT (" + exists + ")";
        }
        if (matcher instanceof Predicate.HasPrefix hp) {
            String like =
                    lower(hp.prefix()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            String column = CatalogSql.COLUMNS.get(key);
            if (column != null) {
                return raw.apply(column + " LIKE ? ESCAPE '\\'", List.of(like));
            }
            if (key.startsWith("relations.")) {
                String type = key.substring("relations.".length());
                return raw.apply(
                        "(e.entity_ref IN (SELECT r.source_ref FROM relations r WHERE LOWER(r.type) = ? AND"
                                + " r.target_ref LIKE ? ESCAPE '\\'))",
                        List.of(type, like));
            }
            return raw.apply(
                    "e.id IN (SELECT s.entity_id FROM search s WHERE s.search_key = ? AND s.search_value"
                            + " LIKE ? ESCAPE '\\')",
                    List.of(key, like));
        }
        Predicate.Contains contains = (Predicate.Contains) matcher;
        if (contains.value() != null) {
            // List items share their list's key in the search table.
            return field(key, contains.value(), raw, condition);
        }
        return containsItem(key, contains.item(), raw, condition);
    }

    /** {@code relations: {$contains: {type, targetRef}}} and, generally, conditions on the fields of one item. */
    private static String containsItem(
            String key,
            Predicate item,
            BiFunction<String, List<Object>, String> raw,
            Function<EntityFilter.Condition, String> condition) {
        if (!(item instanceof Predicate.Fields fields)) {
            throw new IllegalArgumentException(
                    "$contains on \"" + key + "\" supports a value or an object of field" + " conditions");
        }
        if (key.equals("relations")) {
            String type = null;
            Predicate.Matcher target = null;
            for (Predicate.Field f : fields.fields()) {
                if (f.key().equals("type") && f.matcher() instanceof Predicate.Eq eq) {
                    type = eq.value();
                } else if (f.key().equals("targetref")) {
                    target = f.matcher();
                }
            }
            if (type != null) {
                return field(
                        "relations." + type.toLowerCase(Locale.ROOT),
                        target == null ? new Predicate.Exists(true) : target,
                        raw,
                        condition);
            }
        }
        List<String> parts = new ArrayList<>();
        for (Predicate.Field f : fields.fields()) {
            parts.add(field(key + "." + f.key(), f.matcher(), raw, condition));
        }
        return parts.isEmpty() ? "1=1" : "(" + String.join(" AND ", parts) + ")";
    }

    private static String lower(String v) {
        return v.toLowerCase(Locale.ROOT);
    }
}
