package dev.interlock.catalog;

import dev.interlock.sql.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;

/**
 * Read side of the catalog: filters, ordering, pagination, full-text search and facets over the flattened
 * search table, answered with one page of entities at a time (never the whole catalog). Entities come back in
 * Backstage's shape, with their relations.
 */
@ApplicationScoped
public class CatalogQueries {

    /** One page of a query: the entities and how many match in all. */
    public record Page(List<Map<String, Object>> items, long totalItems) {
    }

    /** One facet value and how many entities have it. */
    public record FacetCount(String value, long count) {
    }

    /**
     * What to look for.
     *
     * @param filter the filter
     * @param order sort fields, in order; empty sorts by entity reference
     * @param term full-text term, or {@code null}
     * @param textFields fields the term is looked for in; empty means all fields
     * @param predicate a predicate query (POST by-query), ANDed with the filter, or {@code null}
     */
    public record Query(EntityFilter filter, List<EntityOrder> order, String term, List<String> textFields,
            Predicate predicate) {

        /** A query without a predicate (the GET forms). */
        public Query(EntityFilter filter, List<EntityOrder> order, String term, List<String> textFields) {
            this(filter, order, term, textFields, null);
        }
    }

    static final Map<String, String> COLUMNS = Map.of("kind", "e.kind", "metadata.namespace", "e.namespace",
            "metadata.name", "e.name", "metadata.uid", "e.id");
    private static final int IN_CHUNK = 500;

    /*
     * The relations table holds each relation once, as its spec produced it; the inverse (ownerOf for ownedBy, ...)
     * is read from the same row the other way round. These build the two directions in SQL.
     */
    private static final String INVERSE_TYPE = java.util.Arrays.stream(RelationType.values())
            .map(t -> "WHEN '" + t.id() + "' THEN '" + t.inverse().id() + "'")
            .collect(java.util.stream.Collectors.joining(" ", "CASE r.type ", " END"));
    /** (self, other) pairs of one relation type (first parameter) and its inverse (second parameter). */
    private static final String PAIRS_OF_TYPE = "SELECT r.source_ref AS self, r.target_ref AS other FROM relations r"
            + " WHERE r.type = ? UNION ALL SELECT r.target_ref, r.source_ref FROM relations r WHERE r.type = ?";

    @Inject
    DataSource dataSource;

    @Inject
    EntityJson json;

    @Inject
    CatalogVersion version;

