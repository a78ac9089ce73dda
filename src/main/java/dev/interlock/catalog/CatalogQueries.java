package dev.interlock.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.util.RawValue;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.sql.Jdbc;

/**
 * Read side of the catalog: filters, ordering, pagination, full-text search and facets over the flattened
 * search table, answered with one page of entities at a time (never the whole catalog). Entities come back in
 * Backstage's shape (the JSON answer body), with their relations. The SQL of a query is {@link CatalogSql}'s, that of a
 * page {@link PageSql}'s; facet counts are {@link FacetCounts}'.
 */
@ApplicationScoped
public class CatalogQueries {

    /**
     * SQL that holds when the entity a column names (a relation's {@code r.target_ref}, say) is in the catalog: a
     * relation may name an entity that is not (an unresolved reference), and what is not in the catalog counts for
     * nothing (a maintainer nobody can call, a parent team without a page).
     */
    public static String inCatalog(String refColumn) {
        return "EXISTS (SELECT 1 FROM entities t WHERE t.entity_ref = " + refColumn + ")";
    }

    /** One page of a query: the entities and how many match in all. */
    public record Page(List<Map<String, Object>> items, long totalItems) {}

    /** One facet value and how many entities have it. */
    public record FacetCount(String value, long count) {}

    /**
     * What to look for.
     *
     * @param filter the filter
     * @param order sort fields, in order; empty sorts by entity reference
     * @param term full-text term, or {@code null}
     * @param textFields fields the term is looked for in; empty means all fields
     * @param predicate a predicate query (POST by-query), ANDed with the filter, or {@code null}
     */
    public record Query(
            EntityFilter filter, List<EntityOrder> order, String term, List<String> textFields, Predicate predicate) {

        /** A null among the text fields (of a cursor or body a client made up) names no field. */
        public Query {
            textFields = textFields == null
                    ? List.of()
                    : textFields.stream().filter(java.util.Objects::nonNull).toList();
        }

        /**
         * What a query matches, without its order: the question a count or facet answer is kept for.
         *
         * @param facets the facet fields counted, or none for a count of the entities
         */
        public record Matching(
                List<String> facets, EntityFilter filter, String term, List<String> textFields, Predicate predicate) {

            static Matching of(Query q) {
                return of(List.of(), q);
            }

            static Matching of(List<String> facets, Query q) {
                return new Matching(List.copyOf(facets), q.filter(), q.term(), q.textFields(), q.predicate());
            }
        }

        /** A query without a predicate (the GET forms). */
        public Query(EntityFilter filter, List<EntityOrder> order, String term, List<String> textFields) {
            this(filter, order, term, textFields, null);
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    EntityJson json;

    @Inject
    FacetCounts facetCounts;

    @Inject
    CatalogVersion version;

    @Inject
    CatalogConfig config;

    /** How many entities a query matches, kept until the catalog changes (every page of a list asks again). */
    private VersionedCache<Long> counts;

    @PostConstruct
    void init() {
        counts = new VersionedCache<>(config.facetCacheSize());
    }

    /** How many entities match. */
    public long count(Query query) {
        return counts.get(version.current(), Query.Matching.of(query), () -> countNow(query));
    }

    private long countNow(Query query) {
        CatalogSql sql = new CatalogSql("SELECT COUNT(*) FROM entities e WHERE ");
        sql.where(query);
        return run(c -> {
            long[] count = new long[1];
            sql.query(c, rs -> count[0] = rs.getLong(1));
            return count[0];
        });
    }

    /** One page of matching entities, in order, with relations; {@code limit < 0} means no limit. */
    public List<Map<String, Object>> list(Query query, int offset, int limit) {
        CatalogSql sql = PageSql.of(query, PageStart.at(offset), limit);
        return run(c -> new ArrayList<>(entities(c, sql).byRef().values()));
    }

    /**
     * A page of matching entities with relations, by reference, read from {@code start} ({@link PageStart}): in the
     * reverse order when read backwards. Ask for one more than the page holds to learn whether there is more.
     */
    public EntityPage.Rows<Map<String, Object>> rows(Query query, PageStart start, int limit) {
        CatalogSql sql = PageSql.of(query, start, limit);
        return run(c -> entities(c, sql));
    }

    /**
     * The same rows as {@link #rows}, each entity as the JSON text the API serves: the stored body is written out as it
     * is, not parsed and written again.
     */
    public EntityPage.Rows<RawValue> rowsJson(Query query, PageStart start, int limit) {
        CatalogSql sql = PageSql.of(query, start, limit);
        return run(c -> entitiesJson(c, sql));
    }

    /** The entity with this reference as the JSON text the API serves ({@link #rowsJson}). */
    public Optional<RawValue> byRefJson(EntityRef ref) {
        CatalogSql sql = oneSql("e.entity_ref = ?", ref.toString());
        return run(c -> entitiesJson(c, sql).byRef().values().stream().findFirst());
    }

    /** The entity with this uid as the JSON text the API serves ({@link #rowsJson}). */
    public Optional<RawValue> byUidJson(String uid) {
        CatalogSql sql = oneSql("e.id = ?", uid);
        return run(c -> entitiesJson(c, sql).byRef().values().stream().findFirst());
    }

    private EntityPage.Rows<RawValue> entitiesJson(Connection c, CatalogSql sql) throws SQLException {
        EntityPage.Rows<String> bodies = bodies(c, sql);
        Map<String, List<Map<String, Object>>> relations =
                RelationReader.of(c, bodies.byRef().keySet());
        Map<String, RawValue> out = new LinkedHashMap<>();
        bodies.byRef().forEach((ref, body) -> out.put(ref, json.served(body, relations.getOrDefault(ref, List.of()))));
        return new EntityPage.Rows<>(out, bodies.sortValues());
    }

    /** A page and the total count. */
    public Page page(Query query, int offset, int limit) {
        return new Page(list(query, offset, limit), count(query));
    }

    public Optional<Map<String, Object>> byRef(EntityRef ref) {
        return one("e.entity_ref = ?", ref.toString());
    }

    /** The entities with these references, in request order, {@code null} where there is none. */
    public List<Map<String, Object>> byRefs(List<EntityRef> refs) {
        return byRefs(refs, Set.of());
    }

    /**
     * The entities with these references, in request order, {@code null} where there is none, with only the relations
     * of these types (all of them when {@code relationTypes} is empty).
     */
    public List<Map<String, Object>> byRefs(List<EntityRef> refs, Set<RelationType> relationTypes) {
        List<String> keys = refs.stream().map(EntityRef::toString).distinct().toList();
        Map<String, Map<String, Object>> found = run(c -> {
            Map<String, Map<String, Object>> byRef = new LinkedHashMap<>();
            Jdbc.queryIn(
                    c,
                    "SELECT e.body, e.entity_ref FROM entities e WHERE e.entity_ref IN (IN)",
                    List.of(),
                    keys,
                    rs -> byRef.put(rs.getString(2), json.read(rs.getString(1))));
            attachRelations(c, byRef, relationTypes);
            return byRef;
        });
        List<Map<String, Object>> out = new ArrayList<>();
        for (EntityRef ref : refs) {
            out.add(found.get(ref.toString()));
        }
        return out;
    }

    /** Which of these canonical references name entities in the catalog. */
    public Set<String> existing(Collection<String> refs) {
        Set<String> out = new HashSet<>();
        run(c -> {
            Jdbc.queryIn(
                    c,
                    "SELECT entity_ref FROM entities WHERE entity_ref IN (IN)",
                    List.of(),
                    new LinkedHashSet<>(refs),
                    rs -> out.add(rs.getString(1)));
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
        return facetCounts.facets(facets, query);
    }

    private Optional<Map<String, Object>> one(String condition, String value) {
        CatalogSql sql = oneSql(condition, value);
        return run(c -> entities(c, sql).byRef().values().stream().findFirst());
    }

    private static CatalogSql oneSql(String condition, String value) {
        return new CatalogSql("SELECT e.body, e.entity_ref FROM entities e WHERE " + condition, value);
    }

    /**
     * Runs a query of {@code (body, entity_ref, sort values...)} rows: the entities by reference, in the query's order,
     * with their relations, and their sort values.
     */
    private EntityPage.Rows<Map<String, Object>> entities(Connection c, CatalogSql sql) throws SQLException {
        EntityPage.Rows<String> bodies = bodies(c, sql);
        Map<String, Map<String, Object>> byRef = new LinkedHashMap<>();
        bodies.byRef().forEach((ref, body) -> byRef.put(ref, json.read(body)));
        attachRelations(c, byRef);
        return new EntityPage.Rows<>(byRef, bodies.sortValues());
    }

    /** The stored bodies of a query of {@code (body, entity_ref, sort values...)} rows, by reference, in order. */
    private static EntityPage.Rows<String> bodies(Connection c, CatalogSql sql) throws SQLException {
        Map<String, String> bodies = new LinkedHashMap<>();
        Map<String, List<String>> sortValues = new HashMap<>();
        // The column count, read once per query: H2 builds a new metadata object on every call.
        int[] columns = {-1};
        sql.query(c, rs -> {
            if (columns[0] < 0) {
                columns[0] = rs.getMetaData().getColumnCount();
            }
            String ref = rs.getString(2);
            bodies.put(ref, rs.getString(1));
            List<String> values = new ArrayList<>();
            for (int i = 3; i <= columns[0]; i++) {
                values.add(rs.getString(i));
            }
            sortValues.put(ref, values);
        });
        return new EntityPage.Rows<>(bodies, sortValues);
    }

    /** Puts each entity's {@code relations}, both those its spec declares and their inverses. */
    private static void attachRelations(Connection c, Map<String, Map<String, Object>> byRef) throws SQLException {
        attachRelations(c, byRef, Set.of());
    }

    /** Puts each entity's {@code relations} of these types (all when empty), in both directions. */
    private static void attachRelations(Connection c, Map<String, Map<String, Object>> byRef, Set<RelationType> types)
            throws SQLException {
        Map<String, List<Map<String, Object>>> relations = RelationReader.of(c, byRef.keySet(), types);
        byRef.forEach((ref, entity) -> entity.put("relations", relations.getOrDefault(ref, List.of())));
    }

    private <T> T run(Jdbc.Work<T> work) {
        return Jdbc.run(dataSource, "catalog query", work);
    }
}
