package dev.interlock.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.interlock.descriptor.RelationType;
import dev.interlock.sql.Jdbc;

/**
 * The SQL of a catalog query: a text with its positional parameters, and the {@code WHERE} clause a
 * {@link CatalogQueries.Query} (filter, predicate, full-text term) comes to, shared by listing, counting and facets.
 */
final class CatalogSql {

    /** Fields the entities table holds as columns (answered without the search table). */
    static final Map<String, String> COLUMNS = Map.of(
            "kind", "e.kind", "metadata.namespace", "e.namespace", "metadata.name", "e.name", "metadata.uid", "e.id");

    /*
     * The relations table holds each relation once, as its spec produced it; the inverse (ownerOf for ownedBy, ...)
     * is read from the same row the other way round. These build the two directions in SQL.
     */
    static final String INVERSE_TYPE = Arrays.stream(RelationType.values())
            .map(t -> "WHEN '" + t.id() + "' THEN '" + t.inverse().id() + "'")
            .collect(Collectors.joining(" ", "CASE r.type ", " END"));
    /** (self, other) pairs of one relation type (first parameter) and its inverse (second parameter). */
    static final String PAIRS_OF_TYPE = "SELECT r.source_ref AS self, r.target_ref AS other FROM relations r"
            + " WHERE r.type = ? UNION ALL SELECT r.target_ref, r.source_ref FROM relations r WHERE r.type = ?";

    final StringBuilder text;
    final List<Object> params = new ArrayList<>();

    CatalogSql(String text, Object... params) {
        this.text = new StringBuilder(text);
        Collections.addAll(this.params, params);
    }

    void append(String more, Object... moreParams) {
        text.append(more);
        Collections.addAll(params, moreParams);
    }

    /** Runs the query and reads each row. */
    void query(Connection c, Jdbc.Row row) throws SQLException {
        Jdbc.query(c, text.toString(), params, row);
    }

    PreparedStatement prepare(Connection c) throws SQLException {
        PreparedStatement ps = c.prepareStatement(text.toString());
        Jdbc.bind(ps, params, 1);
        return ps;
    }

    /** Appends the conditions of a query on {@code entities e}; {@code 1=1} when it has none. */
    void where(CatalogQueries.Query query) {
        List<String> parts = new ArrayList<>();
        if (!query.filter().alternatives().isEmpty()) {
            List<String> ors = new ArrayList<>();
            for (List<EntityFilter.Condition> and : query.filter().alternatives()) {
                List<String> ands = new ArrayList<>();
                for (EntityFilter.Condition condition : and) {
                    ands.add(condition(condition));
                }
                ors.add("(" + String.join(" AND ", ands) + ")");
            }
            parts.add("(" + String.join(" OR ", ors) + ")");
        }
        if (query.predicate() != null) {
            parts.add(PredicateSql.where(
                    query.predicate(),
                    (text, params) -> {
                        this.params.addAll(params);
                        return text;
                    },
                    this::condition));
        }
        if (query.term() != null && !query.term().isBlank()) {
            String like = "%"
                    + query.term()
                            .trim()
                            .toLowerCase(Locale.ROOT)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_")
                    + "%";
            StringBuilder s = new StringBuilder(
                    "e.id IN (SELECT s.entity_id FROM search s WHERE s.search_value LIKE ? ESCAPE '\\'");
            params.add(like);
            if (!query.textFields().isEmpty()) {
                s.append(" AND s.search_key IN (")
                        .append(Jdbc.marks(query.textFields().size()))
                        .append(")");
                query.textFields().forEach(f -> params.add(f.toLowerCase(Locale.ROOT)));
            }
            parts.add(s.append(")").toString());
        }
        append(parts.isEmpty() ? "1=1" : String.join(" AND ", parts));
    }

    private String condition(EntityFilter.Condition condition) {
        String key = condition.key();
        List<String> values = new ArrayList<>(condition.values());
        if (key.startsWith("relations.")) {
            String type = relationType(key);
            if (values.isEmpty()) {
                params.add(type);
                params.add(inverse(type));
                return "(EXISTS (SELECT 1 FROM relations r WHERE r.source_ref = e.entity_ref AND r.type = ?)"
                        + " OR EXISTS (SELECT 1 FROM relations r WHERE r.target_ref = e.entity_ref AND r.type = ?))";
            }
            params.add(type);
            params.addAll(values);
            params.add(inverse(type));
            params.addAll(values);
            return "(e.entity_ref IN (SELECT r.source_ref FROM relations r WHERE r.type = ? AND r.target_ref IN ("
                    + Jdbc.marks(values.size()) + ")) OR e.entity_ref IN (SELECT r.target_ref FROM relations r"
                    + " WHERE r.type = ? AND r.source_ref IN (" + Jdbc.marks(values.size()) + ")))";
        }
        String column = COLUMNS.get(key);
        if (column != null) {
            if (values.isEmpty()) {
                return "1=1";
            }
            params.addAll(values);
            return column + " IN (" + Jdbc.marks(values.size()) + ")";
        }
        params.add(key);
        if (values.isEmpty()) {
            return "EXISTS (SELECT 1 FROM search s WHERE s.entity_id = e.id AND s.search_key = ?)";
        }
        params.addAll(values);
        return "e.id IN (SELECT s.entity_id FROM search s WHERE s.search_key = ? AND s.search_value IN ("
                + Jdbc.marks(values.size()) + "))";
    }

    /** The inverse of a relation type, or the type itself when it is not one the catalog knows. */
    static String inverse(String type) {
        RelationType known = RelationType.byId(type);
        return known == null ? type : known.inverse().id();
    }

    /** The relation type a {@code relations.<type>} key names, in the catalog's spelling when it knows it. */
    static String relationType(String key) {
        String wanted = key.substring("relations.".length());
        for (RelationType type : RelationType.values()) {
            if (type.id().equalsIgnoreCase(wanted)) {
                return type.id();
            }
        }
        return wanted;
    }
}