    /** Facet counts by query, kept until the catalog changes (they are the costliest answers of the list page). */
    private final Map<String, List<FacetCount>> facetCache = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<FacetCount>> eldest) {
                    return size() > FACET_CACHE_SIZE;
                }
            });
    private static final int FACET_CACHE_SIZE = 2_000;
    private volatile long cachedVersion = -1;

    /** How many entities match. */
    public long count(Query query) {
        Sql sql = new Sql("SELECT COUNT(*) FROM entities e WHERE ");
        where(sql, query);
        return run(c -> {
            try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** One page of matching entities, in order, with relations; {@code limit < 0} means no limit. */
    public List<Map<String, Object>> list(Query query, int offset, int limit) {
        Sql sql = new Sql("SELECT e.body, e.entity_ref FROM entities e");
        List<String> orderBy = new ArrayList<>();
        int i = 0;
        for (EntityOrder order : query.order()) {
            String column = COLUMNS.get(order.field());
            String dir = order.ascending() ? " ASC" : " DESC";
            if (column != null) {
                orderBy.add(column + dir);
            } else {
                String alias = "o" + i++;
                sql.append(" LEFT JOIN (SELECT entity_id, MIN(search_value) AS v FROM search WHERE search_key = ?"
                        + " GROUP BY entity_id) " + alias + " ON " + alias + ".entity_id = e.id", order.field());
                orderBy.add(alias + ".v" + dir + " NULLS LAST");
            }
        }
        orderBy.add("e.entity_ref ASC");
        sql.append(" WHERE ");
        where(sql, query);
        sql.append(" ORDER BY " + String.join(", ", orderBy));
        if (limit >= 0) {
            sql.append(" LIMIT ? OFFSET ?", limit, offset);
        } else if (offset > 0) {
            sql.append(" OFFSET ?", offset);
        }
        return run(c -> new ArrayList<>(entities(c, sql).values()));
    }

    /** A page and the total count. */
    public Page page(Query query, int offset, int limit) {
        return new Page(list(query, offset, limit), count(query));
    }

    public Optional<Map<String, Object>> byRef(EntityRef ref) {
        return one("e.entity_ref = ?", ref.toString());
    }

    public Optional<Map<String, Object>> byUid(String uid) {
        return one("e.id = ?", uid);
    }

    /** The entities with these references, in request order, {@code null} where there is none. */
    public List<Map<String, Object>> byRefs(List<EntityRef> refs) {
        Map<String, Map<String, Object>> found = new HashMap<>();
        List<String> keys = refs.stream().map(EntityRef::toString).distinct().toList();
        run(c -> {
            for (int i = 0; i < keys.size(); i += IN_CHUNK) {
                List<String> chunk = keys.subList(i, Math.min(keys.size(), i + IN_CHUNK));
                Sql sql = new Sql("SELECT e.body, e.entity_ref FROM entities e WHERE e.entity_ref IN ("
                        + Jdbc.marks(chunk.size()) + ")");
                sql.params.addAll(chunk);
                found.putAll(entities(c, sql));
            }
            return null;
        });
        List<Map<String, Object>> out = new ArrayList<>();
        for (EntityRef ref : refs) {
            out.add(found.get(ref.toString()));
        }
        return out;
    }

    /** Which of these canonical references name entities in the catalog. */
    public java.util.Set<String> existing(java.util.Collection<String> refs) {
        java.util.Set<String> out = new java.util.HashSet<>();
        List<String> keys = new ArrayList<>(new java.util.LinkedHashSet<>(refs));
        run(c -> {
            for (int i = 0; i < keys.size(); i += IN_CHUNK) {
                List<String> chunk = keys.subList(i, Math.min(keys.size(), i + IN_CHUNK));
                Sql sql = new Sql("SELECT entity_ref FROM entities WHERE entity_ref IN (" + Jdbc.marks(chunk.size()) + ")");
                sql.params.addAll(chunk);
                try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** Counts per value of each facet field, over the entities the filter matches. */
    public Map<String, List<FacetCount>> facets(List<String> facets, EntityFilter filter) {
        return facets(facets, new Query(filter, List.of(), null, List.of()));
    }

    /** Counts per value of each facet field, over the entities the query (filter and full-text term) matches. */
    public Map<String, List<FacetCount>> facets(List<String> facets, Query query) {
        Map<String, List<FacetCount>> out = new LinkedHashMap<>();
        boolean everything = query.filter().alternatives().isEmpty() && (query.term() == null || query.term().isBlank())
                && query.predicate() == null;
        long seen = version.current();
        if (seen != cachedVersion) {
            // Answers of older versions can never be used again.
            facetCache.clear();
            cachedVersion = seen;
        }
        for (String facet : facets) {
            String cacheKey = seen + "|" + facet + "|" + query.filter() + "|" + query.term() + "|" + query.textFields() + "|" + query.predicate();
            List<FacetCount> cached = facetCache.get(cacheKey);
            if (cached != null) {
                out.put(facet, cached);
                continue;
            }
            String key = facet.toLowerCase(Locale.ROOT);
            Sql sql;
            if (key.equals("metadata.namespace") || key.equals("metadata.uid")) {
                String column = COLUMNS.get(key);
                // Namespaces and uids are lower-case by their format: the column holds them as written.
                sql = new Sql("SELECT " + column + ", COUNT(*) FROM entities e WHERE ");
                where(sql, query);
                sql.append(" GROUP BY " + column + " ORDER BY 2 DESC, 1");
            } else if (key.startsWith("relations.")) {
                String type = relationType(key);
                sql = new Sql("SELECT p.other, COUNT(DISTINCT p.self) FROM (" + PAIRS_OF_TYPE + ") p", type,
                        inverse(type));
                if (!everything) {
                    sql.append(" WHERE p.self IN (SELECT e.entity_ref FROM entities e WHERE ");
                    where(sql, query);
                    sql.append(")");
                }
                sql.append(" GROUP BY p.other ORDER BY 2 DESC, 1");
            } else {
                sql = new Sql("SELECT MIN(COALESCE(s.original_value, s.search_value)), COUNT(DISTINCT s.entity_id) FROM search s"
                        + " WHERE s.search_key = ? AND s.search_value IS NOT NULL", key);
                if (!everything) {
                    sql.append(" AND s.entity_id IN (SELECT e.id FROM entities e WHERE ");
                    where(sql, query);
                    sql.append(")");
                }
                sql.append(" GROUP BY s.search_value ORDER BY 2 DESC, 1");
            }
            Sql finalSql = sql;
            List<FacetCount> counts = run(c -> {
                List<FacetCount> rows = new ArrayList<>();
                try (PreparedStatement ps = finalSql.prepare(c); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new FacetCount(rs.getString(1), rs.getLong(2)));
                    }
                }
                return List.copyOf(rows);
            });
            facetCache.put(cacheKey, counts);
            out.put(facet, counts);
        }
        return out;
    }

    private Optional<Map<String, Object>> one(String condition, String value) {
        Sql sql = new Sql("SELECT e.body, e.entity_ref FROM entities e WHERE " + condition, value);
        return run(c -> entities(c, sql).values().stream().findFirst());
    }

    /**
     * Runs a query of {@code (body, entity_ref)} rows: the entities by reference, in the query's order, with their
     * relations.
     */
    private Map<String, Map<String, Object>> entities(Connection c, Sql sql) throws SQLException {
        Map<String, Map<String, Object>> byRef = new LinkedHashMap<>();
        try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byRef.put(rs.getString(2), json.read(rs.getString(1)));
            }
        }
        attachRelations(c, new ArrayList<>(byRef.values()), new ArrayList<>(byRef.keySet()));
        return byRef;
    }

    private void attachRelations(Connection c, List<Map<String, Object>> items, List<String> refs)
            throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        // Each entity's relations by (type, target), without duplicates (a relation both ends declare is read twice).
        // Sorted and made distinct here rather than by UNION and ORDER BY: cheaper for the database (two index
        // scans and nothing else) and the same order on every database, whatever its collation.
        Map<String, java.util.TreeMap<String, Map<String, Object>>> byRef = new HashMap<>();
        for (int i = 0; i < refs.size(); i += IN_CHUNK) {
            List<String> chunk = refs.subList(i, Math.min(refs.size(), i + IN_CHUNK));
            Sql sql = new Sql("SELECT r.source_ref, r.type, r.target_ref FROM relations r WHERE r.source_ref IN ("
                    + Jdbc.marks(chunk.size()) + ") UNION ALL SELECT r.target_ref, " + INVERSE_TYPE
                    + ", r.source_ref FROM relations r WHERE r.target_ref IN (" + Jdbc.marks(chunk.size()) + ")");
            sql.params.addAll(chunk);
            sql.params.addAll(chunk);
            try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2);
                    String targetRef = rs.getString(3);
                    byRef.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>())
                            .computeIfAbsent(type + '\u0000' + targetRef, k -> relation(type, targetRef));
                }
            }
        }
        for (int i = 0; i < items.size(); i++) {
            java.util.TreeMap<String, Map<String, Object>> relations = byRef.get(refs.get(i));
            items.get(i).put("relations", relations == null ? List.of() : new ArrayList<>(relations.values()));
        }
    }

    private static Map<String, Object> relation(String type, String targetRef) {
        EntityRef target = EntityRef.ofCanonical(targetRef);
        Map<String, Object> relation = new LinkedHashMap<>();
        relation.put("type", type);
        relation.put("targetRef", target.toString());
        relation.put("target", target.toMap());
        return relation;
    }

    private void where(Sql sql, Query query) {
        List<String> parts = new ArrayList<>();
        if (!query.filter().alternatives().isEmpty()) {
            List<String> ors = new ArrayList<>();
            for (List<EntityFilter.Condition> and : query.filter().alternatives()) {
                List<String> ands = new ArrayList<>();
                for (EntityFilter.Condition condition : and) {
                    ands.add(condition(sql, condition));
                }
                ors.add("(" + String.join(" AND ", ands) + ")");
            }
            parts.add("(" + String.join(" OR ", ors) + ")");
        }
        if (query.predicate() != null) {
            parts.add(PredicateSql.where(query.predicate(), (text, params) -> {
                sql.params.addAll(params);
                return text;
            }, c -> condition(sql, c)));
        }
        if (query.term() != null && !query.term().isBlank()) {
            String like = "%" + query.term().trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            StringBuilder s = new StringBuilder(
                    "e.id IN (SELECT s.entity_id FROM search s WHERE s.search_value LIKE ? ESCAPE '\\'");
            sql.params.add(like);
            if (!query.textFields().isEmpty()) {
                s.append(" AND s.search_key IN (").append(Jdbc.marks(query.textFields().size())).append(")");
                query.textFields().forEach(f -> sql.params.add(f.toLowerCase(Locale.ROOT)));
            }
            parts.add(s.append(")").toString());
        }
        sql.append(parts.isEmpty() ? "1=1" : String.join(" AND ", parts));
    }

    private static String condition(Sql sql, EntityFilter.Condition condition) {
        String key = condition.key();
        List<String> values = new ArrayList<>(condition.values());
        if (key.startsWith("relations.")) {
            String type = relationType(key);
            if (values.isEmpty()) {
                sql.params.add(type);
                sql.params.add(inverse(type));
                return "(EXISTS (SELECT 1 FROM relations r WHERE r.source_ref = e.entity_ref AND r.type = ?)"
                        + " OR EXISTS (SELECT 1 FROM relations r WHERE r.target_ref = e.entity_ref AND r.type = ?))";
            }
            sql.params.add(type);
            sql.params.addAll(values);
            sql.params.add(inverse(type));
            sql.params.addAll(values);
            return "(e.entity_ref IN (SELECT r.source_ref FROM relations r WHERE r.type = ? AND r.target_ref IN ("
                    + Jdbc.marks(values.size()) + ")) OR e.entity_ref IN (SELECT r.target_ref FROM relations r"
                    + " WHERE r.type = ? AND r.source_ref IN (" + Jdbc.marks(values.size()) + ")))";
        }
        String column = COLUMNS.get(key);
        if (column != null) {
            if (values.isEmpty()) {
                return "1=1";
            }
            sql.params.addAll(values);
            return column + " IN (" + Jdbc.marks(values.size()) + ")";
        }
        sql.params.add(key);
        if (values.isEmpty()) {
            return "EXISTS (SELECT 1 FROM search s WHERE s.entity_id = e.id AND s.search_key = ?)";
        }
        sql.params.addAll(values);
        return "e.id IN (SELECT s.entity_id FROM search s WHERE s.search_key = ? AND s.search_value IN ("
                + Jdbc.marks(values.size()) + "))";
    }

    /** The inverse of a relation type, or the type itself when it is not one the catalog knows. */
    private static String inverse(String type) {
        RelationType known = RelationType.byId(type);
        return known == null ? type : known.inverse().id();
    }

    private static String relationType(String key) {
        String wanted = key.substring("relations.".length());
        for (RelationType type : RelationType.values()) {
            if (type.id().equalsIgnoreCase(wanted)) {
                return type.id();
            }
        }
        return wanted;
    }



    /** A SQL text with its positional parameters. */
    private static final class Sql {
        final StringBuilder text;
        final List<Object> params = new ArrayList<>();

        Sql(String text, Object... params) {
            this.text = new StringBuilder(text);
            Collections.addAll(this.params, params);
        }

        void append(String more, Object... moreParams) {
            text.append(more);
            Collections.addAll(params, moreParams);
        }

        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(text.toString());
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps;
        }
    }

    private <T> T run(Jdbc.Work<T> work) {
        return Jdbc.run(dataSource, "catalog query", work);
    }
}
